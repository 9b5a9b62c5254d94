// An unchanged re-publish costs little (the twentieth pass): the count's course is kept from the
// previous version and extended by the imports since, and `cifra publish` verifies only the audit
// log after the head the last publish verified. Each kept thing is checked to be invalidated by
// what changes it: a new import, an import's record edited, an audit row edited.
import { mkdirSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../src/api/paths.js';
import { publishSite } from '../src/api/publish-site.js';
import { privateFileOf } from '../src/io/owned-dir.js';
import { verifiedHead } from '../src/cli/commands/audit.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { cli, tempDir } from './helpers.js';
import { counting, ID, ingest, line, smallStore } from './publish-fixture.js';

/** The fixture's store and a second import: 000003, 13 votes. */
async function twoImports(dir: string): Promise<SqliteStore> {
  const store = await smallStore(dir);
  await ingest(store, dir, 'b.jsonl', [line('000003', '010101', 9)]);
  return store;
}

const NOW = '2026-12-02T10:00:00.000Z';
const course = (out: string): string =>
  readFileSync(join(out, PATHS.document(ID, 'count-course')), 'utf8');

/** The course as a publish into a new folder makes it: replayed from every version. */
async function freshCourse(store: Store, dir: string, name: string): Promise<string> {
  const out = join(dir, name);
  expect((await publishSite(store, out, {}, NOW)).ok).toBe(true);
  return course(out);
}

describe("a re-publish keeps the count's course", () => {
  it('reads no acta version when nothing changed, and its course is the replayed one', async () => {
    const dir = tempDir('cifra-republish-course-');
    const store = await twoImports(dir);
    const out = join(dir, 'site');
    const first = counting(store);
    expect((await publishSite(first.store, out, {}, NOW)).ok).toBe(true);
    expect(first.versions()).toBe(3);
    const again = counting(store);
    expect((await publishSite(again.store, out, {}, NOW)).ok).toBe(true);
    // the old code replayed the course again: 3 versions
    expect(again.versions()).toBe(0);
    expect(course(out)).toBe(await freshCourse(store, dir, 'fresh'));
    await store.close();
  });

  it('after a one-mesa correction reads only its version, and the course is the replayed one', async () => {
    const dir = tempDir('cifra-republish-correction-');
    const store = await twoImports(dir);
    const out = join(dir, 'site');
    expect((await publishSite(store, out, {}, NOW)).ok).toBe(true);
    await ingest(store, dir, 'c.jsonl', [line('000001', '010101', 40)], 'correction');
    const next = counting(store);
    expect((await publishSite(next.store, out, {}, NOW)).ok).toBe(true);
    // once for the changed actas, once for the course: the correction's one version each time
    expect(next.versions()).toBe(2);
    // the course's last point moved by the correction (34 votes more for P1)
    const points = (JSON.parse(course(out)) as { points: { valid: number }[] }).points;
    expect(points.map((p) => p.valid)).toEqual([19, 32, 66]);
    expect(course(out)).toBe(await freshCourse(store, dir, 'fresh'));
    await store.close();
  });

  // A re-publish read every version since the last publish at once to find the changed actas
  // (store.appliedVersions): on a big store, all of a night's rows held together. Now the count
  // course's paged reader, at the store's page size, for both.
  it("reads the versions since a page at a time (the course's reader) and writes the same files", async () => {
    const dir = tempDir('cifra-republish-pages-');
    const store = await twoImports(dir);
    const out = join(dir, 'site');
    expect((await publishSite(store, out, {}, NOW)).ok).toBe(true);
    const fix = [line('000001', '010101', 40), line('000002', '921001', 7)];
    await ingest(store, dir, 'c.jsonl', fix, 'correction');
    // a store that reads one version a page
    const small = Object.assign(new SqliteStore(join(dir, 'p.db')), { appliedPageRows: 1 });
    const next = counting(small);
    const r = await publishSite(next.store, out, {}, NOW);
    expect(r.ok && r.value.actasKept).toBe(1);
    expect(next.calls.get('appliedVersions')).toBeUndefined();
    // two versions, one a page, and the empty page that ends a read: the changed actas', the course's
    expect(next.calls.get('appliedVersionPage')).toBe(6);
    expect(next.versions()).toBe(4);
    const fresh = join(dir, 'fresh');
    expect((await publishSite(store, fresh, {}, NOW)).ok).toBe(true);
    const files = ['000001', '000002', '000003'].map((m) => PATHS.acta(ID, m));
    for (const f of [...files, PATHS.document(ID, 'count-course')])
      expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(fresh, f), 'utf8'));
    await small.close();
    await store.close();
  });

  it("is replayed whole when an import's record it was made from changed", async () => {
    const dir = tempDir('cifra-republish-edited-');
    const store = await twoImports(dir);
    const out = join(dir, 'site');
    expect((await publishSite(store, out, {}, NOW)).ok).toBe(true);
    const raw = new Database(join(dir, 'p.db'));
    raw.prepare("UPDATE imports SET finished_at = '2026-11-27T00:00:00.000Z' WHERE id = 1").run();
    raw.close();
    const next = counting(store);
    expect((await publishSite(next.store, out, {}, NOW)).ok).toBe(true);
    expect(next.versions()).toBe(3);
    expect(course(out)).toContain('2026-11-27T00:00:00.000Z');
    expect(course(out)).toBe(await freshCourse(store, dir, 'fresh'));
    await store.close();
  });
});

