import type pg from 'pg';
import { mesaKey } from '../rows.js';

/**
 * Versioned migrations for PostgreSQL: append-only, like SQLite's (same numbering, same meaning),
 * recorded in schema_migrations. Identity ids give the order the hash chains follow. `fill`, when
 * given, runs after the SQL in the same transaction (values only JavaScript computes). The text
 * the two lists share is each dialect's SQL, frozen once applied: see sqlite/migrations.ts.
 */
export const PG_MIGRATIONS: readonly {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly fill?: (c: pg.PoolClient) => Promise<void>;
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
        pending_figures_count BOOLEAN NOT NULL DEFAULT FALSE
      );
      CREATE TABLE imports (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        election TEXT NOT NULL REFERENCES elections(id),
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size BIGINT NOT NULL,
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
      CREATE TABLE acta_versions (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        election TEXT NOT NULL,
        mesa TEXT NOT NULL,
        version INTEGER NOT NULL,
        kind TEXT NOT NULL,
        is_current BOOLEAN NOT NULL,
        conflict BOOLEAN NOT NULL DEFAULT FALSE,
        ubigeo TEXT NOT NULL,
        state TEXT NOT NULL,
        state_label TEXT NOT NULL,
        eligible INTEGER NOT NULL,
        voters INTEGER,
        votes INTEGER[],
        blank INTEGER NOT NULL,
        null_votes INTEGER NOT NULL,
        impugned INTEGER NOT NULL,
        import_id BIGINT REFERENCES imports(id),
        row INTEGER,
        recorded_at TEXT NOT NULL,
        warnings TEXT NOT NULL
      );
      -- no two versions with the same number, and at most one current version per acta: the
      -- constraints that keep two concurrent ingests from losing or duplicating a version
      CREATE UNIQUE INDEX acta_version_key ON acta_versions(election, mesa, version);
      CREATE UNIQUE INDEX acta_current ON acta_versions(election, mesa) WHERE is_current;
      CREATE INDEX acta_ubigeo ON acta_versions(election, ubigeo) WHERE is_current;
      CREATE TABLE quarantine (
        import_id BIGINT NOT NULL REFERENCES imports(id),
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
      );
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
      );
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
        pct_counted DOUBLE PRECISION NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (election, revision)
      );
    `,
  },
  {
    version: 5,
    name: 'tamper evidence: hash chains over acta versions and committed imports',
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
      UPDATE quarantine q SET election = i.election FROM imports i WHERE i.id = q.import_id;
      CREATE INDEX quarantine_mesa ON quarantine(election, mesa_key);
    `,
    fill: async (c) => {
      // each distinct mesa's key, computed as every insert's (mesaKey), joined back by the mesa
      const mesas = (
        await c.query('SELECT DISTINCT mesa FROM quarantine WHERE mesa IS NOT NULL')
      ).rows.map((r: { mesa: string }) => r.mesa);
      await c.query(
        'UPDATE quarantine q SET mesa_key = v.k FROM unnest($1::text[], $2::text[]) AS v(m, k) WHERE q.mesa = v.m',
        [mesas, mesas.map(mesaKey)],
      );
    },
  },
  {
    version: 11,
    name: 'current actas by election and state: the elections list counts them from the index alone',
    sql: `CREATE INDEX acta_current_state ON acta_versions(election, state) WHERE is_current;`,
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
    // the page is the key's index read in order from the last id: a store not yet analysed (right
    // after its imports, until autovacuum's analyze) was planned as every version of the election
    // then a sort, per page (114–252 ms a page of the runoff's). The setting is the function's
    // own (restored on return), so a read binds its values and stays one round trip.
    sql: `
      CREATE FUNCTION applied_version_page(
        p_election TEXT, p_after_id BIGINT, p_after_import BIGINT, p_up_to_import BIGINT, p_limit INTEGER
      ) RETURNS SETOF acta_versions LANGUAGE sql STABLE SET enable_sort = off AS $$
        SELECT * FROM acta_versions
        WHERE id > p_after_id AND election = p_election AND kind <> 'conflict'
          AND import_id > p_after_import AND import_id <= p_up_to_import
        ORDER BY id LIMIT p_limit
      $$;
    `,
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
        import_id BIGINT NOT NULL REFERENCES imports(id),
        PRIMARY KEY (election, mesa, version)
      );
    `,
  },
];
