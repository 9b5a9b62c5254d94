// The progress document says what its count of actas is measured against (session 35): an
// election without a universe (the total is whatever the files brought) is not one whose universe
// is all loaded. Before, both served `actasNotLoaded: 0`, and the dashboard told a mesa searched in
// Freedonia (no universe) that it was "not found in this election", as if its six actas were all.
// Freedonia in three forms: no universe, a universe its six actas fill, one with an acta to come.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProgressSchema } from '../src/results/document-schemas.js';
import { getProgress } from '../src/results/service.js';
import { tempDir } from './helpers.js';
import { XF_DIR, XF_ELECTION, manifestStore, xfStore } from './xf-fixture.js';

/** Freedonia's six municipalities, one acta each, with their electors (the fixture's actas.csv). */
const UNIVERSE = [
  ['0101', 'Alfa', 6745],
  ['0102', 'Beta', 4835],
  ['0201', 'Gamma', 4325],
  ['0202', 'Delta', 3235],
  ['0301', 'Epsilon', 3065],
  ['0302', 'Zeta', 2515],
] as const;

/** Freedonia under a manifest declaring a universe of `rows` (CSV lines after the header). */
async function withUniverse(prefix: string, rows: readonly string[]) {
  const dir = tempDir(prefix);
  cpSync(XF_DIR, dir, { recursive: true });
  writeFileSync(
    join(dir, 'universe.csv'),
    ['code,name,eligible,actas_total', ...rows].join('\n') + '\n',
  );
  const file = join(dir, 'xf-2026.json');
  const m = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const universe = { file: 'universe.csv', publisher: 'a test universe (made up)' };
  writeFileSync(
    file,
    JSON.stringify({
      ...m,
      status: { kind: 'provisional', pctCounted: '100.000', cut: '2026-05-02' },
      universe,
    }),
  );
  return manifestStore(join(dir, 'u.db'), file, join(dir, 'jurisdictions'));
}

const rowsOf = (extra: number): string[] =>
  UNIVERSE.map(
    ([code, name, eligible], i) => `${code},${name},${eligible},${i === 5 ? 1 + extra : 1}`,
  );

async function progressOf(store: Awaited<ReturnType<typeof xfStore>>) {
  const p = await getProgress(store, XF_ELECTION);
  if (!p.ok) throw new Error(JSON.stringify(p.error));
  // the served document is the schema's (the OpenAPI's)
  expect(ProgressSchema.safeParse(p.value).success).toBe(true);
  return p.value;
}

describe("the progress document: a count's universe, or none", () => {
  it('no universe: the actas to come are unknown (null), said as no universe, never 0', async () => {
    const store = await xfStore(join(tempDir('cifra-universe-none-'), 'n.db'));
    const p = await progressOf(store);
    expect(p.actas?.total).toBe(6);
    expect(p.universe).toBe('none');
    expect(p.actasNotLoaded).toBeNull();
    store.close();
  });

  it('a universe its six actas fill: known, none to load', async () => {
    const store = await withUniverse('cifra-universe-full-', rowsOf(0));
    const p = await progressOf(store);
    expect(p.actas?.total).toBe(6);
    expect(p.universe).toBe('known');
    expect(p.actasNotLoaded).toBe(0);
    store.close();
  });

  it('a universe with an acta still to load: known, 1 to load, in the total', async () => {
    const store = await withUniverse('cifra-universe-partial-', rowsOf(1));
    const p = await progressOf(store);
    expect(p.actas?.total).toBe(7);
    expect(p.universe).toBe('known');
    expect(p.actasNotLoaded).toBe(1);
    store.close();
  });

  it('a universe whose codes are no level of the jurisdiction: unreadable, the actas to come unknown', async () => {
    const store = await withUniverse('cifra-universe-bad-', [
      '01,Norte,11580,2',
      '0201,Gamma,4325,1',
    ]);
    const p = await progressOf(store);
    expect(p.universe).toBe('unreadable');
    expect(p.actasNotLoaded).toBeNull();
    store.close();
  });
});
