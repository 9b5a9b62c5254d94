// A quarantined row of a mesa the election does not list is no acta still to come (review s36,
// MEDIUM): a made-up mesa 999999 under an unknown place code was counted as outstanding, so the
// count could never close. Where the election lists its mesas (the 2021 runoff's polling-place
// list), only a listed mesa known only by quarantined rows is outstanding. Failed on main:
// ['000013', '999999'].
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../src/ingest/ingest.js';
import { dataPath } from '../src/io/paths.js';
import { declaredMesas } from '../src/results/polling-places.js';
import { quarantinedOnly } from '../src/results/status.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from './helpers.js';
import { RUNOFF } from './runoff-example.js';

const R2 = dataPath(
  'peru/2021/presidential_r2/onpe_resultados_por_mesa_presidencial_2021_2da_vuelta.csv.gz',
);
const [HEADER, ...ALL] = gunzipSync(readFileSync(R2))
  .toString('utf8')
  .split('\n')
  .filter((l) => l !== '');
/** Chachapoyas (district 010101), its first row (mesa 000013) the one made bad. */
const [REAL = '', ...REST] = ALL.filter((l) => l.startsWith('"010101"'));
/** A row under a place code no place table has: quarantined. */
const unplaced = (row: string) => row.replace('"010101"', '"999999"');

describe('a quarantined row of an unlisted mesa', () => {
  it('is not an acta still to come; a listed one is', async () => {
    const listed = await declaredMesas(RUNOFF);
    // the premise: the election lists its mesas, 000013 among them and 999999 not
    expect([listed?.has('000013'), listed?.has('999999')]).toEqual([true, false]);
    const file = join(tempDir('cifra-quarantined-unlisted-'), 'actas.csv');
    const madeUp = unplaced(REAL.replace('"000013"', '"999999"'));
    writeFileSync(file, [HEADER, ...REST, unplaced(REAL), madeUp].join('\n') + '\n');
    const store = new SqliteStore(':memory:');
    try {
      await store.migrate();
      await store.putElection(RUNOFF);
      const r = await ingestFile(store, { file, election: RUNOFF, now: fixedClock });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      expect([...(await store.quarantinedMesas(RUNOFF.id))].sort()).toEqual(['000013', '999999']);
      const revision = await store.revision(RUNOFF.id);
      expect(await quarantinedOnly(store, RUNOFF, revision)).toEqual(['000013']);
    } finally {
      await store.close();
    }
  });
});
