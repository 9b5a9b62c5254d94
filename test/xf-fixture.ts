// Freedonia ("xf"): a made-up jurisdiction that is not Peru (levels region → municipality, a place
// table, national code XF) and its 2026 parliament election (10 seats in 3 regions, D'Hondt, 5 %),
// from test/fixtures/xf/. It proves the API, `cifra publish` and the dashboard need no Peru.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { electionDefOf, loadManifest } from '../src/elections/manifests.js';
import { ingestFile, type IngestReport } from '../src/ingest/ingest.js';
import type { ElectionDef } from '../src/core/model/acta.js';
import { PROJECT_ROOT } from '../src/io/paths.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from './helpers.js';

export const XF_DIR = join(PROJECT_ROOT, 'test', 'fixtures', 'xf');
export const XF_ELECTION = 'xf-2026-parlamento';

/**
 * A new SQLite store at `file` with Freedonia's election and its six actas ingested; the
 * jurisdiction from `jurisdiction` (a folder named xf, found as `--jurisdictions` finds it), the
 * fixture's own by default.
 */
export function xfStore(
  file: string,
  jurisdiction = join(XF_DIR, 'jurisdictions', 'xf'),
): Promise<SqliteStore> {
  return manifestStore(file, join(XF_DIR, 'xf-2026.json'), dirname(jurisdiction));
}

/**
 * A new SQLite store at `file` with the election of the manifest at `manifest` (its jurisdiction
 * from the folder `jurisdictions`, as `--jurisdictions` finds it), its first source ingested, then
 * each of `later` (files, in order: a second source's versions of some actas).
 */
export async function manifestStore(
  file: string,
  manifest: string,
  jurisdictions: string,
  later: readonly string[] = [],
): Promise<SqliteStore> {
  const m = loadManifest(manifest, { jurisdictions });
  if (!m.ok) throw new Error(JSON.stringify(m.error));
  const def = electionDefOf(m.value);
  const store = new SqliteStore(file);
  await store.migrate();
  await store.putElection(def);
  for (const f of [m.value.files[0] ?? '', ...later]) {
    const r = await ingestFile(store, { file: f, election: def, now: fixedClock });
    expect(r.ok).toBe(true);
  }
  return store;
}

/**
 * Freedonia with mesa 00006 pending, under a manifest whose `status` is `status` (null: the
 * fixture's own), copied to a new folder: a new SQLite store at `db` in it, its election and actas
 * ingested.
 */
export function xfWithPendingMesa(
  prefix: string,
  db: string,
  status: unknown,
): Promise<SqliteStore> {
  const dir = tempDir(prefix);
  cpSync(XF_DIR, dir, { recursive: true });
  const actas = join(dir, 'actas.csv');
  writeFileSync(
    actas,
    readFileSync(actas, 'utf8').replace(/^00006,(\d+),COUNTED,/m, '00006,$1,PENDING,'),
  );
  const file = join(dir, 'xf-2026.json');
  const m = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify(status === null ? m : { ...m, status }));
  return manifestStore(join(dir, db), file, join(dir, 'jurisdictions'));
}

/**
 * Quedonia (test/fixtures/xq) in a new SQLite store at `file`, its actas ingested, and an `ingest`
 * of further files into it (an import or a correction, at a cut if given) that throws on issues.
 */
export async function xqIngester(file: string) {
  const xq = join(PROJECT_ROOT, 'test', 'fixtures', 'xq');
  const store = await manifestStore(file, join(xq, 'xq-2026.json'), join(xq, 'jurisdictions'));
  const election = (await store.getElection('xq-2026-parlamento')) as ElectionDef;
  const ingest = async (
    f: string,
    mode: 'import' | 'correction',
    cut?: string,
  ): Promise<IngestReport> => {
    const r = await ingestFile(store, {
      ...{ file: f, election, mode, now: fixedClock },
      ...(cut === undefined ? {} : { cut }),
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.report;
  };
  return { store, election, ingest, dir: xq };
}

/** The declarations of Freedonia's made-up map and borders (test/fixtures/xf-map/README.md). */
export const XF_MAP = {
  adjacency: { file: 'adjacency.json', level: 'region' },
  geography: {
    kind: 'features',
    file: 'regions.geojson',
    level: 'region',
    code: 'REGION_ID',
    name: 'REGION_NAME',
  },
};

/**
 * Freedonia's jurisdiction folder copied to a temp dir (a folder named xf), with the files of
 * test/fixtures/xf-map beside its jurisdiction.json and `extra` merged into it (XF_MAP declares
 * them).
 */
export function mappedXf(extra: Record<string, unknown>): string {
  const folder = join(tempDir('cifra-jur-geo-'), 'xf');
  cpSync(join(XF_DIR, 'jurisdictions', 'xf'), folder, { recursive: true });
  const map = join(PROJECT_ROOT, 'test', 'fixtures', 'xf-map');
  for (const f of ['adjacency.json', 'regions.geojson']) cpSync(join(map, f), join(folder, f));
  const file = join(folder, 'jurisdiction.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...json, ...extra }));
  return folder;
}

/**
 * Freedonia under a manifest that declares a universe of its six municipalities (one acta each,
 * the fixture's electors; `extra` more actas expected in Zeta, none loaded), copied to a new
 * folder: a new SQLite store at `db` in it, its election and actas ingested. `lines`: the
 * universe's CSV lines instead (a broken one).
 */
export function xfWithUniverse(
  prefix: string,
  db: string,
  extra = 0,
  lines?: readonly string[],
): Promise<SqliteStore> {
  const dir = tempDir(prefix);
  cpSync(XF_DIR, dir, { recursive: true });
  const [, ...rows] = readFileSync(join(dir, 'actas.csv'), 'utf8').trim().split('\n');
  const names = ['Alfa', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta'];
  const universe = rows.map((r, i) => {
    const [, ubigeo, , eligible] = r.split(',');
    return `${ubigeo},${names[i]},${eligible},${i === 5 ? 1 + extra : 1}`;
  });
  writeFileSync(
    join(dir, 'universe.csv'),
    ['code,name,eligible,actas_total', ...(lines ?? universe)].join('\n') + '\n',
  );
  const file = join(dir, 'xf-2026.json');
  const m = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const status = { kind: 'provisional', pctCounted: '100.000', cut: '2026-05-02' };
  const declared = { file: 'universe.csv', publisher: 'a test universe (made up)' };
  writeFileSync(file, JSON.stringify({ ...m, status, universe: declared }));
  return manifestStore(join(dir, db), file, join(dir, 'jurisdictions'));
}