describe("publish's audit verify: the log after the last publish's head", () => {
  it('reads only the suffix from a verified head, and follows a new import', async () => {
    const dir = tempDir('cifra-republish-audit-');
    const store = await twoImports(dir);
    const full = await verifiedHead(store);
    if (!full.ok) throw new Error('unsound');
    const quick = counting(store);
    expect(await verifiedHead(quick.store, full.head)).toEqual(full);
    expect(quick.calls.get('auditRecords')).toBeUndefined();
    expect(quick.calls.get('auditLogFrom')).toBe(1);
    await ingest(store, dir, 'c.jsonl', [line('000004', '010101', 3)]);
    const later = await verifiedHead(store, full.head);
    expect(later).toEqual({ ok: true, head: await store.auditHead() });
    expect(later.ok && later.head.count).toBeGreaterThan(full.head.count);
    await store.close();
  });

  it('refuses an edited entry after the head, and a head no longer in the log', async () => {
    const dir = tempDir('cifra-republish-tamper-');
    const store = await twoImports(dir);
    const first = await verifiedHead(store);
    if (!first.ok) throw new Error('unsound');
    await ingest(store, dir, 'c.jsonl', [line('000004', '010101', 3)]);
    const raw = new Database(join(dir, 'p.db'));
    const last = raw.prepare('SELECT MAX(seq) AS seq FROM audit_log').get() as { seq: number };
    raw.prepare("UPDATE audit_log SET at = '2020-01-01' WHERE seq = ?").run(last.seq);
    const edited = await verifiedHead(store, first.head);
    expect(edited.ok).toBe(false);
    expect(!edited.ok && edited.issues[0]?.code).toBe('audit_chain_broken');
    expect(!edited.ok && edited.issues[0]?.details).toMatchObject({ reason: 'hash_mismatch' });
    // a prefix rewritten and re-hashed: the head the last publish verified is gone
    raw.prepare("UPDATE audit_log SET hash = 'x' || hash WHERE seq = ?").run(first.head.count);
    raw.close();
    const gone = await verifiedHead(store, first.head);
    expect(!gone.ok && gone.issues[0]?.details).toMatchObject({ reason: 'head_not_found' });
    await store.close();
  });

  it('cifra publish verifies the whole store by default; --quick-verify only the log after the recorded head', async () => {
    const dir = tempDir('cifra-republish-cli-');
    const store = await twoImports(dir);
    await store.close();
    const db = join(dir, 'p.db');
    const out = join(dir, 'site');
    const first = await cli('publish', '--db', db, '--out', out);
    expect(first.code).toBe(0);
    // a first publish has no "others unchanged" (review 20 L8)
    expect(first.out).toMatch(/files in .*, all written$/);
    // the last line says the files and their bytes (session 30): those of the version written
    const m = /: ([\d,]+) files in .* \(([\d.]+) (kB|MB)\), all written$/.exec(first.out);
    const onDisk = filesUnder(realpathSync(out));
    expect(Number(m?.[1]?.replace(/,/g, ''))).toBe(onDisk.files);
    const size = onDisk.bytes / (m?.[3] === 'MB' ? 1e6 : 1e3);
    expect(Number(m?.[2])).toBe(Number(size.toFixed(1)));
    // no progress into a pipe: stderr is not a terminal here
    expect(first.err).not.toContain('publishing');
    const state = JSON.parse(readFileSync(privateFileOf(realpathSync(out)), 'utf8')) as {
      audit: { count: number };
    };
    const site = JSON.parse(readFileSync(join(out, PATHS.site()), 'utf8')) as {
      audit: { count: number };
    };
    expect(state.audit).toEqual(site.audit);
    // the head recorded no longer in the log (another store, or history cut): a quick verify
    // refuses and says so; the default, the whole verify, publishes the other store
    const other = join(dir, 'other');
    mkdirSync(other);
    const second = await smallStore(other);
    await ingest(second, other, 'b.jsonl', [line('000009', '010101', 1)]);
    await second.close();
    const moved = await cli('publish', '--db', join(other, 'p.db'), '--out', out, '--quick-verify');
    expect(moved.code).toBe(1);
    expect(moved.err).toContain('head_not_found');
    expect(moved.err).toContain('--quick-verify');
    const again = await cli('publish', '--db', join(other, 'p.db'), '--out', out);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/ written \([\d.]+ (kB|MB); the others unchanged\)$/);
    expect((await cli('publish', '--db', db, '--out', out)).code).toBe(0);
    // an acta edited behind cifra: the default publish reads the versions' chain and refuses;
    // a quick verify, by design, does not see it (docs/adr/008 addendum)
    const raw = new Database(db);
    raw.prepare("UPDATE acta_versions SET blank = blank + 100 WHERE mesa = '000001'").run();
    raw.close();
    expect((await cli('publish', '--db', db, '--out', out, '--quick-verify')).code).toBe(0);
    const r = await cli('publish', '--db', db, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toContain('audit_chain_broken at acta_versions');
  });
});

/** The site's files under a folder, and their bytes (not .cifra-site: publish's own marker). */
function filesUnder(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile() && !(e.parentPath === dir && e.name === '.cifra-site')) {
      files += 1;
      bytes += statSync(join(e.parentPath, e.name)).size;
    }
  return { files, bytes };
}
