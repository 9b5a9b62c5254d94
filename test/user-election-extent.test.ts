// A user's acta election (a manifest given by path, README "Adding an election") keeps its
// universe once stored: served results read the manifest again from its file. Before, every
// served lookup found manifests by bundled id only, so a user's partial file of the 2021 runoff
// read "final · 100.000 % of actas".
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../src/api/server.js';
import { electionDefOf, loadManifest, provenanceFile } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { dataPath } from '../src/io/paths.js';
import { getProjection } from '../src/results/projection.js';
import { getProgress } from '../src/results/service.js';
import { getSummary } from '../src/results/summary.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from './helpers.js';

const BUNDLED = 'pe-2021-presidencial-segunda';
const ID = 'mi-segunda-vuelta';
const R2 = 'peru/2021/presidential_r2/';
const ROWS = 3_000;

/** The bundled runoff's manifest as a user would copy it beside their files, with their id. */
function userManifest(dir: string): string {
  const m = JSON.parse(readFileSync(dataPath(`elections/${BUNDLED}.json`), 'utf8')) as Record<
    string,
    unknown
  > & { sources: Record<string, unknown>[]; universe: Record<string, unknown> };
  const [header, ...rows] = gunzipSync(
    readFileSync(dataPath(`${R2}onpe_resultados_por_mesa_presidencial_2021_2da_vuelta.csv.gz`)),
  )
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');
  writeFileSync(join(dir, 'actas.csv'), [header, ...rows.slice(0, ROWS)].join('\n') + '\n');
  copyFileSync(dataPath(`${R2}universe_2021_r2_departments.csv`), join(dir, 'universe.csv'));
  writeFileSync(join(dir, 'PROVENANCE.md'), '# A test copy of ONPE 2021 runoff rows\n');
  const manifest = {
    ...m,
    crossCheck: undefined,
    pollingPlaces: undefined,
    id: ID,
    provenance: 'PROVENANCE.md',
    sources: [{ ...m.sources[0], file: 'actas.csv', sha256: undefined }],
    universe: { ...m.universe, file: 'universe.csv', sha256: undefined },
  };
  const path = join(dir, `${ID}.json`);
  writeFileSync(path, JSON.stringify(manifest));
  return path;
}

describe("a user's acta election, ingested from a manifest file", () => {
  const dir = tempDir('cifra-user-election-');
  let store: SqliteStore;
  let path: string;
  beforeAll(async () => {
    path = userManifest(dir);
    const loaded = loadManifest(path);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
    store = new SqliteStore(join(dir, 'cifra.db'));
    await store.migrate();
    const def = electionDefOf(loaded.value);
    await store.putElection(def);
    const r = await ingestFile(store, {
      file: loaded.value.files[0] ?? '',
      election: def,
      now: fixedClock,
    });
    expect(r.ok, JSON.stringify(r.ok ? null : r.issues)).toBe(true);
  });
  afterAll(() => store.close());

  it('stores where its manifest is; a bundled one is found by id', async () => {
    expect((await store.getElection(ID))?.manifest?.path).toBe(path);
    const bundled = loadManifest(BUNDLED);
    if (!bundled.ok) throw new Error(BUNDLED);
    expect(electionDefOf(bundled.value).manifest?.path).toBeUndefined();
  });

  it("is a partial count over its universe's actas, not the whole count", async () => {
    const [head, ...universe] = readFileSync(join(dir, 'universe.csv'), 'utf8').trim().split('\n');
    const column = head?.split(',').indexOf('actas_total') ?? -1;
    const expected = universe.reduce((a, l) => a + Number(l.split(',')[column]), 0);
    expect(expected).toBeGreaterThan(80_000);
    const p = await getProgress(store, ID);
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    expect(p.value.actas?.total).toBe(expected);
    expect(p.value.actasNotLoaded).toBe(expected - ROWS);
    const s = await getSummary(store, ID);
    if (!s.ok) throw new Error(JSON.stringify(s.issues));
    expect(s.value.status.kind).toBe('provisional');
    expect(Number(s.value.status.pctCounted)).toBeLessThan(5);
    expect(s.value).toMatchObject({ settled: false, outcome: null });
  });

  it('projects the units with no acta loaded, from the universe', async () => {
    const def = await store.getElection(ID);
    if (!def) throw new Error(ID);
    const p = await getProjection(store, def, { seed: 7, sims: 100 });
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    expect(p.value.unitsAbsent?.length).toBeGreaterThan(5);
  });

  it('names its own PROVENANCE.md beside the manifest, not the one cifra bundles', async () => {
    const p = await getProgress(store, ID);
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    // the note as the manifest names it (beside it): no folder of the server's in a document
    expect(p.value.about?.provenance).toBe('PROVENANCE.md');
    const bundled = loadManifest(BUNDLED);
    if (!bundled.ok) throw new Error(BUNDLED);
    expect(provenanceFile(bundled.value.manifest.provenance)).toBe(dataPath(`${R2}PROVENANCE.md`));
  });

  it('says its universe is lost when the manifest has moved, rather than passing for the count', async () => {
    rmSync(path);
    // a new process: the documents of this revision are not in memory
    await store.close();
    store = new SqliteStore(join(dir, 'cifra.db'));
    const s = await getSummary(store, ID);
    const status = s.ok ? s.value.status : null;
    expect(status?.kind).not.toBe('final');
    expect(JSON.stringify(s.ok ? s.value : s.issues)).toContain('unknown_election');
  });

  it('is listed with the status its summary has, over the API, while its universe is lost', async () => {
    // review 7 (H3): the list read the store alone, and said "final" of a count it cannot bound
    const app = await buildApi({ store, tokenHash: null });
    try {
      const list = await app.inject({ method: 'GET', url: '/api/v1/elections' });
      const summary = await app.inject({
        method: 'GET',
        url: `/api/v1/elections/${ID}/summary.json`,
      });
      expect(summary.statusCode, summary.body).toBe(200);
      const listed = (
        list.json() as { elections: { id: string; status?: string }[] }
      ).elections.find((e) => e.id === ID);
      const kind = (summary.json() as { status: { kind: string } }).status.kind;
      expect(kind).toBe('provisional');
      expect(listed?.status).toBe(kind);
    } finally {
      await app.close();
    }
  });
});
