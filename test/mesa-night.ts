// A runoff night of a few mesas, served in-process: the fixture of the mesa-level results tests
// (results-mesa-pending, results-mesa-states) and of the dashboard's pending-mesa check.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { ResultsSchema } from '../src/api/schemas.js';
import { buildApi, hashToken } from '../src/api/server.js';
import type { ElectionDef } from '../src/core/model/acta.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { cli, fixedClock, tempDir } from './helpers.js';

export const NIGHT: ElectionDef = {
  id: 'night',
  label: 'A runoff night',
  ruleset: 'pe-2026-presidencial-segunda',
  jurisdiction: 'pe',
  choices: [
    { id: 'FP', label: 'KEIKO FUJIMORI', party: 'FUERZA POPULAR' },
    { id: 'JP', label: 'ROBERTO SÁNCHEZ', party: 'JUNTOS POR EL PERÚ' },
  ],
};

const TOKEN = 'mesa-night-token';

/** A mesa unit's figures when it has none: every one null, no vote, not a count of zero. */
export const NO_FIGURES = {
  choices: [],
  valid: null,
  blank: null,
  null: null,
  impugned: null,
  emitted: null,
  participation: null,
  blankPctEmitted: null,
  nullPctEmitted: null,
} as const;

/** A mesa of the night: null figures for an acta that carries none (pending). */
export interface NightRow {
  readonly mesa: string;
  readonly ubigeo: string;
  readonly state: string;
  readonly fp: number | null;
  readonly jp: number | null;
  readonly blank: number | null;
  readonly nul: number | null;
}

/** A mesa's acta as a cifra-json line, of 300 electors. */
export const nightLine = (r: NightRow): string =>
  JSON.stringify({
    mesa: r.mesa,
    ubigeo: r.ubigeo,
    state: r.state,
    eligible: 300,
    voters: r.fp === null ? null : r.fp + (r.jp ?? 0) + (r.blank ?? 0) + (r.nul ?? 0),
    votes: r.fp === null ? null : { FP: r.fp, JP: r.jp },
    // what a source sends for an acta not counted yet (the store keeps 0: test/store-contract.ts)
    blank: r.blank ?? 0,
    null: r.nul ?? 0,
  });

/** A mesa of the night with 10 votes for JP and no blank or null vote (counted unless told). */
export const nightRow = (
  mesa: string,
  ubigeo: string,
  fp: number,
  state = 'counted',
): NightRow => ({
  mesa,
  ubigeo,
  state,
  fp,
  jp: 10,
  blank: 0,
  nul: 0,
});

/** Posts cifra-json lines as one import of the night's election (a test's cut). */
export async function uploadNight(
  app: FastifyInstance,
  token: string,
  lines: readonly string[],
  name: string,
): Promise<void> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/imports?election=night&format=cifra-json&name=${name}`,
    headers: { authorization: `Bearer ${token}` },
    payload: lines.join('\n') + '\n',
  });
  expect(res.statusCode, res.body).toBe(200);
}

/**
 * Imports the mesas' actas (cifra-json) through the API before the file's tests and closes it after:
 * `db` is the store's file, `results` reads a results document by URL, `night` runs the CLI.
 */
export function useMesaNight(rows: readonly NightRow[]): {
  readonly db: string;
  readonly results: (url: string) => Promise<ReturnType<typeof ResultsSchema.parse>>;
  /** `cifra <args>` on the night's store and election. */
  readonly night: (...args: string[]) => ReturnType<typeof cli>;
  /** Any GET, answered as it is (status, type, body). */
  readonly get: (url: string) => Promise<{ status: number; type: string; body: string }>;
} {
  const db = join(tempDir('cifra-mesa-night-'), 'p.db');
  let store: SqliteStore;
  let app: FastifyInstance;
  beforeAll(async () => {
    store = new SqliteStore(db);
    await store.migrate();
    await store.putElection(NIGHT);
    app = await buildApi({ store, tokenHash: hashToken(TOKEN), now: fixedClock });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/imports?election=night&format=cifra-json&name=night.jsonl',
      headers: { authorization: `Bearer ${TOKEN}` },
      payload: rows.map(nightLine).join('\n') + '\n',
    });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });
  return {
    db,
    night: (...args) => cli(...args, '--db', db, '--election', 'night'),
    get: async (url) => {
      const res = await app.inject({ method: 'GET', url });
      return { status: res.statusCode, type: String(res.headers['content-type']), body: res.body };
    },
    results: async (url) => {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, res.body).toBe(200);
      return ResultsSchema.parse(res.json());
    },
  };
}
