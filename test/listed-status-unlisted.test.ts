// The elections list says what the summary says with an unlisted mesa (review s36, MEDIUM): the
// list took max(stored actas, the universe's), and a stored acta of a mesa the election does not
// list counted as one of the universe's. Chachapoyas (district 010101, 73 actas in the list and
// the universe), a real acta (mesa 000013) not loaded and a made-up mesa 999999 in its place, the
// manifest final: the summary says provisional, 73 of 74; the list said final (73 of 73).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { electionDefOf, loadManifest } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { dataPath } from '../src/io/paths.js';
import { listElections } from '../src/results/service.js';
import { getSummary } from '../src/results/summary.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from './helpers.js';

const BUNDLED = 'pe-2021-presidencial-segunda';
const ID = 'chachapoyas-segunda';
const R2 = 'peru/2021/presidential_r2/';

/** The runoff's manifest over Chachapoyas alone: its rows less 000013, plus 999999; its list kept. */
function chachapoyas(dir: string): string {
  type Manifest = Record<string, unknown> & {
    sources: Record<string, unknown>[];
    universe: Record<string, unknown>;
    crossCheck: Record<string, unknown>[];
  };
  const m = JSON.parse(readFileSync(dataPath(`elections/${BUNDLED}.json`), 'utf8')) as Manifest;
  const [header = '', ...all] = gunzipSync(
    readFileSync(dataPath(`${R2}onpe_resultados_por_mesa_presidencial_2021_2da_vuelta.csv.gz`)),
  )
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');
  const rows = all.filter((l) => l.startsWith('"010101"'));
  const [real = '', ...rest] = rows;
  expect(real).toContain('"000013"');
  const madeUp = real.replace('"000013"', '"999999"');
  writeFileSync(join(dir, 'actas.csv'), [header, ...rest, madeUp].join('\n') + '\n');
  const at = header.split(',').indexOf('"N_ELEC_HABIL"');
  const eligible = rows.reduce((a, l) => a + Number(l.split(',')[at]), 0);
  writeFileSync(
    join(dir, 'universe.csv'),
    `code,name,eligible,actas_total\n010101,CHACHAPOYAS,${eligible},${rows.length}\n`,
  );
  writeFileSync(join(dir, 'PROVENANCE.md'), '# A test copy of ONPE 2021 runoff rows\n');
  const manifest = {
    ...m,
    id: ID,
    provenance: 'PROVENANCE.md',
    sources: [{ ...m.sources[0], file: 'actas.csv', sha256: undefined }],
    universe: { ...m.universe, file: 'universe.csv', sha256: undefined },
    crossCheck: m.crossCheck.map((c) => ({
      ...c,
      file: dataPath(`${R2}${String(c.file).split('/').pop()}`),
    })),
  };
  const path = join(dir, `${ID}.json`);
  writeFileSync(path, JSON.stringify(manifest));
  return path;
}

describe('the elections list and the summary with an unlisted mesa', () => {
  it('agree: provisional, the made-up acta filling no expected one', async () => {
    const dir = tempDir('cifra-listed-unlisted-');
    const loaded = loadManifest(chachapoyas(dir));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
    const def = electionDefOf(loaded.value);
    const store = new SqliteStore(join(dir, 'cifra.db'));
    try {
      await store.migrate();
      await store.putElection(def);
      const file = loaded.value.files[0] ?? '';
      const r = await ingestFile(store, { file, election: def, now: fixedClock });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      const s = await getSummary(store, ID);
      if (!s.ok) throw new Error(JSON.stringify(s.issues));
      expect(s.value.count).toMatchObject({ complete: false, actasTotal: 74 });
      expect(s.value.status.kind).toBe('provisional');
      const listed = (await listElections(store)).find((e) => e.id === ID);
      expect(listed?.status).toBe(s.value.status.kind);
    } finally {
      await store.close();
    }
  });
});
