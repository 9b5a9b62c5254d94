// The audit log: one hash chain over every act that changes what cifra serves — an election's
// definition (choices, rules, manifest), a committed import (its record, the version chain's head
// and length, its quarantine, the election's places and catch-up marks), a published result, a recorded projection.
// Its head (count and hash) is what `cifra audit head` prints and `cifra publish` writes into the
// site: whoever keeps an earlier head checks with `cifra audit verify --since` that history only
// grew. Entries are written by the act itself, never by a migration (ADR 008).
import type { ElectionDef } from '../core/model/acta.js';
import {
  chainHash,
  GENESIS,
  verifyChainSummary,
  type AuditBreak,
  type AuditReport,
  type VersionChainSummary,
} from './audit.js';
import { electionRow, mesaKey } from './rows.js';
import type { ImportRecord, LogEntry, LogKind, ProjectionText, QuarantineText } from './records.js';

/**
 * SQL for the revision's last component: the last log entry that changed what is served — so an
 * election redefined or a result republished with as many units as before is a new revision. A
 * recorded projection is left out: it is made at a revision and must not start a new one.
 * `subject` (a bind parameter) narrows it to one election's definition and published results,
 * read by the index audit_log_subject (migration 9); the global one walks the primary key back.
 */
export function revisionSeqSql(subject?: string): string {
  return subject === undefined
    ? "(SELECT COALESCE(MAX(seq), 0) FROM audit_log WHERE kind <> 'projection')"
    : `(SELECT COALESCE(MAX(seq), 0) FROM audit_log WHERE kind IN ('election', 'published') AND subject = ${subject})`;
}

export interface AuditHead {
  readonly count: number;
  readonly hash: string;
  readonly at: string | null;
}

/** What an import's log entry pins. */
export interface ImportDetail {
  readonly import: string;
  readonly versions: number;
  readonly versionHead: string;
  readonly quarantine: string;
  readonly places: string;
  /**
   * The election's catch-up marks (acta_caught_up) as of the import's end, counted and digested:
   * written by every import since they joined the log; absent from the entries written before,
   * whose marks the audit then takes as stored until the election's next import pins them.
   */
  readonly caughtUp?: { readonly count: number; readonly digest: string };
}

/** A catch-up mark as stored: the import whose row first gave a current correction unchanged. */
export interface CaughtUpRow {
  readonly election: string;
  readonly mesa: string;
  readonly version: number;
  readonly importId: number;
}

export interface PlaceRow {
  readonly election: string;
  readonly ubigeo: string;
  readonly department: string;
  readonly province: string;
  readonly district: string;
}
export interface PublishedText {
  readonly election: string;
  readonly units: readonly {
    readonly level: string;
    readonly code: string;
    readonly doc: string;
  }[];
  readonly seats: string | null;
}

/**
 * Everything the audit reads, as stored (text columns as text); the acta versions, by far the
 * most rows, folded as they are read (VersionChainCheck, fed `versionPositions(log)`).
 */
export interface AuditRecords {
  readonly versions: VersionChainSummary;
  readonly imports: readonly (ImportRecord & { readonly hash: string | null })[];
  readonly log: readonly LogEntry[];
  readonly elections: readonly ElectionDef[];
  readonly quarantine: readonly QuarantineText[];
  readonly places: readonly PlaceRow[];
  readonly caughtUp: readonly CaughtUpRow[];
  readonly published: readonly PublishedText[];
  readonly projections: readonly ProjectionText[];
  readonly migrations: readonly { readonly version: number; readonly name: string }[];
  /** The migrations this build knows (the stored ones must be exactly these). */
  readonly knownMigrations: readonly { readonly version: number; readonly name: string }[];
}

const digest = (value: unknown): string => chainHash('', JSON.stringify(value));

export const electionDigest = (def: ElectionDef): string => digest(electionRow(def));

export function quarantineDigest(rows: readonly QuarantineText[]): string {
  const sorted = [...rows].sort((a, b) => a.row - b.row || cmp(a.raw, b.raw));
  return digest(sorted.map((q) => [q.row, q.mesa, q.issues, q.raw]));
}

export function placesDigest(rows: readonly PlaceRow[]): string {
  const sorted = [...rows].sort((a, b) => cmp(a.ubigeo, b.ubigeo));
  return digest(sorted.map((p) => [p.ubigeo, p.department, p.province, p.district]));
}

/** The catch-up marks as the audit reads them (a store adds its WHERE). */
export const CAUGHT_UP_SQL = 'SELECT election, mesa, version, import_id FROM acta_caught_up';

export const caughtUpOf = (r: Readonly<Record<string, unknown>>): CaughtUpRow => ({
  election: r['election'] as string,
  mesa: r['mesa'] as string,
  version: Number(r['version']),
  importId: Number(r['import_id']),
});

