// The HTTP status of a refusal comes from one table (src/api/errors.ts): an import whose writer
// thread crashed is the server's fault (500 with the coded body), not the client's file (422).
import { afterAll, describe, expect, it } from 'vitest';
import { buildApi, hashToken } from '../src/api/server.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { onpeCsv, onpeRow, storeWithElection } from './api-helpers.js';
import { fixedClock } from './helpers.js';

const TOKEN = 'status-token-5c2e';

// every import runs on a writer thread, and the thread is ended as soon as it starts
let store: SqliteStore | undefined;
afterAll(() => store?.close());

describe('POST /api/v1/imports when the writer thread dies', () => {
  it('answers 500 with store_writer_failed, and nothing is stored', async () => {
    store = await storeWithElection('pe-2021-presidencial', {
      importWorker: true,
      onImportWorker: (w) => void w.terminate(),
    });
    const app = await buildApi({ store, tokenHash: hashToken(TOKEN), now: fixedClock });
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/imports?election=pe-2021-presidencial&name=night.csv',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
      payload: onpeCsv(onpeRow('000001', 20)),
    });
    await app.close();
    expect(r.statusCode).toBe(500);
    expect(r.headers['cache-control']).toBe('no-store');
    const body = r.json() as { error: string; issues: { code: string }[] };
    expect(body.error).toBe('store_writer_failed');
    expect(body.issues.map((i) => i.code)).toEqual(['store_writer_failed']);
    expect(await store.listImports()).toEqual([]);
  });
});
