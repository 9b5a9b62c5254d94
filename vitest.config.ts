import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: [
      'test/tmp-global-setup.ts',
      'test/pg-global-setup.ts',
      'test/web-global-setup.ts',
    ],
  },
});