/** An election's catch-up marks, in key order: the import's entry pins them (ImportDetail). */
export function caughtUpDigest(rows: readonly CaughtUpRow[]): string {
  const sorted = [...rows].sort((a, b) => cmp(a.mesa, b.mesa) || a.version - b.version);
  return digest(sorted.map((m) => [m.mesa, m.version, m.importId]));
}

export function publishedDigest(p: PublishedText): string {
  const units = [...p.units].sort((a, b) => cmp(a.level, b.level) || cmp(a.code, b.code));
  return digest([units.map((u) => [u.level, u.code, u.doc]), p.seats]);
}

export const projectionDigest = (p: ProjectionText): string =>
  digest([p.election, p.revision, p.recordedAt, p.pctCounted, p.doc]);

export const projectionSubject = (election: string, revision: string): string =>
  `${election} ${revision}`;

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The entry that follows `last` (null: the first). */
export function nextEntry(
  last: Pick<LogEntry, 'seq' | 'hash'> | null,
  kind: LogKind,
  subject: string,
  detail: string,
  at: string,
): LogEntry {
  const seq = (last?.seq ?? 0) + 1;
  return {
    seq,
    kind,
    subject,
    detail,
    at,
    hash: entryHash(last?.hash ?? GENESIS, seq, kind, subject, detail, at),
  };
}

function entryHash(
  prev: string,
  seq: number,
  kind: string,
  subject: string,
  detail: string,
  at: string,
): string {
  return chainHash(prev, JSON.stringify([seq, kind, subject, detail, at]));
}

export function headOf(log: readonly LogEntry[]): AuditHead {
  const last = log.at(-1);
  return { count: last?.seq ?? 0, hash: last?.hash ?? GENESIS, at: last?.at ?? null };
}

export interface FullAuditReport extends AuditReport {
  readonly head: AuditHead;
  readonly logEntries: number;
}

/**
 * Verifies the two row chains, the audit log's chain, and that every table agrees with the log:
 * elections, imports (none unlogged, none rolled back after commit, none deleted), the version
 * chain's length and head, quarantine, places, catch-up marks, published results, projections and the applied
 * migrations. `since`: an earlier head's hash that must still be in the log.
 */
export function verifyAudit(r: AuditRecords, since?: string): FullAuditReport {
  const base = verifyChainSummary(r.versions, r.imports);
  const breaks: AuditBreak[] = [...base.breaks];
  const add = (b: AuditBreak | undefined): void => void (b && breaks.push(b));
  add(checkLogChain(r.log));
  add(checkSince(r.log, since));
  add(checkMigrations(r.migrations, r.knownMigrations));
  add(checkElections(r));
  for (const b of checkImports(r)) add(b);
  add(checkQuarantineKeys(r));
  add(checkCaughtUp(r));
  add(checkPublished(r));
  add(checkProjections(r));
  return {
    ...base,
    ok: breaks.length === 0,
    breaks,
    head: headOf(r.log),
    logEntries: r.log.length,
  };
}

/**
 * The log's suffix after `head`, a head verified earlier (by a full verify, recorded by the last
 * publish): `entries` are the log from `head.count` on. The head must still be there with its hash
 * (a prefix rewritten and re-hashed changes it), and every later entry must chain from it. Not
 * checked, as a full verifyAudit does: the entries before the head, the two row chains (acta
 * versions, imports) and the tables against the log (docs/publishing.md).
 */
export function verifyLogSuffix(
  head: AuditHead,
  entries: readonly LogEntry[],
): { ok: true; head: AuditHead; breaks: [] } | { ok: false; breaks: AuditBreak[] } {
  const first = entries[0];
  if (head.count < 1 || first?.seq !== head.count || first.hash !== head.hash)
    return {
      ok: false,
      breaks: [
        brk(
          'audit_log',
          head.hash,
          'head_not_found',
          `the head of the last publish (entry ${head.count}) is not in the log: history was rewritten or cut`,
        ),
      ],
    };
  let prev = first.hash;
  for (const [i, e] of entries.entries()) {
    if (i === 0) continue;
    const expected = entryHash(prev, head.count + i, e.kind, e.subject, e.detail, e.at);
    if (e.seq !== head.count + i || e.hash !== expected)
      return {
        ok: false,
        breaks: [brk('audit_log', e.seq, 'hash_mismatch', `${e.kind} ${e.subject}`)],
      };
    prev = expected;
  }
  return { ok: true, head: headOf(entries), breaks: [] };
}

function checkLogChain(log: readonly LogEntry[]): AuditBreak | undefined {
  let prev = GENESIS;
  for (const [i, e] of log.entries()) {
    const expected = entryHash(prev, i + 1, e.kind, e.subject, e.detail, e.at);
    if (e.seq !== i + 1 || e.hash !== expected)
      return brk('audit_log', e.seq, 'hash_mismatch', `${e.kind} ${e.subject}`);
    prev = expected;
  }
  return undefined;
}

