// A poll-watcher's district list says what is wrong in it: the mesas document of a district lists
// its quarantined rows (mesa, import row, code, the sentence of src/core/issue-words.ts in es and
// en) and counts its mesas with a conflict (a later version not applied). In-process API, the
// query route and the static path alike. Failed on the old code: the document had neither field.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS } from '../src/api/paths.js';
import { MesasSchema } from '../src/api/schemas.js';
import { buildApi, hashToken } from '../src/api/server.js';
import { issueSentence } from '../src/core/issue-words.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from './helpers.js';
import { NIGHT, nightLine, nightRow, uploadNight, type NightRow } from './mesa-night.js';

const TOKEN = 'district-flags-token';
const row = nightRow;

/** First cut: three counted mesas of 150101 and one of 150102. */
const FIRST = [
  row('000005', '150101', 20),
  row('000006', '150101', 30),
  row('000007', '150101', 40),
  row('000008', '150102', 50),
];
/**
 * Second cut: 000005 counted again with other figures (a conflict: a counted acta is not
 * overwritten), 000006 with more votes than electors (quarantined).
 */
const SECOND = [row('000005', '150101', 21), row('000006', '150101', 400)];

let store: SqliteStore;
let app: FastifyInstance;

const upload = (rows: readonly NightRow[], name: string) =>
  uploadNight(app, TOKEN, rows.map(nightLine), name);

beforeAll(async () => {
  store = new SqliteStore(join(tempDir('cifra-district-flags-'), 'd.db'));
  await store.migrate();
  await store.putElection(NIGHT);
  app = await buildApi({ store, tokenHash: hashToken(TOKEN), now: fixedClock });
  await upload(FIRST, 'first.jsonl');
  await upload(SECOND, 'second.jsonl');
});

afterAll(async () => {
  await app.close();
  await store.close();
});

const mesas = async (url: string) => {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return MesasSchema.parse(res.json());
};

describe("a district's mesas document flags its quarantined rows and conflicts", () => {
  it('lists each quarantined row with its mesa, code and sentence, and counts conflicts', async () => {
    const doc = await mesas('/api/v1/mesas?election=night&district=150101');
    expect(doc.mesas.filter((m) => m.conflict).map((m) => m.mesa)).toEqual(['000005']);
    expect(doc.conflicts).toBe(1);
    // the sentence is issue-words' own wording of the stored issue, not a copy of it here
    const issue = {
      code: 'voters_exceed_eligible',
      severity: 'error',
      path: [],
      details: { voters: 410, eligible: 300 },
    } as const;
    expect(doc.quarantined).toEqual([
      {
        mesa: '000006',
        importId: 2,
        row: 2,
        code: 'voters_exceed_eligible',
        sentence: { es: issueSentence(issue, 'es'), en: issueSentence(issue, 'en') },
      },
    ]);
    expect(doc.quarantined[0]?.sentence.en).toContain('410');
  });

  it('the static path answers the same; another district has none of them', async () => {
    const byQuery = await mesas('/api/v1/mesas?election=night&district=150101');
    expect(await mesas(PATHS.mesas('night', '150101'))).toEqual(byQuery);
    const other = await mesas(PATHS.mesas('night', '150102'));
    expect([other.conflicts, other.quarantined]).toEqual([0, []]);
  });
});
