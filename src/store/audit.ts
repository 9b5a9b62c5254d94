import crypto from 'node:crypto';
import type { VersionRecord } from '../core/tally/batch-plan.js';
import type { ImportRecord } from './records.js';

/**
 * Tamper evidence: every acta version and every committed import is chained — each row stores
 * SHA-256(previous row's hash ‖ its own canonical content), in the order written. Editing,
 * deleting or reordering a stored row breaks the chain from that row on; `cifra audit verify`
 * reports the first broken link. Both stores compute the same hashes from the same content.
 */
export const GENESIS = '0'.repeat(64);

/**
 * SHA-256 (hex) of the UTF-8 bytes of `prev` then `content`. One-shot `crypto.hash` (Node ≥ 20.12)
 * where it exists — a third of the time of a Hash object per version, for the same digest.
 */
export function chainHash(prev: string, content: string): string {
  return typeof crypto.hash === 'function'
    ? crypto.hash('sha256', prev + content, 'hex')
    : crypto.createHash('sha256').update(prev).update(content).digest('hex');
}

/** A stored acta version: its hashed content, its derived is_current / conflict flags, its hash. */
export interface ChainedVersion extends VersionRecord {
  readonly id: number;
  readonly isCurrent: boolean;
  readonly conflict: boolean;
  readonly hash: string | null;
}

/**
 * The chain link of one acta version (the planner's ChainHash for every store): the values of
 * HASHED_COLUMNS (core/model/version-columns.ts), in order. Listed by hand on the import's hot
 * path (the table's accessors cost ~10 % of this function); test/version-columns.test.ts holds
 * the list to the table, and every hashed column to changing the hash. An acta's fields are
 * listed again, in another order, by figuresHash (results/figures-hash.ts): the two cannot share
 * one list, as this order is fixed by every stored link.
 */
export function versionHash(prev: string, v: VersionRecord): string {
  const a = v.acta;
  return chainHash(
    prev,
    JSON.stringify([
      a.election,
      v.mesa,
      v.version,
      v.kind,
      a.ubigeo,
      a.state,
      a.stateLabel,
      a.eligible,
      a.voters,
      a.votes,
      a.blank,
      a.null,
      a.impugned,
      v.importId,
      v.row,
      v.recordedAt,
      v.warnings,
      a.preferential ?? null,
      // an observation (migration 13) joins the link only where the source gave one: the links
      // stored before it stay as they were
      ...(a.observation !== undefined ? [a.observation] : []),
    ]),
  );
}

export function importHash(prev: string, r: ImportRecord): string {
  return chainHash(
    prev,
    JSON.stringify([
      r.id,
      r.election,
      r.fileName,
      r.sha256,
      r.size,
      r.format,
      r.mode,
      r.status,
      r.startedAt,
      r.finishedAt ?? null,
      r.rowsRead ?? null,
      r.new ?? null,
      r.unchanged ?? null,
      r.stateChanges ?? null,
      r.corrected ?? null,
      r.conflicts ?? null,
      r.quarantined ?? null,
      r.quarantinedByCode ?? null,
      // a correction's ruling and author (migration 12) join the link only where given: the
      // links stored before them stay as they were
      ...(r.resolution !== undefined || r.author !== undefined
        ? [r.resolution ?? null, r.author ?? null]
        : []),
      // its observation changes (migration 15) likewise, where counted: NULL before it
      ...(r.observationChanges !== undefined ? [r.observationChanges] : []),
      // the source's cut (migration 16) likewise, where given, tagged: a text after the optional
      // ones above (or a later column's, where given) is then never taken for another's
      ...(r.cut !== undefined ? [{ cut: r.cut }] : []),
    ]),
  );
}

export interface AuditBreak {
  readonly table:
    | 'acta_versions'
    | 'imports'
    | 'audit_log'
    | 'elections'
    | 'quarantine'
    | 'places'
    | 'published_units'
    | 'projections'
    | 'schema_migrations'
    | 'acta_caught_up';
  readonly id: number | string;
  readonly reason:
    | 'hash_mismatch'
    | 'missing_hash'
    | 'derived_state_mismatch'
    | 'head_not_found'
    | 'changed'
    | 'missing'
    | 'unlogged'
    | 'rolled_back';
  readonly detail: string;
}

export interface AuditReport {
  readonly ok: boolean;
  readonly versions: number;
  readonly imports: number;
  /** The first broken link of each chain (and the first acta whose current state disagrees with its history). */
  readonly breaks: readonly AuditBreak[];
}

/** What the derived-state check keeps of a version: ids and flags, not the row. */
interface MesaVersion {
  readonly id: number;
  readonly version: number;
  readonly isConflictKind: boolean;
  readonly isCurrent: boolean;
  readonly conflict: boolean;
}

/** One mesa's versions in the order written (named by its first). */
interface MesaVersions {
  readonly election: string;
  readonly mesa: string;
  readonly list: MesaVersion[];
}

/** A stored version at a position the audit log's import entries name (checkImports). */
export interface VersionAt {
  readonly id: number;
  readonly hash: string | null;
}

/** What one pass over the version chain leaves for the audit: no row is kept. */
export interface VersionChainSummary {
  readonly count: number;
  /** The chain's first broken link. */
  readonly chainBreak: AuditBreak | null;
  /** The first version gap, then the first acta whose flags disagree with its versions. */
  readonly stateBreaks: readonly AuditBreak[];
  /** The versions at the positions asked for (0-based, in the order written). */
  readonly at: ReadonlyMap<number, VersionAt>;
}

