// An acta not yet counted carries no figures: its document said "blank": 0, "null": 0,
// "impugned": 0 — zero blank votes, which nobody knows (review 20, LOW). The store keeps 0 there;
// every document of the acta says null (the API, the static site, `cifra acta --format json`),
// and `cifra acta` prints "—". Quetzalia (test/fixtures/xq) with a pending acta of empty cells.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { publishSite } from '../src/api/publish-site.js';
import { buildApi } from '../src/api/server.js';
import { PROJECT_ROOT } from '../src/io/paths.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';
import { manifestStore } from './xf-fixture.js';
import { runActa } from '../src/cli/commands/actas.js';

const XQ = join(PROJECT_ROOT, 'test', 'fixtures', 'xq');
const ELECTION = 'xq-2026-parlamento';
const MESA = '00008';
const dir = tempDir('cifra-acta-no-figures-');
let store: SqliteStore;
let app: FastifyInstance;

beforeAll(async () => {
  const file = join(dir, 'pending.csv');
  writeFileSync(
    file,
    `mesa,ubigeo,state,eligible,voters,blank,null,impugned,A,B,C,D\n${MESA},0401,PENDING,200,,,,,,,,\n`,
  );
  store = await manifestStore(
    join(dir, 'xq.db'),
    join(XQ, 'xq-2026.json'),
    join(XQ, 'jurisdictions'),
    [file],
  );
  app = await buildApi({ store, tokenHash: null });
});

afterAll(async () => {
  await app.close();
  await store.close();
});

/** What a CLI run prints, captured. */
function captureIo(): {
  io: { out: (s: string) => void; err: (s: string) => void };
  out: () => string;
} {
  const lines: string[] = [];
  return {
    io: { out: (s) => lines.push(s), err: (s) => lines.push(s) },
    out: () => lines.join('\n'),
  };
}

type Figures = Record<'votes' | 'blank' | 'null' | 'impugned', unknown>;
interface Doc {
  current: Figures;
  history: { acta: Figures }[];
}

const unknownFigures = (doc: Doc): void => {
  for (const a of [doc.current, ...doc.history.map((h) => h.acta)]) {
    expect(a.votes).toBeNull();
    expect([a.blank, a.null, a.impugned]).toEqual([null, null, null]);
  }
};

describe('an acta with no figures yet', () => {
  it('the API says its blank, null and impugned votes are null, both paths', async () => {
    for (const url of [
      `/api/v1/elections/${ELECTION}/actas/${MESA}.json`,
      `/api/v1/actas/${MESA}?election=${ELECTION}`,
    ]) {
      const r = await app.inject(url);
      expect(r.statusCode).toBe(200);
      unknownFigures(r.json<Doc>());
    }
  });

  it('the static site writes the same document', async () => {
    const out = join(dir, 'site');
    const r = await publishSite(store, out, {}, '2026-12-03T00:00:00.000Z');
    expect(r.ok).toBe(true);
    const path = join(out, 'api', 'v1', 'elections', ELECTION, 'actas', `${MESA}.json`);
    unknownFigures(JSON.parse(readFileSync(path, 'utf8')) as Doc);
  });

  it('`cifra acta` prints "—" for them, and its JSON is the API document', async () => {
    const text = captureIo();
    await runActa(store, { mesa: MESA, election: ELECTION, format: 'table' }, text.io);
    expect(text.out()).toContain('blank — · null — · impugned —');
    const json = captureIo();
    await runActa(store, { mesa: MESA, election: ELECTION, format: 'json' }, json.io);
    unknownFigures(JSON.parse(json.out()) as Doc);
  });
});
