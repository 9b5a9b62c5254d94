// planBatch against the naive store it replaced: each row decided and written at once, retiring
// and flagging whatever version is current at that moment (how SQLite applied a batch before the
// planner). Executed on a table, the plan must leave the same versions, flags, counts and chain.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Acta, ActaState } from '../model/acta.js';
import {
  planBatch,
  type BatchOutcome,
  type EarlierState,
  type StoredMesa,
  type SupersededGiven,
  type VersionRecord,
} from './batch-plan.js';
import { decideVersion, type Superseded } from './versioning.js';

const NUM_RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);

interface Row extends VersionRecord {
  isCurrent: boolean;
  conflict: boolean;
  readonly hash: string;
}
interface Table {
  readonly rows: Row[];
  chain: string;
}
interface Batch {
  readonly mode: 'import' | 'correction';
  readonly actas: readonly Acta[];
}

const hash = (prev: string, v: VersionRecord): string =>
  `${prev}|${v.mesa}.${v.version}.${v.kind}.${v.row}.${v.acta.state}.${String(v.acta.votes)}`;
const currentOf = (t: Table, mesa: string): Row | undefined =>
  t.rows.find((r) => r.mesa === mesa && r.isCurrent);
const maxVersionOf = (t: Table, mesa: string): number =>
  Math.max(0, ...t.rows.filter((r) => r.mesa === mesa).map((r) => r.version));
/** The mesa's highest version when it is not the current one (a conflict kept). */
const latestOf = (t: Table, mesa: string): Row | undefined => {
  const top = t.rows.find((r) => r.mesa === mesa && r.version === maxVersionOf(t, mesa));
  return top === undefined || top.isCurrent ? undefined : top;
};

/**
 * What the mesa's run of corrections replaced, where its current version is a correction: every
 * version not a correction before the run's first correction — the first one after the last
 * version the source made current — with that correction's import.
 */
const supersededOf = (t: Table, mesa: string): Superseded | undefined => {
  if (currentOf(t, mesa)?.kind !== 'correction') return undefined;
  const mine = t.rows.filter((r) => r.mesa === mesa).sort((x, y) => x.version - y.version);
  const sourceLast = mine.filter((r) => r.kind !== 'conflict' && r.kind !== 'correction').at(-1);
  const first = mine.find((r) => r.kind === 'correction' && r.version > (sourceLast?.version ?? 0));
  if (first === undefined) return undefined;
  const actas = mine.filter((r) => r.version < first.version && r.kind !== 'correction');
  return { actas: actas.map((r) => r.acta), correction: first.importId };
};

/** The reference: one row at a time, straight into the table. */
function applyNaively(t: Table, b: Batch, importId: number): BatchOutcome {
  const out = {
    new: 0,
    unchanged: 0,
    stateChanges: 0,
    observationChanges: 0,
    corrected: 0,
    conflicts: 0,
  };
  const conflictMesas: string[] = [];
  const earlierStates: EarlierState[] = [];
  const superseded: SupersededGiven[] = [];
  b.actas.forEach((a, i) => {
    const cur = currentOf(t, a.mesa);
    const latest = latestOf(t, a.mesa)?.acta ?? null;
    const ruled = supersededOf(t, a.mesa);
    const d = decideVersion(cur ? cur.acta : null, a, b.mode, latest, ruled?.actas);
    if (d.kind === 'unchanged') {
      out.unchanged++;
      return;
    }
    const becomesCurrent = d.kind !== 'conflict';
    if (becomesCurrent && cur) {
      cur.isCurrent = false;
      cur.conflict = false;
    }
    const version = cur ? maxVersionOf(t, a.mesa) + 1 : 1;
    const record: VersionRecord = {
      mesa: a.mesa,
      version,
      kind: d.kind,
      acta: a,
      importId,
      row: i + 1,
      recordedAt: 'T',
      warnings: '[]',
    };
    t.chain = hash(t.chain, record);
    t.rows.push({ ...record, isCurrent: becomesCurrent, conflict: false, hash: t.chain });
    if (d.kind === 'conflict') {
      const c = currentOf(t, a.mesa);
      if (c) c.conflict = true;
      out.conflicts++;
      conflictMesas.push(a.mesa);
      if (d.reason === 'earlier_state' && cur)
        earlierStates.push({ mesa: a.mesa, held: cur.acta.state, given: a.state });
      if (d.reason === 'superseded' && ruled)
        superseded.push({ mesa: a.mesa, correction: ruled.correction });
    } else if (d.kind === 'new') out.new++;
    else if (d.kind === 'correction') out.corrected++;
    else if (d.kind === 'observation_change') out.observationChanges++;
    else out.stateChanges++;
  });
  return { ...out, conflictMesas, earlierStates, superseded };
}