function checkSince(log: readonly LogEntry[], since: string | undefined): AuditBreak | undefined {
  if (since === undefined || since === GENESIS || log.some((e) => e.hash === since))
    return undefined;
  return brk(
    'audit_log',
    since,
    'head_not_found',
    'the given head is not in the log: history was rewritten or cut',
  );
}

function checkMigrations(
  stored: AuditRecords['migrations'],
  known: readonly { readonly version: number; readonly name: string }[],
): AuditBreak | undefined {
  const names = new Map(known.map((m) => [m.version, m.name]));
  const bad = stored.find((m) => names.get(m.version) !== m.name);
  if (bad) return brk('schema_migrations', bad.version, 'changed', bad.name);
  const have = new Set(stored.map((m) => m.version));
  const missing = known.find((m) => !have.has(m.version));
  return missing ? brk('schema_migrations', missing.version, 'missing', missing.name) : undefined;
}

/** The last entry of each subject of a kind. */
function lastBySubject(log: readonly LogEntry[], kind: LogKind): Map<string, LogEntry> {
  const out = new Map<string, LogEntry>();
  for (const e of log) if (e.kind === kind) out.set(e.subject, e);
  return out;
}

function checkElections(r: AuditRecords): AuditBreak | undefined {
  const logged = lastBySubject(r.log, 'election');
  const stored = new Map(r.elections.map((e) => [e.id, e]));
  for (const [id, e] of logged)
    if (!stored.has(id)) return brk('elections', id, 'missing', `logged at entry ${e.seq}`);
  for (const def of r.elections) {
    const e = logged.get(def.id);
    if (!e) return brk('elections', def.id, 'unlogged', 'not defined through cifra');
    if (e.detail !== electionDigest(def))
      return brk(
        'elections',
        def.id,
        'changed',
        `differs from log entry ${e.seq} (choices, rules or manifest)`,
      );
  }
  return undefined;
}

/**
 * The version positions checkImports reads: each import entry's chain head (its count less one)
 * and the version after the last import's. An entry whose detail does not parse names none (the
 * check then fails on it as before).
 */
export function versionPositions(log: readonly LogEntry[]): Set<number> {
  const out = new Set<number>();
  let last = 0;
  for (const e of log) {
    if (e.kind !== 'import') continue;
    try {
      last = (JSON.parse(e.detail) as ImportDetail).versions;
    } catch {
      continue;
    }
    out.add(last - 1);
  }
  out.add(last);
  return out;
}

function checkImports(r: AuditRecords): AuditBreak[] {
  const out: AuditBreak[] = [];
  const imports = new Map(r.imports.map((i) => [String(i.id), i]));
  const entries = r.log.filter((e) => e.kind === 'import');
  const logged = new Set(entries.map((e) => e.subject));
  const unlogged = r.imports.find((i) => i.status === 'committed' && !logged.has(String(i.id)));
  if (unlogged) out.push(brk('imports', unlogged.id, 'unlogged', unlogged.fileName));
  const lastPerElection = new Map<string, ImportDetail>();
  for (const e of entries) {
    const d = JSON.parse(e.detail) as ImportDetail;
    const rec = imports.get(e.subject);
    if (!rec) out.push(brk('imports', e.subject, 'missing', `logged at entry ${e.seq}`));
    else if (rec.status !== 'committed')
      out.push(brk('imports', rec.id, 'rolled_back', `status ${rec.status} after its commit`));
    else if (rec.hash !== d.import) out.push(brk('imports', rec.id, 'changed', rec.fileName));
    const at = r.versions.at.get(d.versions - 1)?.hash ?? GENESIS;
    if (d.versions > r.versions.count || at !== d.versionHead)
      out.push(
        brk('acta_versions', d.versions, 'missing', `the chain's head at import ${e.subject}`),
      );
    const q = r.quarantine.filter((x) => String(x.importId) === e.subject);
    if (quarantineDigest(q) !== d.quarantine)
      out.push(brk('quarantine', e.subject, 'changed', `quarantined rows of import ${e.subject}`));
    if (rec) lastPerElection.set(rec.election, d);
    if (out.length > 0) return out;
  }
  const head = entries.at(-1);
  const logged_ = head ? (JSON.parse(head.detail) as ImportDetail).versions : 0;
  if (r.versions.count > logged_)
    out.push(
      brk(
        'acta_versions',
        r.versions.at.get(logged_)?.id ?? 0,
        'unlogged',
        'written after the last logged import',
      ),
    );
  const stray = r.quarantine.find((q) => !logged.has(String(q.importId)));
  if (stray) out.push(brk('quarantine', stray.importId, 'unlogged', `row ${stray.row}`));
  const elections = new Set([...r.places.map((p) => p.election), ...lastPerElection.keys()]);
  for (const id of elections) {
    const d = lastPerElection.get(id);
    const places = r.places.filter((p) => p.election === id);
    if (d?.places !== placesDigest(places)) {
      out.push(brk('places', id, 'changed', 'place names differ from the last import'));
      break;
    }
  }
  return out;
}

