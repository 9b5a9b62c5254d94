import type Database from 'better-sqlite3';
import { mesaKey } from '../rows.js';

/**
 * Versioned migrations for SQLite: append-only; a schema change is a new entry, never a reset.
 * The applied versions are recorded in schema_migrations. `fill`, when given, runs after the SQL
 * in the same transaction (values only JavaScript computes, such as `mesaKey`).
 * PostgreSQL's list (postgres/migrations.ts) repeats the numbering and most of the text: it is
 * each dialect's SQL, frozen once applied (the audit checks the recorded names), not an
 * algorithm; what is one (refusing a newer store's schema) is store-faults.ts's, shared.
 */
export const SQLITE_MIGRATIONS: readonly {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly fill?: (db: Database.Database) => void;
}[] = [
  {
    version: 1,
    name: 'elections, imports, acta versions, current actas, quarantine, places',
    sql: `
      CREATE TABLE elections (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        ruleset TEXT NOT NULL,
        choices TEXT NOT NULL,
        pending_figures_count INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        election TEXT NOT NULL REFERENCES elections(id),
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        format TEXT NOT NULL,
        mode TEXT NOT NULL,
        status TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        rows_read INTEGER,
        new INTEGER,
        unchanged INTEGER,
        state_changes INTEGER,
        corrected INTEGER,
        conflicts INTEGER,
        quarantined INTEGER,
        quarantined_by_code TEXT
      );
      CREATE UNIQUE INDEX imports_once ON imports(election, sha256, mode) WHERE status = 'committed';
      -- Every version of every acta, append-only. The current state is the latest version that
      -- is not a conflict (is_current caches it); conflict = 1 on a current row that a later,
      -- different and unapplied version contradicts.
      CREATE TABLE acta_versions (
        id INTEGER PRIMARY KEY,
        election TEXT NOT NULL,
        mesa TEXT NOT NULL,
        version INTEGER NOT NULL,
        kind TEXT NOT NULL,
        is_current INTEGER NOT NULL,
        conflict INTEGER NOT NULL DEFAULT 0,
        ubigeo TEXT NOT NULL,
        state TEXT NOT NULL,
        state_label TEXT NOT NULL,
        eligible INTEGER NOT NULL,
        voters INTEGER,
        votes BLOB,
        blank INTEGER NOT NULL,
        null_votes INTEGER NOT NULL,
        impugned INTEGER NOT NULL,
        import_id INTEGER REFERENCES imports(id),
        row INTEGER,
        recorded_at TEXT NOT NULL,
        warnings TEXT NOT NULL
      );
      CREATE UNIQUE INDEX acta_version_key ON acta_versions(election, mesa, version);
      CREATE UNIQUE INDEX acta_current ON acta_versions(election, mesa) WHERE is_current = 1;
      CREATE TABLE quarantine (
        import_id INTEGER NOT NULL REFERENCES imports(id),
        row INTEGER NOT NULL,
        mesa TEXT,
        issues TEXT NOT NULL,
        raw TEXT NOT NULL
      );
      CREATE INDEX quarantine_import ON quarantine(import_id);
      CREATE TABLE places (
        election TEXT NOT NULL,
        ubigeo TEXT NOT NULL,
        department TEXT NOT NULL,
        province TEXT NOT NULL,
        district TEXT NOT NULL,
        PRIMARY KEY (election, ubigeo)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'preferential votes per list and candidate position',
    sql: `ALTER TABLE acta_versions ADD COLUMN preferential TEXT;`,
  },
  {
    version: 3,
    name: 'published results: elections known only from aggregates (official or provisional)',
    sql: `
      ALTER TABLE elections ADD COLUMN published TEXT;
      CREATE TABLE published_units (
        election TEXT NOT NULL REFERENCES elections(id),
        level TEXT NOT NULL,
        code TEXT NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (election, level, code)
      ) WITHOUT ROWID;
      CREATE TABLE published_seats (
        election TEXT PRIMARY KEY REFERENCES elections(id),
        doc TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'projection history: one projection per store revision of an election',
    sql: `
      CREATE TABLE projections (
        election TEXT NOT NULL REFERENCES elections(id),
        revision TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        pct_counted REAL NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (election, revision)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    name: 'tamper evidence: hash chains over acta versions and committed imports (backfilled)',
    sql: `
      ALTER TABLE acta_versions ADD COLUMN hash TEXT;
      ALTER TABLE imports ADD COLUMN hash TEXT;
    `,
  },
  {
    version: 6,
    name: 'a correction file may be applied again (an explicit act); only imports are once per file',
    sql: `
      DROP INDEX imports_once;
      CREATE UNIQUE INDEX imports_once ON imports(election, sha256) WHERE status = 'committed' AND mode = 'import';
    `,
  },
  {
    version: 7,
    name: 'elections as manifests: the jurisdiction and the manifest (labels, status, sources, provenance)',
    sql: `
      ALTER TABLE elections ADD COLUMN jurisdiction TEXT NOT NULL DEFAULT 'pe';
      ALTER TABLE elections ADD COLUMN manifest TEXT;
    `,
  },
  {
    version: 8,
    name: 'audit log: one hash chain over elections, imports, published results and projections (never backfilled)',
    sql: `
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        detail TEXT NOT NULL,
        at TEXT NOT NULL,
        hash TEXT NOT NULL
      );
    `,
  },
  {
    version: 9,
    name: "an index for the revision's latest log entry of an election (its definition, its published results)",
    sql: `CREATE INDEX audit_log_subject ON audit_log(subject, kind, seq);`,
  },
  {
    version: 10,
    name: "quarantined rows by election and mesa key: an acta's lookup reads only its mesa's rows",
    sql: `
      ALTER TABLE quarantine ADD COLUMN election TEXT;
      ALTER TABLE quarantine ADD COLUMN mesa_key TEXT;
      UPDATE quarantine SET election = (SELECT election FROM imports WHERE imports.id = quarantine.import_id);
      CREATE INDEX quarantine_mesa ON quarantine(election, mesa_key);
    `,
    fill: (db) => {
      // the same key as every insert's, computed once per row by the function defined for this
      db.function('cifra_mesa_key', { deterministic: true }, (m: unknown) =>
        typeof m === 'string' ? mesaKey(m) : null,
      );
      db.exec('UPDATE quarantine SET mesa_key = cifra_mesa_key(mesa) WHERE mesa IS NOT NULL');
    },
  },
  {
    version: 11,
    name: 'current actas by election and state: the elections list counts them from the index alone',
    sql: `CREATE INDEX acta_current_state ON acta_versions(election, state) WHERE is_current = 1;`,
  },
  {
    version: 12,
    name: "a correction's ruling and author (e.g. a JEE resolution number), as the poll-watcher cites them",
    sql: `
      ALTER TABLE imports ADD COLUMN resolution TEXT;
      ALTER TABLE imports ADD COLUMN author TEXT;
    `,
  },
  {
    version: 13,
    name: "why an acta is at the JEE: its observation, in the source's word (NULL where none)",
    sql: `ALTER TABLE acta_versions ADD COLUMN observation TEXT;`,
  },
  {
    version: 14,
    name: "a page of an election's applied versions in id order, planned without a sort",
    // PostgreSQL's function (its planner's setting); SQLite reads the page with its own query:
    // nothing to change, the number kept so that both stores' lists stay the same
    sql: `SELECT 1;`,
  },
  {
    version: 15,
    name: 'versions whose only change is the observation, counted apart per import (NULL before: in state_changes)',
    sql: `ALTER TABLE imports ADD COLUMN observation_changes INTEGER;`,
  },
  {
    version: 16,
    name: "the source's cut of an import's file, as given (`cifra ingest --cut`; NULL where none)",
    sql: `ALTER TABLE imports ADD COLUMN cut TEXT;`,
  },
  {
    version: 17,
    name: "the corrections the source caught up with: the import whose row first gave a correction's own content while it was current (the ruling's run then holds no more)",
    sql: `
      CREATE TABLE acta_caught_up (
        election TEXT NOT NULL,
        mesa TEXT NOT NULL,
        version INTEGER NOT NULL,
        import_id INTEGER NOT NULL REFERENCES imports(id),
        PRIMARY KEY (election, mesa, version)
      ) WITHOUT ROWID;
    `,
  },
];
