// The layering rule, enforced in the test run: the core is pure (no I/O, clock, randomness or
// console) and imports nothing outside itself but zod and pure-rand; outer layers depend on the
// core, never the reverse. ESLint checks the same on every lint; this test also reads the import
// graph, so a rule switched off in a lint comment still fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}
const src = files(join(ROOT, 'src')).filter((f) => f.endsWith('.ts'));
const core = src.filter((f) => f.includes('/src/core/') && !f.endsWith('.test.ts'));
const importsOf = (f: string): string[] =>
  [...readFileSync(f, 'utf8').matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map(
    (m) => m[1] as string,
  );

describe('architecture', () => {
  it('the core imports only itself, zod and pure-rand', () => {
    expect(core.length).toBeGreaterThan(10);
    const bad: string[] = [];
    for (const f of core) {
      for (const spec of importsOf(f)) {
        if (spec.startsWith('.')) {
          const target = resolve(dirname(f), spec);
          if (!target.startsWith(join(ROOT, 'src', 'core')))
            bad.push(`${relative(ROOT, f)} → ${spec}`);
        } else if (!(spec === 'zod' || spec.startsWith('pure-rand/'))) {
          bad.push(`${relative(ROOT, f)} → ${spec}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('the core uses no clock, no Math.random, no console and no process', () => {
    const bad: string[] = [];
    for (const f of core) {
      const text = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const pattern of [
        /\bMath\.random\b/,
        /\bDate\b/,
        /\bconsole\./,
        /\bprocess\./,
        /\bperformance\./,
        /\bsetTimeout\b/,
      ]) {
        if (pattern.test(text)) bad.push(`${relative(ROOT, f)}: ${pattern}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('nothing imports the CLI: io, ingest, store, results and api stay below it', () => {
    const io = src.filter((f) => /\/src\/(io|ingest|store|results|api)\//.test(f));
    const bad = io.flatMap((f) =>
      importsOf(f)
        .filter((s) => s.includes('/cli/'))
        .map((s) => `${relative(ROOT, f)} → ${s}`),
    );
    expect(bad).toEqual([]);
  });

  it('src/jurisdictions imports only the core and io (and node:)', () => {
    const dir = join(ROOT, 'src', 'jurisdictions');
    const mine = src.filter((f) => f.startsWith(dir + '/') && !f.endsWith('.test.ts'));
    expect(mine.length).toBeGreaterThan(0);
    const allowed = [join(ROOT, 'src', 'core'), join(ROOT, 'src', 'io'), dir];
    const bad = mine.flatMap((f) =>
      importsOf(f)
        .filter((spec) =>
          spec.startsWith('.')
            ? !allowed.some((a) => resolve(dirname(f), spec).startsWith(a + '/'))
            : !spec.startsWith('node:'),
        )
        .map((spec) => `${relative(ROOT, f)} → ${spec}`),
    );
    expect(bad).toEqual([]);
  });

  it('file names are kebab-case', () => {
    const all = [
      ...src,
      ...files(join(ROOT, 'test')).filter((f) => f.endsWith('.ts')),
      ...files(join(ROOT, 'bench')).filter((f) => f.endsWith('.ts')),
    ];
    const bad = all
      .map((f) => relative(ROOT, f))
      .filter((f) => !/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(f.split('/').pop() ?? ''));
    expect(bad).toEqual([]);
  });
});
