// The source's cut of each file (`cifra ingest --cut`, `?cut=` on POST /api/v1/imports): kept with
// its import, said by the ingest report and the import log, and the figures' cut while the count
// is under way — the latest import's, named by `cutImport` — instead of the manifest's (or none).
// Each course point carries its import's cut. A bad value is refused before anything is stored.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi, hashToken } from '../src/api/server.js';
import { againOf } from '../src/ingest/reread.js';
import { getCountCourse } from '../src/results/service.js';
import { latestCutOf } from '../src/results/status.js';
import { getSummary } from '../src/results/summary.js';
import type { ImportRecord } from '../src/store/store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { cli, fileWriter, ONPE_COLUMNS, onpeRow, tempDir } from './helpers.js';

const dir = tempDir('cifra-import-cut-');
const write = fileWriter(dir);
const E = 'pe-2021-presidencial';
const csv = (...rows: string[]): string => [ONPE_COLUMNS.join(','), ...rows].join('\n') + '\n';
const CUT_1 = '2026-06-07T20:00:00-05:00';
const CUT_3 = '2026-06-07T22:30:00-05:00';

async function ingest(db: string, name: string, rows: string[], ...flags: string[]) {
  return cli('ingest', write(name, csv(...rows)), '--db', db, '--election', E, ...flags);
}

/** The summary's status: the figures' cut and where it comes from. */
async function statusOf(db: string) {
  const store = new SqliteStore(db);
  const s = await getSummary(store, E);
  await store.close();
  if (!s.ok) throw new Error(JSON.stringify(s.issues));
  const { cut, cutTime, cutImport, kind } = s.value.status;
  return { kind, cut, cutTime, cutImport };
}

describe('cifra ingest --cut', () => {
  const db = join(dir, 'night.db');
  it('keeps the cut with the import, says it, and lists it in the import log', async () => {
    const r = await ingest(db, 'a.csv', [onpeRow('000001', '010101', 40, 50)], '--cut', CUT_1);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`source's cut: ${CUT_1}`);
    const json = await ingest(
      db,
      'b.csv',
      [onpeRow('000002', '010101', 30, 50)],
      '--output',
      'json',
    );
    expect((JSON.parse(json.out) as { cut: unknown }).cut).toBeNull();
    const imports = await cli('imports', '--db', db);
    expect(imports.out).toContain('source cut');
    expect(imports.out).toContain(CUT_1);
    const es = await cli('imports', '--db', db, '--lang', 'es');
    expect(es.out).toContain('corte de la fuente');
  });

  it("the status of a count under way takes the latest import's cut, when it has one", async () => {
    // the latest import (b.csv) gave none: the manifest's (a final release's date is not a
    // partial store's cut: none), not an earlier file's
    expect(await statusOf(db)).toEqual({
      kind: 'provisional',
      cut: null,
      cutTime: null,
      cutImport: undefined,
    });
    const r = await ingest(db, 'c.csv', [onpeRow('000003', '010101', 20, 50)], '--cut', CUT_3);
    expect(r.code, r.err).toBe(0);
    expect(await statusOf(db)).toEqual({
      kind: 'provisional',
      cut: CUT_3,
      cutTime: CUT_3,
      cutImport: 3,
    });
    const results = await cli('results', '--db', db, '--election', E);
    expect(results.out).toContain(`cut ${CUT_3} (of import #3)`);
    const es = await cli('results', '--db', db, '--election', E, '--lang', 'es');
    expect(es.out).toContain(`corte ${CUT_3} (de la importación #3)`);
  });

  it('a correction is no snapshot: the cut stays the latest import’s', async () => {
    const fixed = write('fix.csv', csv(onpeRow('000003', '010101', 21, 49)));
    const r = await cli('ingest', fixed, '--db', db, '--election', E, '--correction');
    expect(r.code, r.err).toBe(0);
    expect((await statusOf(db)).cutImport).toBe(3);
  });

  it("each point of the count's course carries its import's cut (null: none given)", async () => {
    const store = new SqliteStore(db);
    const c = await getCountCourse(store, E);
    await store.close();
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    expect(c.value.points.map((p) => p.cut)).toEqual([CUT_1, null, CUT_3, null]);
  });

  it('a value that is not an instant with its offset is cut_invalid: exit 1, no store created', async () => {
    for (const bad of [
      '2026-06-07 22:30',
      '2026-06-07T22:30:00',
      '2026-02-30T10:00:00-05:00',
      'ayer',
    ]) {
      const fresh = join(dir, `bad-${bad.length}.db`);
      const r = await ingest(fresh, 'd.csv', [onpeRow('000004', '010101', 20, 50)], '--cut', bad);
      expect(r.code, bad).toBe(1);
      expect(r.err).toContain('cut_invalid');
      expect(existsSync(fresh)).toBe(false);
    }
  });

  it('goes with an import, not a correction (a usage error)', async () => {
    const r = await ingest(
      db,
      'e.csv',
      [onpeRow('000001', '010101', 40, 50)],
      '--correction',
      '--cut',
      CUT_3,
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('--cut');
  });
});