/** The planner, its plan executed on the table as the stores execute it. */
function applyPlanned(t: Table, b: Batch, importId: number): BatchOutcome {
  const stored = new Map<string, StoredMesa>();
  for (const a of b.actas) {
    const cur = currentOf(t, a.mesa);
    const latest = latestOf(t, a.mesa)?.acta;
    const superseded = supersededOf(t, a.mesa);
    if (cur)
      stored.set(a.mesa, {
        acta: cur.acta,
        maxVersion: maxVersionOf(t, a.mesa),
        latest,
        superseded,
      });
  }
  const plan = planBatch({
    stored,
    incoming: b.actas.map((acta, i) => ({ acta, row: i + 1, warnings: [] })),
    mode: b.mode,
    importId,
    recordedAt: 'T',
    chain: t.chain,
    placed: new Set(),
    hash,
  });
  for (const w of plan.writes) {
    if (w.op === 'retire_current' || w.op === 'flag_conflict') {
      const cur = currentOf(t, w.mesa);
      if (!cur) throw new Error(`${w.op} of ${w.mesa} without a stored current version`);
      if (w.op === 'retire_current') cur.isCurrent = cur.conflict = false;
      else cur.conflict = true;
    } else if (w.op === 'insert_version') {
      t.rows.push({ ...w.version });
    }
  }
  t.chain = plan.chain;
  return plan.outcome;
}

const STATES: readonly [ActaState, string][] = [
  ['counted', 'CONTABILIZADA'],
  ['resolved', 'COMPUTADA RESUELTA'],
  ['pending', 'PENDIENTE'],
  ['jee', 'ENVIADA AL JEE'],
];
const arbitraryActa = fc
  .record({
    mesa: fc.constantFrom('000001', '000002', '000003'),
    state: fc.constantFrom(...STATES),
    votes: fc.constantFrom(null, [60, 30], [59, 31]),
    observation: fc.constantFrom(undefined, 'ERROR MATERIAL', 'ILEGIBILIDAD'),
  })
  .map(({ mesa, state, votes, observation }): Acta => ({
    election: 'e',
    mesa,
    ubigeo: '010101',
    state: state[0],
    stateLabel: state[1],
    eligible: 300,
    voters: votes ? 100 : null,
    votes,
    blank: votes ? 6 : 0,
    null: votes ? 4 : 0,
    impugned: 0,
    ...(observation === undefined ? {} : { observation }),
  }));
const arbitraryBatches = fc.array(
  fc.record({
    mode: fc.constantFrom<'import' | 'correction'>('import', 'import', 'correction'),
    actas: fc.array(arbitraryActa, { maxLength: 8 }),
  }),
  { minLength: 1, maxLength: 6 },
);

describe('planBatch, executed', () => {
  it('leaves the same versions, flags, counts and chain as applying each row at once', () => {
    fc.assert(
      fc.property(arbitraryBatches, (batches) => {
        const naive: Table = { rows: [], chain: 'G' };
        const planned: Table = { rows: [], chain: 'G' };
        batches.forEach((b, i) => {
          expect(applyPlanned(planned, b, i + 1)).toEqual(applyNaively(naive, b, i + 1));
          expect(planned).toEqual(naive);
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('keeps one current version per mesa: the latest that is not a conflict, flagged if one follows', () => {
    fc.assert(
      fc.property(arbitraryBatches, (batches) => {
        const t: Table = { rows: [], chain: 'G' };
        batches.forEach((b, i) => applyPlanned(t, b, i + 1));
        for (const mesa of new Set(t.rows.map((r) => r.mesa))) {
          const versions = t.rows.filter((r) => r.mesa === mesa);
          const current = versions.filter((r) => r.kind !== 'conflict').at(-1);
          expect(versions.filter((r) => r.isCurrent)).toEqual([current]);
          const later = versions.filter((r) => current && r.version > current.version);
          expect(current?.conflict).toBe(later.some((r) => r.kind === 'conflict'));
          expect(versions.filter((r) => !r.isCurrent && r.conflict)).toEqual([]);
          expect(versions.map((r) => r.version)).toEqual(versions.map((_, k) => k + 1));
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
