// One linter (typescript-eslint) and one formatter (Prettier). The core's purity rules live
// here (the cheap part) and in test/architecture/check.ts, whose AST walk also checks every
// layer's imports against the layer table (test/architecture.test.ts runs it on src/).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      'test-artifacts/**',
      '.bench-cache/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        // web/ has its own tsconfig.json (DOM lib), found by the project service
        projectService: { allowDefaultProject: ['*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      eqeqeq: 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'path',
                'os',
                'http',
                'https',
                'child_process',
                'zlib',
                'crypto',
                'better-sqlite3',
                'pg',
                'fastify',
                'commander',
                'csv-parse',
                'csv-parse/*',
              ],
              message: 'the core is pure: no I/O modules',
            },
            {
              group: ['**/io/**', '**/cli/**', '**/store/**', '**/api/**', '**/web/**'],
              message: 'the core must not import outer layers',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'process',
        'console',
        'Date',
        'setTimeout',
        'setInterval',
        'setImmediate',
        'queueMicrotask',
        'fetch',
        'performance',
        'crypto',
        'require',
        'eval',
        'Function',
        // the global object reaches all of the above
        'globalThis',
        'global',
        'window',
        'self',
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression', message: 'the core is pure: no dynamic import()' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'pass a seeded Rng' },
        { object: 'Date', property: 'now', message: 'the clock comes in as a parameter' },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