describe('the same file read again with another --cut (election-night freshness)', () => {
  const db = join(dir, 'reread.db');
  const A = [onpeRow('000001', '010101', 40, 50)];
  const CUT_2 = '2026-06-07T21:00:00-05:00';
  const CUT_4 = '2026-06-07T23:30:00-05:00';
  const revisionOf = async (): Promise<string> => {
    const store = new SqliteStore(db);
    const r = await store.revision(E);
    await store.close();
    return r;
  };
  const importsOf = async (): Promise<ImportRecord[]> => {
    const store = new SqliteStore(db);
    const r = await store.listImports(E);
    await store.close();
    return r;
  };

  it('unchanged at a later cut: a re-read is recorded, the status cut moves, no acta changes', async () => {
    expect((await ingest(db, 'a.csv', A, '--cut', CUT_1)).code).toBe(0);
    const before = await revisionOf();
    const r = await ingest(db, 'a.csv', A, '--cut', CUT_2);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('re-read #2: the same file as import #1');
    expect(r.out).toContain(`seen unchanged at the source's cut ${CUT_2}: no acta changed`);
    expect(r.err).toContain('source_unchanged');
    expect(await statusOf(db)).toEqual({
      kind: 'provisional',
      cut: CUT_2,
      cutTime: CUT_2,
      cutImport: 2,
    });
    // every document of the count is of a new revision: its cut moved
    expect(await revisionOf()).not.toBe(before);
    const [first, again] = await importsOf();
    expect(again).toMatchObject({ id: 2, mode: 'reread', sha256: first?.sha256, cut: CUT_2 });
    expect(again).toMatchObject({ rowsRead: 0, new: 0, stateChanges: 0, corrected: 0 });
    // the re-read is in the audit chain
    expect((await cli('audit', 'verify', '--db', db)).code).toBe(0);
    const list = await cli('imports', '--db', db, '--lang', 'es');
    expect(list.out).toContain('relectura de #1 (1)');
    // its row is true (session 30): it read the file of import #1 (1 row), changed nothing, and
    // that row is unchanged — not "unchanged 0"
    const row = (await cli('imports', '--db', db)).out
      .split('\n')
      .find((l) => l.startsWith('│ 2 '));
    const cells = row?.split('│').map((c) => c.trim());
    expect(cells?.slice(6, 13)).toEqual(['re-read of #1 (1)', '0', '1', '0', '0', '0', '0']);
    // the course has no point for it: no acta changed
    const store = new SqliteStore(db);
    const c = await getCountCourse(store, E);
    await store.close();
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    expect(c.value.points.map((p) => p.cut)).toEqual([CUT_1]);
  });

  it('a cut not later (equal, the same instant in another offset, earlier) records nothing: cut_not_later', async () => {
    const before = await revisionOf();
    for (const cut of [CUT_2, '2026-06-08T02:00:00Z', CUT_1]) {
      const r = await ingest(db, 'a.csv', A, '--cut', cut, '--output', 'json');
      expect(r.code, r.err).toBe(0);
      const report = JSON.parse(r.out) as { importId: number; issues: { code: string }[] };
      expect(report).toMatchObject({
        importId: 1,
        alreadyImported: true,
        issues: [
          {
            code: 'cut_not_later',
            severity: 'warning',
            details: { importId: 2, cut, latestCut: CUT_2 },
          },
        ],
      });
    }
    const es = await ingest(db, 'a.csv', A, '--cut', CUT_2, '--lang', 'es');
    expect(es.out).toContain('ya importado (importación #1');
    expect(es.err).toContain('cut_not_later');
    expect(await revisionOf()).toBe(before);
    expect((await statusOf(db)).cutImport).toBe(2);
  });

  it('no cut given: already_imported, nothing recorded', async () => {
    const r = await ingest(db, 'a.csv', A, '--output', 'json');
    expect(JSON.parse(r.out)).toMatchObject({
      importId: 1,
      issues: [{ code: 'already_imported', details: { importId: 1 } }],
    });
    expect((await importsOf()).length).toBe(2);
  });

  it('an older file than the latest, given again with a later cut, is not "unchanged": already_imported', async () => {
    const b = await ingest(db, 'b.csv', [onpeRow('000002', '010101', 30, 50)], '--cut', CUT_3);
    expect(b.code, b.err).toBe(0);
    const r = await ingest(db, 'a.csv', A, '--cut', CUT_4, '--output', 'json');
    expect(JSON.parse(r.out)).toMatchObject({
      importId: 1,
      issues: [{ code: 'already_imported', details: { importId: 1, latestImport: 3 } }],
    });
    expect(await statusOf(db)).toMatchObject({ cut: CUT_3, cutImport: 3 });
    // the latest file again, later: a re-read of it
    const again = await ingest(db, 'b.csv', [onpeRow('000002', '010101', 30, 50)], '--cut', CUT_4);
    expect(again.err).toContain('source_unchanged');
    expect(await statusOf(db)).toMatchObject({ cut: CUT_4, cutImport: 4 });
  });
});

