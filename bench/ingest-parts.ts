// The parts of an ingest, each in a fresh process, for the benchmark (prints {"ms", …}):
//   check FILE ELECTION CHOICES UBIGEO-MODE — `ingestFile` with `check`: read, parse and validate
//     every row exactly as an import does, store nothing (what `cifra ingest --check` runs);
//   floor FILE ELECTION CHOICES UBIGEO-MODE DBDIR — the store's floor: the file's actas, parsed
//     beforehand, written as new versions with the store's own INSERT into a fresh database with
//     cifra's schema, in one transaction — no parsing, validation, decision or hashing timed.
import { createReadStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { Acta } from '../src/core/model/acta.js';
import { onpeMesaParser } from '../src/ingest/formats.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { readCsvRows } from '../src/ingest/rows.js';
import { requireJurisdiction } from '../src/jurisdictions/load.js';
import {
  configureSqlite,
  INSERT_VERSION_SQL,
  SqliteStore,
  versionRow,
} from '../src/store/sqlite/sqlite-store.js';
import { benchElection, benchUbigeoCheck } from './baselines.js';

const [mode, file, electionArg, choicesArg, ubigeoMode, dbDir] = process.argv.slice(2);
if (!mode || !file || !electionArg)
  throw new Error('usage: ingest-parts check|floor FILE ELECTION …');
const known = benchUbigeoCheck(ubigeoMode);
const election = benchElection(electionArg, Number(choicesArg));
const jurisdiction = requireJurisdiction(election.jurisdiction); // its place table, before timing

if (mode === 'check') {
  const dir = dbDir ?? '.';
  const db = join(dir, `${electionArg}-check.db`);
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  const store = new SqliteStore(db);
  await store.migrate();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await ingestFile(store, {
    file,
    election,
    now: () => new Date().toISOString(),
    jurisdiction,
    isKnownPlace: known,
    check: true,
  });
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  await store.close();
  const cpuMs = (c.user + c.system) / 1000; // every thread's, JIT compilation included
  console.log(JSON.stringify({ ms, cpuMs, rows: r.report.rowsRead, valid: r.report.valid }));
} else if (mode === 'floor') {
  if (!dbDir) throw new Error('floor needs DBDIR');
  const csv = await readCsvRows(createReadStream(file));
  const parser = onpeMesaParser(csv.header, election, jurisdiction);
  const actas: Acta[] = [];
  await csv.scan(
    (r, row) => {
      const p = parser.parse(r, row);
      if (p.ok) actas.push(p.acta);
    },
    async () => {},
    () => {}, // the floor stores valid actas only
  );
  const path = join(dbDir, `${electionArg}-floor.db`);
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  const store = new SqliteStore(path);
  await store.migrate();
  await store.putElection(election);
  await store.close();
  const db = new Database(path);
  configureSqlite(db);
  const importId = Number(
    db
      .prepare(
        "INSERT INTO imports (election, file_name, sha256, size, format, mode, status, started_at) VALUES (?, 'floor', ?, 0, 'onpe-mesa', 'import', 'running', ?)",
      )
      .run(election.id, 'f'.repeat(64), new Date().toISOString()).lastInsertRowid,
  );
  const insert = db.prepare(INSERT_VERSION_SQL);
  const hash = 'a'.repeat(64);
  const at = new Date().toISOString();
  // the store's own rows, parameters built outside the timing: only the INSERTs are timed
  const params = actas.map((a, i) =>
    versionRow(election.id, {
      mesa: a.mesa,
      version: 1,
      kind: 'new',
      acta: a,
      isCurrent: true,
      conflict: false,
      importId,
      row: i + 1,
      recordedAt: at,
      warnings: '[]',
      hash,
    }),
  );
  const t0 = performance.now();
  db.exec('BEGIN IMMEDIATE');
  for (const p of params) insert.run(...p);
  db.exec('COMMIT');
  const ms = performance.now() - t0;
  db.close();
  console.log(JSON.stringify({ ms, rows: params.length }));
} else throw new Error(`unknown mode ${mode}`);