/**
 * The version chain checked as it is read, a version at a time in the order written, so that a
 * store hands over rows without holding them all (the adapter drives, this folds). It keeps a
 * few flags per version for the derived-state check, and the id and hash of the `wanted`
 * positions only.
 */
export class VersionChainCheck {
  private prev = GENESIS;
  private chainBreak: AuditBreak | null = null;
  private count = 0;
  private readonly byMesa = new Map<string, MesaVersions>();
  private readonly at = new Map<number, VersionAt>();

  constructor(private readonly wanted: ReadonlySet<number> = new Set()) {}

  add(v: ChainedVersion): void {
    if (this.wanted.has(this.count)) this.at.set(this.count, { id: v.id, hash: v.hash });
    this.count += 1;
    if (this.chainBreak === null) this.link(v);
    const key = `${v.acta.election}\u0000${v.mesa}`;
    const entry: MesaVersion = {
      id: v.id,
      version: v.version,
      isConflictKind: v.kind === 'conflict',
      isCurrent: v.isCurrent,
      conflict: v.conflict,
    };
    const group = this.byMesa.get(key);
    if (group) group.list.push(entry);
    else this.byMesa.set(key, { election: v.acta.election, mesa: v.mesa, list: [entry] });
  }

  result(): VersionChainSummary {
    const stateBreaks: AuditBreak[] = [];
    const gap = firstVersionGap(this.byMesa);
    if (gap) stateBreaks.push(gap);
    const mismatch = firstDerivedMismatch(this.byMesa);
    if (mismatch) stateBreaks.push(mismatch);
    return { count: this.count, chainBreak: this.chainBreak, stateBreaks, at: this.at };
  }

  private link(v: ChainedVersion): void {
    const expected = versionHash(this.prev, v);
    if (v.hash === null || v.hash !== expected)
      this.chainBreak = {
        table: 'acta_versions',
        id: v.id,
        reason: v.hash === null ? 'missing_hash' : 'hash_mismatch',
        // A deleted row breaks the link of the row written after it, so name both possibilities.
        detail: `mesa ${v.mesa} version ${v.version} (${v.acta.election}): its hash does not follow from the row written before it — this row, or one written just before it, was changed or deleted`,
      };
    else this.prev = expected;
  }
}

/**
 * A mesa's versions are numbered 1, 2, … with no gap (the planner numbers each after the highest
 * stored), so a missing number names a deleted version that the chain alone can only place near
 * the next row written after it.
 */
function firstVersionGap(byMesa: ReadonlyMap<string, MesaVersions>): AuditBreak | null {
  for (const { election, mesa, list } of byMesa.values()) {
    const numbers = list.map((v) => v.version).sort((a, b) => a - b);
    const missing = numbers.findIndex((n, i) => n !== i + 1);
    if (missing === -1) continue;
    return {
      table: 'acta_versions',
      id: `${election}/${mesa}/${missing + 1}`,
      reason: 'missing',
      detail: `mesa ${mesa} (${election}): version ${missing + 1} is missing (stored: ${numbers.join(', ')})`,
    };
  }
  return null;
}

/**
 * Derived state: the current version is the latest that is not a conflict; it is flagged when a
 * later conflict exists.
 */
function firstDerivedMismatch(byMesa: ReadonlyMap<string, MesaVersions>): AuditBreak | null {
  for (const { election, mesa, list } of byMesa.values()) {
    list.sort((a, b) => a.version - b.version);
    let current = -1;
    list.forEach((v, i) => {
      if (!v.isConflictKind) current = i;
    });
    const flagged = list.slice(current + 1).some((v) => v.isConflictKind);
    const bad = list.find(
      (v, i) => v.isCurrent !== (i === current) || v.conflict !== (i === current && flagged),
    );
    if (bad)
      return {
        table: 'acta_versions',
        id: bad.id,
        reason: 'derived_state_mismatch',
        detail: `mesa ${mesa} (${election}): current/conflict flags disagree with its versions`,
      };
  }
  return null;
}

/** Verifies both chains and that each acta's current/conflict flags follow from its versions. */
export function verifyChains(
  versions: Iterable<ChainedVersion>,
  imports: readonly (ImportRecord & { readonly hash: string | null })[],
): AuditReport {
  const check = new VersionChainCheck();
  for (const v of versions) check.add(v);
  return verifyChainSummary(check.result(), imports);
}

/** The version chain's summary with the import chain checked: the breaks in the order of old. */
export function verifyChainSummary(
  versions: VersionChainSummary,
  imports: readonly (ImportRecord & { readonly hash: string | null })[],
): AuditReport {
  const breaks: AuditBreak[] = [];
  if (versions.chainBreak) breaks.push(versions.chainBreak);
  const importBreak = firstImportBreak(imports);
  if (importBreak) breaks.push(importBreak);
  breaks.push(...versions.stateBreaks);
  return {
    ok: breaks.length === 0,
    versions: versions.count,
    imports: imports.filter((r) => r.status === 'committed').length,
    breaks,
  };
}

function firstImportBreak(
  imports: readonly (ImportRecord & { readonly hash: string | null })[],
): AuditBreak | null {
  let prev = GENESIS;
  for (const r of imports) {
    if (r.status !== 'committed') continue;
    const expected = importHash(prev, r);
    if (r.hash === null || r.hash !== expected)
      return {
        table: 'imports',
        id: r.id,
        reason: r.hash === null ? 'missing_hash' : 'hash_mismatch',
        detail: `import ${r.id}, ${r.fileName} (${r.election}): its hash does not follow from the import before it — this import, or one committed just before it, was changed or deleted`,
      };
    prev = expected;
  }
  return null;
}
