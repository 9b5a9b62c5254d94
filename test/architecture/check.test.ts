// The checker's own tests: synthetic sources, one violation of each rule, each of which must be
// flagged, and clean sources that must pass — so the architecture test can fail.
import { describe, expect, it } from 'vitest';
import { checkArchitecture, importCycles, LAYERS, packageOf, type Violation } from './check.js';

const check = (files: Readonly<Record<string, string>>, layers = LAYERS): Violation[] =>
  checkArchitecture(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    layers,
  );
/** The violations of one file, as `line rule`. */
const flagged = (path: string, text: string): string[] =>
  check({ [path]: text }).map((v) => `${v.line} ${v.rule}`);

describe('checkArchitecture: imports', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';", 'a static import of a Node built-in'],
    ["import fs from 'fs';", 'a Node built-in without node:'],
    ["export async function f() { return import('node:fs'); }", 'a dynamic import()'],
    ["const fs = require('fs');", 'require()'],
    ["import fs = require('fs');", 'import = require()'],
    ["export * from '../../io/csv.js';", 're-export of an outer layer'],
    ["export { parse } from 'csv-parse/sync';", 're-export of a package'],
    ["import type { Store } from '../../store/store.js';", 'a type-only import of an outer layer'],
    ["export type S = import('../../store/store.js').Store;", "an import('…') type"],
    ['/// <reference types="node" />\nexport const x = 1;', 'a reference to Node types'],
    ["import { z } from 'zod';\nimport { Command } from 'commander';", 'a package beyond zod'],
  ])('flags in the core: %s (%s)', (text) => {
    expect(flagged('src/core/tally/x.ts', text).length).toBeGreaterThan(0);
  });

  it('lets the core import itself, zod and pure-rand (subpaths too)', () => {
    expect(
      flagged(
        'src/core/tally/x.ts',
        [
          "import { z } from 'zod';",
          "import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';",
          "import type { Acta } from '../model/acta.js';",
          "export { issue } from '../issues.js';",
          "export async function f() { return import('./aggregate.js'); }",
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('flags an import() or require() it cannot read, in any layer', () => {
    expect(flagged('src/cli/x.ts', 'export const f = (m: string) => import(m);')).toEqual([
      '1 unreadable',
    ]);
    expect(flagged('src/io/x.ts', 'export const f = (m: string) => require(m);')).toEqual([
      '1 unreadable',
    ]);
  });

  it.each([
    ['src/io/x.ts', "import { buildApi } from '../api/server.js';"],
    ['src/io/x.ts', "import type { Store } from '../store/store.js';"],
    ['src/store/sqlite/x.ts', "import { buildApi } from '../../api/server.js';"],
    ['src/store/x.ts', "import { getResults } from '../results/service.js';"],
    ['src/ingest/x.ts', "import { SqliteStore } from '../store/sqlite/sqlite-store.js';"],
    ['src/ingest/x.ts', "import { verifyChains } from '../store/audit.js';"],
    ['src/results/x.ts', "import { SqliteStore } from '../store/sqlite/sqlite-store.js';"],
    ['src/results/x.ts', "import { PgStore } from '../store/postgres/pg-store.js';"],
    ['src/results/x.ts', "export async function f() { return import('../store/open.js'); }"],
    ['src/results/x.ts', "import { ingestFile } from '../ingest/ingest.js';"],
    ['src/api/x.ts', "import { SqliteStore } from '../store/sqlite/sqlite-store.js';"],
    ['src/api/x.ts', "import { replay } from '../projection/replay.js';"],
    ['src/elections/x.ts', "import { buildResults } from '../results/documents.js';"],
    ['src/elections/x.ts', "import { type ResultUnit } from '../results/documents.js';"],
    ['src/elections/x.ts', "import { ingestFile } from '../ingest/ingest.js';"],
    ['src/projection/x.ts', "import { buildApi } from '../api/server.js';"],
    ['src/test-utils/x.ts', "import type { Store } from '../store/store.js';"],
  ])('flags %s: %s', (path, text) => {
    expect(flagged(path, text)).toEqual(['1 layer']);
  });

  it.each(Object.keys(LAYERS).filter((l) => l !== 'cli'))(
    'flags %s importing the CLI, or the API (only the CLI imports the API)',
    (layer) => {
      const up = layer === 'store' ? '../..' : '..';
      const path = layer === 'store' ? 'src/store/sqlite/x.ts' : `src/${layer}/x.ts`;
      const text = [
        `import { runCli } from '${up}/cli/program.js';`,
        ...(layer === 'api' ? [] : [`import { buildApi } from '${up}/api/server.js';`]),
      ].join('\n');
      expect(flagged(path, text).length).toBe(layer === 'api' ? 1 : 2);
    },
  );

  it('flags a driver or framework outside its layer, also as a type', () => {
    expect(flagged('src/results/x.ts', "import pg from 'pg';")).toEqual(['1 package']);
    expect(flagged('src/ingest/x.ts', "import type Database from 'better-sqlite3';")).toEqual([
      '1 package',
    ]);
    expect(flagged('src/store/x.ts', "import { Command } from 'commander';")).toEqual([
      '1 package',
    ]);
  });

  it('flags an import that leaves src/', () => {
    expect(flagged('src/store/x.ts', "import { tempDir } from '../../test/helpers.js';")).toEqual([
      '1 outside-src',
    ]);
  });

  it('lets each layer import what its rule lists', () => {
    const clean = {
      'src/io/a.ts':
        "import { issue } from '../core/issues.js';\nimport { readFileSync } from 'node:fs';",
      'src/store/sqlite/a.ts':
        "import Database from 'better-sqlite3';\nimport { GENESIS } from '../audit.js';\nimport type { Acta } from '../../core/model/acta.js';\nimport { dataPath } from '../../io/paths.js';",
      'src/ingest/a.ts':
        "import type { Store } from '../store/store.js';\nimport { readCsvRows } from './rows.js';\nimport { parseCount } from '../io/numbers.js';",
      'src/results/a.ts':
        "import type { Store } from '../store/store.js';\nimport { published } from '../elections/published.js';\nimport { createHash } from 'node:crypto';",
      'src/api/a.ts':
        "import Fastify from 'fastify';\nimport { getResults } from '../results/service.js';\nimport { ingestFile } from '../ingest/ingest.js';\nimport type { Store } from '../store/store.js';\nimport { builtInElection } from '../elections/catalog.js';",
      'src/elections/a.ts':
        "import type { ResultUnit } from '../results/documents.js';\nimport type { PublishedUnit } from '../store/store.js';\nimport { dataPath } from '../io/paths.js';",
      'src/projection/a.ts':
        "import { SqliteStore } from '../store/sqlite/sqlite-store.js';\nimport { ingestFile } from '../ingest/ingest.js';\nimport { getProjection } from '../results/projection.js';",
      'src/cli/a.ts':
        "import { buildApi } from '../api/server.js';\nimport { openStore } from '../store/open.js';\nimport { Command } from 'commander';\nimport { replay } from '../projection/replay.js';",
      'src/test-utils/a.ts':
        "import fc from 'fast-check';\nimport { DHONDT } from '../core/allocation/methods.js';",
    };
    expect(check(clean)).toEqual([]);
  });

  it('skips colocated tests: they are test code', () => {
    expect(
      flagged(
        'src/core/x.test.ts',
        "import { readFileSync } from 'node:fs';\nimport { cli } from '../../test/helpers.js';\nconsole.log(Date.now());",
      ),
    ).toEqual([]);
  });
});

describe('checkArchitecture: layers', () => {
  it('flags a folder under src/ that has no rule, and a file in src/ itself', () => {
    expect(check({ 'src/plugins/pe/places.ts': 'export const X = 1;' })).toEqual([
      expect.objectContaining({ rule: 'undeclared-layer', file: 'src/plugins/pe/places.ts' }),
    ]);
    expect(check({ 'src/index.ts': 'export const X = 1;' })).toEqual([
      expect.objectContaining({ rule: 'undeclared-layer' }),
    ]);
  });

  it('checks a declared new layer by its rule', () => {
    const layers = {
      ...LAYERS,
      plugins: { imports: ['core', 'io'], packages: 'any' as const },
    };
    expect(
      check(
        {
          'src/plugins/pe/places.ts':
            "import { issue } from '../../core/issues.js';\nimport { dataPath } from '../../io/paths.js';",
        },
        layers,
      ),
    ).toEqual([]);
    expect(
      check(
        { 'src/plugins/pe/places.ts': "import type { Store } from '../../store/store.js';" },
        layers,
      ),
    ).toEqual([expect.objectContaining({ rule: 'layer' })]);
  });
});

describe('checkArchitecture: a pure core', () => {
  it.each([
    'export const env = process.env;',
    'export const t = () => Date.now();',
    'export const d = () => new Date();',
    'export class Clock extends Date {}',
    'export const log = (x: unknown) => console.log(x);',
    'export const r = () => Math.random();',
    "export const r = () => Math['random']();",
    'export const { random } = Math;',
    'export const m = Math;',
    'export const t = () => performance.now();',
    'export const later = (f: () => void) => setTimeout(f, 1);',
    'export const later = (f: () => void) => setInterval(f, 1);',
    "export const get = () => fetch('https://example.org');",
    'export const u = () => crypto.randomUUID();',
    'export const env = globalThis.process.env;',
    "export const env = globalThis['process'].env;",
    'export const env = globalThis[`process`].env;',
    'export const env = global.process.env;',
    'export const env = (globalThis as any).process;',
    'export const env = globalThis?.process;',
    "export const get = () => window.fetch('x');",
    'export const later = (f: () => void) => self.setTimeout(f, 1);',
    'export const r = () => globalThis.Math.random();',
    "export const r = () => globalThis['Math']['random']();",
    'export const t = () => globalThis.globalThis.Date.now();',
    'export const g = globalThis;',
    'export const p = (k: string) => (globalThis as Record<string, unknown>)[k];',
    'export const o = { console };',
    "export const has = typeof process !== 'undefined';",
    "export const x = eval('process');",
    "export const f = new Function('return process');",
    'declare const process: { env: unknown };\nexport const env = process.env;',
  ])('flags %s', (text) => {
    expect(
      check({ 'src/core/x.ts': text }).filter((v) => v.rule === 'global').length,
    ).toBeGreaterThan(0);
  });

  it('names what was reached, and the line', () => {
    expect(
      check({
        'src/core/x.ts': "export const a = 1;\nexport const env = globalThis['process'].env;",
      }).map((v) => `${v.line} ${v.message}`),
    ).toEqual(['2 globalThis.process']);
  });

  it('passes local names, members and types that only share a global name', () => {
    const text = [
      'const process = (x: number): number => x + 1;',
      'export const a = process(1);',
      'export function log(console: { log: (x: unknown) => void }): void { console.log(1); }',
      'export const b = Math.max(1, 2) + Math.floor(Math.PI);',
      'export const o = { process: 1, Date: 2, random: () => 3 };',
      'export const c = o.process + o.Date + o.random();',
      'export type When = Date;',
      'export interface Clock { now: typeof Date.now; t: Date }',
      'export const { process: p } = { process: 4 };',
      'export class C implements Clock { now = () => 0; t = null as unknown as When; }',
      'export const m = import.meta;',
      'label: for (;;) { break label; }',
    ].join('\n');
    expect(check({ 'src/core/x.ts': text })).toEqual([]);
  });

  it('lets other layers use globals', () => {
    expect(
      check({ 'src/cli/x.ts': 'export const t = () => Date.now() + Number(process.env.X);' }),
    ).toEqual([]);
  });
});

describe('packageOf', () => {
  it('names the package of a specifier', () => {
    expect(
      ['pure-rand/generator/x', '@fastify/compress', '@a/b/c', 'node:fs/promises', 'zod'].map(
        packageOf,
      ),
    ).toEqual(['pure-rand', '@fastify/compress', '@a/b', 'node:fs', 'zod']);
  });
});

describe('importCycles', () => {
  const cycles = (files: Readonly<Record<string, string>>): string[][] =>
    importCycles(Object.entries(files).map(([path, text]) => ({ path, text })));

  it('finds a cycle through a type-only import, and one through a re-export and a self import', () => {
    expect(
      cycles({
        'src/core/a.ts': "import { b } from './b.js';\nexport const a = b;",
        'src/core/b.ts': "import type { C } from './sub/c.js';\nexport const b = 1;",
        'src/core/sub/c.ts': "export type { A } from '../a.js';\nexport type C = number;",
        'src/io/d.ts': "import { d } from '/src/io/d.js';\nexport { d };",
        'src/io/e.ts': "import { a } from '../core/a.js';\nexport const e = a;",
      }),
    ).toEqual([['src/core/a.ts', 'src/core/b.ts', 'src/core/sub/c.ts'], ['src/io/d.ts']]);
  });

  it("finds none in a chain, nor through a test file or a package's name", () => {
    expect(
      cycles({
        'src/core/a.ts': "import { b } from './b.js';\nexport const a = b;",
        'src/core/b.ts': "import { z } from 'zod';\nexport const b = z;",
        'src/core/a.test.ts': "import { a } from './a.js';\nimport { t } from './b.js';",
        'src/core/b.test.ts': "import { x } from './a.test.js';",
      }),
    ).toEqual([]);
  });
});
