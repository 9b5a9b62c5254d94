// `npx tsc -p tsconfig.bench.json && node .bench-cache/build/bench/ingest-page-floor.js`: what a
// store that writes versions in pages (issue 15's allowed storage change, not built) would cost,
// against today's one row per version, in one process, CPU time of the writes and the commit only,
// variants interleaved. 86,488 synthetic versions shaped like ONPE's 2021 file (6-character mesa,
// 18 choices). The page variants also hash each page (SHA-256), as a per-page chain would; the
// row variant hashes nothing (today's chain is computed on the main thread, ≈ 0.14 s a process).
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import Database from 'better-sqlite3';

const N = 86_488;
const PAGE = 5_000;
const CHOICES = 18;
interface Row {
  readonly mesa: string;
  readonly ubigeo: string;
  readonly votes: Buffer;
  readonly hash: string;
}
const rows: Row[] = [];
for (let i = 0; i < N; i++) {
  const votes = Buffer.alloc(CHOICES * 4);
  for (let j = 0; j < CHOICES; j++) votes.writeUInt32LE((i * 7 + j * 13) % 300, j * 4);
  rows.push({
    mesa: String(900_000 + i),
    ubigeo: String(10_101 + (i % 1_874)),
    votes,
    hash: createHash('sha256').update(String(i)).digest('hex'),
  });
}
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
function fresh(path: string): Database.Database {
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}

/** Today's layout: one row per version, its two unique indexes (migrations.ts). */
function perRow(path: string): number {
  const db = fresh(path);
  db.exec(`CREATE TABLE acta_versions (id INTEGER PRIMARY KEY, election TEXT NOT NULL,
    mesa TEXT NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL, is_current INTEGER NOT NULL,
    conflict INTEGER NOT NULL DEFAULT 0, ubigeo TEXT NOT NULL, state TEXT NOT NULL,
    state_label TEXT NOT NULL, eligible INTEGER NOT NULL, voters INTEGER, votes BLOB,
    blank INTEGER NOT NULL, null_votes INTEGER NOT NULL, impugned INTEGER NOT NULL,
    import_id INTEGER, row INTEGER, recorded_at TEXT NOT NULL, warnings TEXT NOT NULL,
    preferential TEXT, hash TEXT);
    CREATE UNIQUE INDEX acta_version_key ON acta_versions(election, mesa, version);
    CREATE UNIQUE INDEX acta_current ON acta_versions(election, mesa) WHERE is_current = 1;`);
  const st = db.prepare(`INSERT INTO acta_versions (election, mesa, version, kind, is_current,
    conflict, ubigeo, state, state_label, eligible, voters, votes, blank, null_votes, impugned,
    import_id, row, recorded_at, warnings, preferential, hash) VALUES ('pe', ?, 1, 'new', 1, 0, ?,
    'C', 'Contabilizada', 300, 250, ?, 3, 4, 0, 1, ?, '2026-04-12', '', NULL, ?)`);
  const t = cpuMs();
  db.transaction(() => {
    rows.forEach((r, i) => st.run(r.mesa, r.ubigeo, r.votes, i + 2, r.hash));
  })();
  const ms = cpuMs() - t;
  db.close();
  return ms;
}

/** Versions in pages of 5,000, each page hashed; with or without a per-acta index row. */
function paged(path: string, index: boolean): number {
  const db = fresh(path);
  db.exec(`CREATE TABLE version_pages (id INTEGER PRIMARY KEY, election TEXT NOT NULL,
    import_id INTEGER, first_row INTEGER, count INTEGER, body BLOB NOT NULL, hash TEXT NOT NULL);
    CREATE TABLE acta_index (election TEXT NOT NULL, mesa TEXT NOT NULL, version INTEGER NOT NULL,
    page INTEGER NOT NULL, slot INTEGER NOT NULL, is_current INTEGER NOT NULL,
    PRIMARY KEY (election, mesa, version)) WITHOUT ROWID;`);
  const page = db.prepare(`INSERT INTO version_pages (election, import_id, first_row, count, body,
    hash) VALUES ('pe', 1, ?, ?, ?, ?)`);
  const entry = db.prepare(`INSERT INTO acta_index (election, mesa, version, page, slot,
    is_current) VALUES ('pe', ?, 1, ?, ?, 1)`);
  const t = cpuMs();
  db.transaction(() => {
    for (let p = 0; p * PAGE < N; p++) {
      const part = rows.slice(p * PAGE, (p + 1) * PAGE);
      // per version: mesa, ubigeo, eight 32-bit figures, the votes, the version's hash
      const body = Buffer.alloc(part.length * (6 + 5 + 32 + CHOICES * 4 + 64));
      let o = 0;
      for (const r of part) {
        o += body.write(r.mesa, o, 'latin1');
        o += body.write(r.ubigeo, o, 'latin1');
        body.writeUInt32LE(300, o);
        o += 32;
        o += r.votes.copy(body, o);
        o += body.write(r.hash, o, 'latin1');
      }
      const hash = createHash('sha256').update(body).digest('hex');
      const id = page.run(p * PAGE, part.length, body, hash).lastInsertRowid;
      if (index) part.forEach((r, s) => entry.run(r.mesa, id, s));
    }
  })();
  const ms = cpuMs() - t;
  db.close();
  return ms;
}

const runs: Record<string, number[]> = { row: [], pagesAndIndex: [], pagesOnly: [] };
const dir = '.bench-cache';
for (let k = 0; k < 7; k++) {
  runs['row']?.push(perRow(`${dir}/page-floor-a.db`));
  runs['pagesAndIndex']?.push(paged(`${dir}/page-floor-b.db`, true));
  runs['pagesOnly']?.push(paged(`${dir}/page-floor-c.db`, false));
}
const median = (v: number[]): number => [...v].sort((a, b) => a - b)[v.length >> 1] ?? NaN;
for (const [name, v] of Object.entries(runs))
  console.log(
    `${name}: median ${median(v).toFixed(0)} ms CPU (${v.map((x) => x.toFixed(0)).join(' ')})`,
  );
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
