import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { ElectionDef } from '../src/core/model/acta.js';
import { bundledElection } from '../src/elections/manifests.js';
import { PROJECT_ROOT } from '../src/io/paths.js';
import { requireJurisdiction } from '../src/jurisdictions/load.js';

/** Where the shared baselines live (benchmarks only; tests and the demo never read them). */
export const BASELINES = resolve(
  process.env['CIFRA_BASELINES'] ?? join(PROJECT_ROOT, '..', 'shared', 'bench'),
);
export const CACHE = join(PROJECT_ROOT, '.bench-cache');

export function baselinesPresent(): boolean {
  return existsSync(join(BASELINES, 'ref_dhondt.mjs'));
}

/** A writable copy of the baselines (shared/ is read-only) with generated inputs. */
export function prepareBaselines(): string {
  const dir = join(CACHE, 'baselines');
  if (!existsSync(join(dir, 'ref_dhondt.mjs'))) {
    mkdirSync(dir, { recursive: true });
    cpSync(BASELINES, dir, { recursive: true });
  }
  mkdirSync(join(dir, 'data'), { recursive: true });
  const gen = (file: string, args: string[]): void => {
    const out = join(dir, 'data', file);
    if (!existsSync(out))
      writeFileSync(out, execFileSync('node', args, { cwd: dir, maxBuffer: 1 << 30 }));
  };
  gen('districts.json', ['gen_districts.mjs', '42']);
  gen('scenarios.jsonl', ['perturb.mjs', 'data/districts.json', '1000', '7']);
  return dir;
}

export interface BenchInput {
  readonly threshold: number;
  readonly parties?: readonly string[];
  readonly districts: readonly {
    readonly name: string;
    readonly seats: number;
    readonly votes: Readonly<Record<string, number>>;
  }[];
}

export function loadInputs(path: string): BenchInput[] {
  const text = readFileSync(path, 'utf8');
  return path.endsWith('.jsonl')
    ? text
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as BenchInput)
    : [JSON.parse(text) as BenchInput];
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** A built-in election, or for the synthetic file one with choices P1…Pn. */
export function benchElection(id: string, choices: number): ElectionDef {
  return (
    bundledElection(id) ?? {
      id,
      label: id,
      ruleset: 'pe-2026-diputados',
      jurisdiction: 'pe',
      choices: Array.from({ length: choices }, (_, i) => ({
        id: `P${i + 1}`,
        label: `P${i + 1}`,
        party: `P${i + 1}`,
      })),
    }
  );
}

/**
 * The place check of a bench ingest: Peru's (its place table loaded before timing). The synthetic
 * generator invents ~2,000 district codes; for it (`any-ubigeo`) any code of a real department is
 * accepted, so the store does the same work as on a real file.
 */
export function benchUbigeoCheck(mode: string | undefined): (ubigeo: string) => boolean {
  const pe = requireJurisdiction('pe');
  return mode === 'any-ubigeo'
    ? (u) => /^(0[1-9]|1\d|2[0-5]|9[1-5])\d{4}$/.test(u)
    : pe.isKnownPlace;
}