/**
 * Each election's catch-up marks against every import entry that pins them: they change what
 * later imports decide (versioning.ts supersededOf), so one added, removed or altered behind
 * cifra's back is a break. Marks are only inserted, each by the import it names in the
 * transaction of that import's entry, so an entry pins exactly the marks whose import's entry
 * comes at or before it (log order); a later import does not launder an earlier edit. An entry
 * written before the marks joined the log pins none (skipped); an election with marks and no
 * import is a break. A mark naming no logged import counts as before every entry.
 */
function checkCaughtUp(r: AuditRecords): AuditBreak | undefined {
  const election = new Map(r.imports.map((i) => [String(i.id), i.election]));
  const at = new Map<string, number>();
  r.log.forEach((e, i) => e.kind === 'import' && at.set(e.subject, i));
  const byElection = new Map<string, CaughtUpRow[]>();
  for (const m of r.caughtUp)
    byElection.set(m.election, [...(byElection.get(m.election) ?? []), m]);
  const logged = new Set<string>();
  for (const [i, e] of r.log.entries()) {
    const id = e.kind === 'import' ? election.get(e.subject) : undefined;
    if (id === undefined) continue;
    logged.add(id);
    const pinned = (JSON.parse(e.detail) as ImportDetail).caughtUp;
    if (pinned === undefined) continue;
    const marks = (byElection.get(id) ?? []).filter((m) => (at.get(String(m.importId)) ?? -1) <= i);
    if (caughtUpDigest(marks) === pinned.digest) continue;
    return brk(
      'acta_caught_up',
      id,
      'changed',
      `the source's catch-up marks differ from import ${e.subject}'s log entry (${pinned.count} logged, ${marks.length} stored)`,
    );
  }
  const stray = [...byElection.keys()].sort(cmp).find((id) => !logged.has(id));
  return stray === undefined
    ? undefined
    : brk(
        'acta_caught_up',
        stray,
        'unlogged',
        `${byElection.get(stray)?.length ?? 0} marks, no logged import`,
      );
}

function checkPublished(r: AuditRecords): AuditBreak | undefined {
  const logged = lastBySubject(r.log, 'published');
  const stored = new Map(r.published.map((p) => [p.election, p]));
  for (const [id, e] of logged) {
    const p = stored.get(id) ?? { election: id, units: [], seats: null };
    if (publishedDigest(p) !== e.detail)
      return brk('published_units', id, 'changed', `differs from log entry ${e.seq}`);
  }
  const stray = r.published.find((p) => !logged.has(p.election));
  return stray
    ? brk('published_units', stray.election, 'unlogged', 'not loaded through cifra')
    : undefined;
}

function checkProjections(r: AuditRecords): AuditBreak | undefined {
  const logged = lastBySubject(r.log, 'projection');
  for (const p of r.projections) {
    const subject = projectionSubject(p.election, p.revision);
    const e = logged.get(subject);
    if (!e) return brk('projections', subject, 'unlogged', 'not recorded through cifra');
    if (e.detail !== projectionDigest(p))
      return brk('projections', subject, 'changed', `differs from log entry ${e.seq}`);
  }
  const have = new Set(r.projections.map((p) => projectionSubject(p.election, p.revision)));
  const gone = [...logged.keys()].find((s) => !have.has(s));
  return gone === undefined ? undefined : brk('projections', gone, 'missing', 'logged but deleted');
}

/**
 * A quarantined row's derived columns agree with its import and mesa: edited, they would hide the
 * row from its acta's document while its digest (row, mesa, issues, raw) still matched the log.
 */
function checkQuarantineKeys(r: AuditRecords): AuditBreak | undefined {
  const election = new Map(r.imports.map((i) => [i.id, i.election]));
  const bad = r.quarantine.find(
    (q) =>
      q.election !== election.get(q.importId) ||
      q.mesaKey !== (q.mesa === null ? null : mesaKey(q.mesa)),
  );
  return bad === undefined
    ? undefined
    : brk(
        'quarantine',
        bad.importId,
        'derived_state_mismatch',
        `row ${bad.row}'s election or mesa key`,
      );
}

const brk = (
  table: AuditBreak['table'],
  id: number | string,
  reason: AuditBreak['reason'],
  detail: string,
): AuditBreak => ({ table, id, reason, detail });
