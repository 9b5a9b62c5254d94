// A manifest's note on the results' figures (`resultsNote`): Spain's % base (candidacy votes,
// blank ballots out; LOREG art. 96.5 counts them as valid) said beside the national figures — in
// the summary the page and the static site read, and in `cifra results` — not at the end of the
// seats note, far from the bars where the % are read. Failed on the old code: no field, no note
// in the summary, the sentence in the seats document's note.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS } from '../src/api/paths.js';
import { SeatsSchema, SummarySchema } from '../src/api/schemas.js';
import { buildApi, hashToken } from '../src/api/server.js';
import { ManifestSchema } from '../src/core/model/manifest.js';
import { dataPath } from '../src/io/paths.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { cli, tempDir } from './helpers.js';

const ES = 'es-2023-congreso';
const PE = 'pe-2026-presidencial';
const db = join(tempDir('cifra-results-note-'), 'n.db');
let store: SqliteStore;
let app: FastifyInstance;

beforeAll(async () => {
  store = new SqliteStore(db);
  await store.migrate();
  for (const id of [ES, PE]) expect((await putPublishedElection(store, id)).ok, id).toBe(true);
  app = await buildApi({ store, tokenHash: hashToken('results-note-token') });
});

afterAll(async () => {
  await app.close();
  await store.close();
});

const summaryOf = async (id: string) => {
  const res = await app.inject({ method: 'GET', url: PATHS.document(id, 'summary') });
  expect(res.statusCode).toBe(200);
  return SummarySchema.parse(res.json());
};

describe('the manifest field resultsNote', () => {
  const manifest = (): Record<string, unknown> =>
    JSON.parse(readFileSync(dataPath('elections', `${ES}.json`), 'utf8')) as Record<
      string,
      unknown
    >;

  it('is a sentence in both languages, or absent', () => {
    expect(ManifestSchema.safeParse(manifest()).success).toBe(true);
    const without = manifest();
    delete without['resultsNote'];
    expect(ManifestSchema.safeParse(without).success).toBe(true);
    for (const bad of ['only one language', { es: 'solo español' }, { es: '', en: 'x' }])
      expect(ManifestSchema.safeParse({ ...manifest(), resultsNote: bad }).success, `${bad}`).toBe(
        false,
      );
  });
});

describe("Spain's % base beside the national figures", () => {
  it('the summary carries it in both languages; an election without one says null', async () => {
    const es = await summaryOf(ES);
    expect(es.note?.es).toContain(
      'sin los votos en blanco; la ley española cuenta el voto en blanco como válido (LOREG art. 96.5)',
    );
    expect(es.note?.en).toContain(
      'without blank ballots; Spanish law counts blank ballots as valid (LOREG art. 96.5)',
    );
    expect((await summaryOf(PE)).note).toBeNull();
  });

  it('the seats note no longer carries it (it is about seats only)', async () => {
    const res = await app.inject({ method: 'GET', url: PATHS.document(ES, 'seats') });
    expect(res.statusCode).toBe(200);
    expect(JSON.stringify(SeatsSchema.parse(res.json()))).not.toContain('96.5');
  });

  it('cifra results prints it on one line, in the run language, at any level', async () => {
    const en = await cli('results', '--db', db, '--election', ES);
    expect(en.code, en.err).toBe(0);
    const line = en.out.split('\n').filter((l) => l.includes('LOREG art. 96.5'));
    expect(line).toHaveLength(1);
    expect(line[0]).toMatch(/^The "% valid" is over the votes for candidacies/);
    const es = await cli('results', '--db', db, '--election', ES, '--lang', 'es');
    expect(es.out).toContain('la ley española cuenta el voto en blanco como válido');
    const provinces = await cli('results', '--db', db, '--election', ES, '--level', 'province');
    expect(provinces.out).toContain('LOREG art. 96.5');
    const pe = await cli('results', '--db', db, '--election', PE);
    expect(pe.out).not.toContain('LOREG');
  });
});