describe('POST /api/v1/imports?cut=', () => {
  const TOKEN = 'test-token-import-cut';
  let app: FastifyInstance;
  let store: SqliteStore;
  beforeAll(async () => {
    store = new SqliteStore(join(tempDir('cifra-api-cut-'), 'api.db'));
    await store.migrate();
    app = await buildApi({
      store,
      tokenHash: hashToken(TOKEN),
      now: () => '2026-06-08T03:31:00.000Z',
    });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });
  const upload = (cut: string, mesa: string) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/imports?election=${E}&name=${mesa}.csv&cut=${encodeURIComponent(cut)}`,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
      payload: csv(onpeRow(mesa, '010101', 40, 50)),
    });

  it('a bad cut is 422 invalid_query at query.cut, nothing stored', async () => {
    const r = await upload('2026-06-07T22:30', '000001');
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ issues: [{ code: 'invalid_query', path: ['query', 'cut'] }] });
    expect(await store.listImports()).toEqual([]);
  });

  it('a cut is kept, reported, listed and given by the summary', async () => {
    const r = await upload(CUT_3, '000001');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ importId: 1, cut: CUT_3 });
    const log = await app.inject({ method: 'GET', url: `/api/v1/imports?election=${E}` });
    expect(log.json()).toMatchObject({ imports: [{ id: 1, cut: CUT_3 }] });
    const s = await app.inject({ method: 'GET', url: `/api/v1/summary?election=${E}` });
    expect(s.json()).toMatchObject({ status: { cut: CUT_3, cutTime: CUT_3, cutImport: 1 } });
  });

  it('the same body at a later cut is a re-read (source_unchanged); at the same cut, cut_not_later', async () => {
    const later = '2026-06-07T23:00:00-05:00';
    const r = await upload(later, '000001');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      importId: 2,
      alreadyImported: true,
      cut: later,
      issues: [
        {
          code: 'source_unchanged',
          details: { importId: 2, sameAs: 1, cut: later, previousCut: CUT_3 },
        },
      ],
    });
    const log = await app.inject({ method: 'GET', url: `/api/v1/imports?election=${E}` });
    expect(log.json()).toMatchObject({
      imports: [{ id: 1 }, { id: 2, mode: 'reread', cut: later }],
    });
    const s = await app.inject({ method: 'GET', url: `/api/v1/summary?election=${E}` });
    expect(s.json()).toMatchObject({ status: { cut: later, cutImport: 2 } });
    const same = await upload(later, '000001');
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ importId: 1, issues: [{ code: 'cut_not_later' }] });
  });
});

describe('latestCutOf', () => {
  const rec = (id: number, mode: ImportRecord['mode'], cut?: string): ImportRecord => ({
    id,
    election: E,
    fileName: `${id}.csv`,
    sha256: String(id).padStart(64, '0'),
    size: 1,
    format: 'onpe-mesa',
    mode,
    status: 'committed',
    startedAt: '2026-06-08T03:00:00.000Z',
    ...(cut === undefined ? {} : { cut }),
  });
  const log = [rec(1, 'import', CUT_1), rec(2, 'correction'), rec(3, 'import', CUT_3)];
  it("is the latest import's of the figures' revision: not a later one's, not a correction's", () => {
    expect(latestCutOf(log)).toEqual({ importId: 3, cut: CUT_3 });
    // an import committed after the revision the figures were read at is not theirs
    expect(latestCutOf(log, 2)).toEqual({ importId: 1, cut: CUT_1 });
    expect(latestCutOf([...log, rec(4, 'import')])).toBeNull();
    expect(latestCutOf([{ ...rec(5, 'import', CUT_3), status: 'rolled_back' }])).toBeNull();
  });

  it('does not move back for an older snapshot imported late: the later cut stays, named by its import', () => {
    // #3 (22:30) then #6, an older file (20:00) imported late: the figures keep #3's counted actas
    const late = [...log, rec(6, 'import', CUT_1)];
    expect(latestCutOf(late)).toEqual({ importId: 3, cut: CUT_3 });
    // the same instant in another offset is no later: the latest import of it
    expect(latestCutOf([...log, rec(7, 'import', '2026-06-08T03:30:00Z')])).toEqual({
      importId: 7,
      cut: '2026-06-08T03:30:00Z',
    });
    // a later snapshot whose cut is later still, or a re-read's, is the cut
    expect(latestCutOf([...late, rec(8, 'reread', '2026-06-07T23:00:00-05:00')])).toEqual({
      importId: 8,
      cut: '2026-06-07T23:00:00-05:00',
    });
    // the latest gave none: none, as before
    expect(latestCutOf([...late, rec(9, 'import')])).toBeNull();
  });

  it('a re-read is of the file the figures carry, later than every cut recorded: the late older file again records nothing, at any cut', () => {
    // #1 20:00, #3 22:30, #6 the file of #1's time imported late (a different file)… at 21:00
    const late = [...log, { ...rec(6, 'import', CUT_1), sha256: 'f'.repeat(64) }];
    const previous = late[3];
    if (previous === undefined) throw new Error('fixture');
    expect(againOf(late, previous, '2026-06-07T21:00:00-05:00')).toMatchObject({
      kind: 'nothing',
      issue: { code: 'already_imported', details: { importId: 6, latestImport: 6 } },
    });
    // the figures' own file (#3, latest and the cut's carrier) at a cut before its own: not later
    const own = log[2];
    if (own === undefined) throw new Error('fixture');
    expect(againOf(log, own, '2026-06-07T21:00:00-05:00')).toEqual({
      kind: 'nothing',
      issue: {
        code: 'cut_not_later',
        severity: 'warning',
        path: ['cut'],
        details: { importId: 3, cut: '2026-06-07T21:00:00-05:00', latestCut: CUT_3 },
      },
    });
    // later than every cut, still nothing: the figures carry #3's cut, not this older file's, and
    // a re-read of it would date them by what it showed (it gave 'reread' before review s29)
    expect(againOf(late, previous, '2026-06-07T23:00:00-05:00')).toMatchObject({
      kind: 'nothing',
      issue: { code: 'already_imported', details: { importId: 6, latestImport: 6 } },
    });
    // nor #3's own file: the latest snapshot is #6's, whatever its cut (never fresher than known)
    const carrier = late[2];
    if (carrier === undefined) throw new Error('fixture');
    expect(againOf(late, carrier, '2026-06-07T23:00:00-05:00')).toMatchObject({
      kind: 'nothing',
      issue: { code: 'already_imported' },
    });
    // the file that is both the latest snapshot and the cut's carrier: a re-read
    expect(againOf(log, carrier, '2026-06-07T23:00:00-05:00')).toEqual({
      kind: 'reread',
      cut: '2026-06-07T23:00:00-05:00',
      previousCut: CUT_3,
    });
  });
});
