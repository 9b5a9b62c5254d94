// The cross-check gives a mesa's figuresHash as each file reads it (review 26 M3): the same hash
// the mesa's acta document gives a version imported from that file, so the acta view can tell a
// version from another capture with the publication's figures from one with other figures.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareService } from '../src/api/compare.js';
import { bundledElection } from '../src/elections/manifests.js';
import { compareFiles } from '../src/ingest/compare-files.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { servedFigures } from '../src/results/document-schemas.js';
import { figuresHash } from '../src/results/figures-hash.js';
import { getActa } from '../src/results/service.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from './helpers.js';

const dir = tempDir('cifra-compare-hash-');
const HEADER =
  'UBIGEO,DEPARTAMENTO,PROVINCIA,DISTRITO,TIPO_ELECCION,MESA_DE_VOTACION,DESCRIP_ESTADO_ACTA,TIPO_OBSERVACION,N_CVAS,N_ELEC_HABIL,VOTOS_P1,VOTOS_P2,VOTOS_VB,VOTOS_VN,VOTOS_VI';
const row = (mesa: string, state: string, figures: string) =>
  `010101,AMAZONAS,CHACHAPOYAS,CHACHAPOYAS,PRESIDENCIAL,${mesa},${state},,${figures}`;
const ONPE = join(dir, 'onpe.csv');
writeFileSync(
  ONPE,
  [
    HEADER,
    row('000001', 'CONTABILIZADA', '100,300,60,30,4,6,'),
    row('000004', 'SIN INSTALAR', ',300,,,,,'),
  ].join('\n') + '\n',
);
const election = bundledElection('pe-2021-presidencial-segunda');
if (!election) throw new Error('pe-2021-presidencial-segunda');
const hash = (a: Parameters<typeof servedFigures>[0] & Parameters<typeof figuresHash>[0]) =>
  figuresHash(servedFigures(a));

describe("a comparison's figures by mesa", () => {
  it("are the hashes the acta documents give the file's versions (a mesa without figures too)", async () => {
    const r = await compareFiles({
      election,
      a: { file: ONPE },
      b: { file: ONPE },
      figuresHash: hash,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const store = new SqliteStore(join(dir, 's.db'));
    await store.migrate();
    await store.putElection(election);
    expect((await ingestFile(store, { file: ONPE, election, now: fixedClock })).ok).toBe(true);
    for (const mesa of ['000001', '000004']) {
      const doc = await getActa(store, election.id, mesa);
      expect(doc.ok).toBe(true);
      if (!doc.ok) return;
      expect(r.value.figures.a?.get(mesa)).toBe(doc.value.history[0]?.figuresHash);
      expect(r.value.figures.b?.get(mesa)).toBe(doc.value.history[0]?.figuresHash);
    }
    await store.close();
  });

  it('are not computed unless asked for', async () => {
    const r = await compareFiles({ election, a: { file: ONPE }, b: { file: ONPE } });
    expect(r.ok && r.value.figures).toEqual({ a: null, b: null });
  });
});

describe('GET /api/v1/compare with a mesa', () => {
  it("gives the mesa's figuresHash in the publication's file, null in a column map's", async () => {
    const compare = compareService();
    const q = { election: election.id, a: 'onpe', b: 'ronderos', offset: 0, limit: 1 };
    const one = await compare({ ...q, mesa: '012438' });
    expect(one.ok).toBe(true);
    if (!one.ok) return;
    expect(one.value.figuresHash?.a).toMatch(/^[0-9a-f]{64}$/);
    expect(one.value.figuresHash?.b).toBeNull();
    // a page of the whole comparison carries none
    const page = await compare(q);
    expect(page.ok && page.value.figuresHash).toBeUndefined();
  }, 240_000);
});
