// cifra-json carries an acta's observation (why it is at the JEE) as the CSV formats do: the
// reader dropped it (session 26). Round trip: a store's actas written as cifra-json lines, ingested
// into another store, keep it; and a new observation on the same figures is observation_change.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Acta } from '../src/core/model/acta.js';
import { ingestFile, type IngestFormat } from '../src/ingest/ingest.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from './helpers.js';
import { NIGHT } from './mesa-night.js';
import { NIGHT_HEADER } from './night-csv.js';

const dir = tempDir('cifra-json-observation-');

async function storeOf(name: string): Promise<SqliteStore> {
  const store = new SqliteStore(join(dir, name));
  await store.migrate();
  await store.putElection(NIGHT);
  return store;
}

async function ingest(store: SqliteStore, name: string, text: string, format: IngestFormat) {
  const file = join(dir, name);
  writeFileSync(file, text);
  const r = await ingestFile(store, { election: NIGHT, file, format, now: fixedClock });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.report;
}

/** An acta as a cifra-json line (docs/ingest.md), its observation where it has one. */
const jsonLine = (a: Acta): string =>
  JSON.stringify({
    mesa: a.mesa,
    ubigeo: a.ubigeo,
    state: a.state,
    eligible: a.eligible,
    voters: a.voters,
    votes: a.votes && Object.fromEntries(NIGHT.choices.map((c, i) => [c.id, a.votes?.[i]])),
    blank: a.blank,
    null: a.null,
    impugned: a.impugned,
    ...(a.observation === undefined ? {} : { observation: a.observation }),
  });

const observationsOf = async (store: SqliteStore) =>
  Object.fromEntries(
    (await store.currentActas(NIGHT.id)).map((a) => [a.mesa, a.observation ?? null]),
  );

describe('cifra-json: the observation', () => {
  it("keeps it through a round trip: a store's actas as cifra-json, ingested into another", async () => {
    const source = await storeOf('a.db');
    await ingest(
      source,
      'a.csv',
      `${NIGHT_HEADER},observation\n` +
        '000001,010101,OBSERVADA,300,130,3,2,0,70,55,ERROR MATERIAL\n' +
        '000002,010101,CONTABILIZADA,300,130,3,2,0,70,55,\n',
      'cifra-csv',
    );
    const actas = await source.currentActas(NIGHT.id);
    const copy = await storeOf('b.db');
    await ingest(copy, 'b.jsonl', actas.map(jsonLine).join('\n') + '\n', 'cifra-json');
    expect(await observationsOf(copy)).toEqual({ '000001': 'ERROR MATERIAL', '000002': null });
    expect(await observationsOf(copy)).toEqual(await observationsOf(source));
    await source.close();
    await copy.close();
  });

  it('takes it trimmed, none where blank; a new one on the same figures is an observation change', async () => {
    const store = await storeOf('c.db');
    const line = (mesa: string, observation: string) =>
      JSON.stringify({
        mesa,
        ubigeo: '010101',
        state: 'jee',
        eligible: 300,
        voters: 130,
        votes: { FP: 70, JP: 55 },
        blank: 3,
        null: 2,
        observation,
      });
    await ingest(
      store,
      'c1.jsonl',
      `${line('000001', '  ERROR MATERIAL ')}\n${line('000002', '  ')}\n`,
      'cifra-json',
    );
    expect(await observationsOf(store)).toEqual({ '000001': 'ERROR MATERIAL', '000002': null });
    const report = await ingest(
      store,
      'c2.jsonl',
      `${line('000001', 'ILEGIBILIDAD')}\n`,
      'cifra-json',
    );
    expect(report).toMatchObject({ observationChanges: 1, stateChanges: 0 });
    const history = await store.actaHistory(NIGHT.id, '000001');
    expect(history.map((h) => [h.version, h.kind, h.acta.observation])).toEqual([
      [1, 'new', 'ERROR MATERIAL'],
      [2, 'observation_change', 'ILEGIBILIDAD'],
    ]);
    await store.close();
  });
});
