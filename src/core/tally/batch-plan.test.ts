import { describe, expect, it } from 'vitest';
import type { Acta } from '../model/acta.js';
import {
  planBatch,
  type BatchItem,
  type BatchPlanInput,
  type StoredMesa,
  type VersionRecord,
} from './batch-plan.js';
import { supersededOf, type HistoryVersion } from './versioning.js';
import { countedActa } from '../../test-utils/acta.js';

const acta = (mesa: string, over: Partial<Acta> = {}): Acta => countedActa({ mesa, ...over });
const pending = (mesa: string): Acta =>
  acta(mesa, {
    state: 'pending',
    stateLabel: 'PENDIENTE',
    voters: null,
    votes: null,
    blank: 0,
    null: 0,
  });

interface Place {
  readonly district: string;
}
const item = (a: Acta, row: number, place?: Place): BatchItem<Place> => ({
  acta: a,
  row,
  warnings: [],
  ...(place ? { place } : {}),
});

/** A readable chain: each link names the previous one and the version it adds. */
const hash = (prev: string, v: VersionRecord): string => `${prev}>${v.mesa}v${v.version}`;

function plan(
  incoming: readonly BatchItem<Place>[],
  o: Partial<BatchPlanInput<Place>> = {},
): ReturnType<typeof planBatch<Place>> {
  return planBatch<Place>({
    stored: new Map(),
    incoming,
    mode: 'import',
    importId: 7,
    recordedAt: '2026-11-26T00:00:00.000Z',
    chain: 'G',
    placed: new Set(),
    hash,
    ...o,
  });
}
const stored = (...entries: [string, StoredMesa][]): Map<string, StoredMesa> => new Map(entries);

/** The writes in a compact form: [op, mesa or ubigeo, version, current, conflict, kind]. */
const brief = (p: ReturnType<typeof plan>): unknown[][] =>
  p.writes.map((w) =>
    w.op === 'insert_version'
      ? [
          w.op,
          w.version.mesa,
          w.version.version,
          w.version.isCurrent,
          w.version.conflict,
          w.version.kind,
        ]
      : w.op === 'insert_place'
        ? [w.op, w.ubigeo]
        : [w.op, w.mesa],
  );

describe('planBatch', () => {
  it('planBatch(new actas) writes version 1 of each, current, chained in file order, and counts them', () => {
    const p = plan([item(acta('000001'), 1), item(acta('000002'), 2)]);
    expect(brief(p)).toEqual([
      ['insert_version', '000001', 1, true, false, 'new'],
      ['insert_version', '000002', 1, true, false, 'new'],
    ]);
    expect(p.chain).toBe('G>000001v1>000002v1');
    expect(p.outcome).toEqual({
      new: 2,
      unchanged: 0,
      stateChanges: 0,
      observationChanges: 0,
      corrected: 0,
      conflicts: 0,
      conflictMesas: [],
      earlierStates: [],
      superseded: [],
    });
  });

  it('planBatch gives the hash function the version as the chain covers it', () => {
    const seen: VersionRecord[] = [];
    const warning = { code: 'impugned_pending', severity: 'warning', path: ['mesa'] } as const;
    planBatch<Place>({
      stored: new Map(),
      incoming: [item(acta('000001'), 4), { acta: acta('000002'), row: 5, warnings: [warning] }],
      mode: 'import',
      importId: 7,
      recordedAt: 'T',
      chain: 'G',
      placed: new Set(),
      hash: (prev, v) => {
        const { mesa, version, kind, acta, importId, row, recordedAt, warnings } = v;
        seen.push({ mesa, version, kind, acta, importId, row, recordedAt, warnings });
        return `${prev}+`;
      },
    });
    expect(seen).toEqual([
      {
        mesa: '000001',
        version: 1,
        kind: 'new',
        acta: acta('000001'),
        importId: 7,
        row: 4,
        recordedAt: 'T',
        warnings: '[]',
      },
      {
        mesa: '000002',
        version: 1,
        kind: 'new',
        acta: acta('000002'),
        importId: 7,
        row: 5,
        recordedAt: 'T',
        warnings: JSON.stringify([warning]),
      },
    ]);
  });

  it('planBatch(unchanged rows) writes no version, keeps the chain head and counts them', () => {
    const p = plan([item(acta('000001'), 1), item(acta('000001'), 2)], {
      stored: stored(['000001', { acta: acta('000001'), maxVersion: 1 }]),
    });
    expect(p.writes).toEqual([]);
    expect(p.chain).toBe('G');
    expect(p.outcome).toMatchObject({ unchanged: 2, new: 0 });
  });

  it('planBatch(a mesa twice in one batch) numbers both and leaves only the later one current', () => {
    const p = plan([item(pending('000001'), 1), item(acta('000001'), 2), item(acta('000001'), 3)]);
    expect(brief(p)).toEqual([
      ['insert_version', '000001', 1, false, false, 'new'],
      ['insert_version', '000001', 2, true, false, 'state_change'],
    ]);
    expect(p.outcome).toMatchObject({ new: 1, stateChanges: 1, unchanged: 1 });
    expect(p.chain).toBe('G>000001v1>000001v2');
  });

  it('planBatch(a new observation on the same figures) writes an observation_change, current, and counts it apart', () => {
    const jee = (observation: string): Acta =>
      acta('000001', { state: 'jee', stateLabel: 'OBSERVADA', observation });
    const p = plan([item(jee('ILEGIBILIDAD'), 1)], {
      stored: stored(['000001', { acta: jee('ERROR MATERIAL'), maxVersion: 1 }]),
    });
    expect(brief(p)).toEqual([
      ['retire_current', '000001'],
      ['insert_version', '000001', 2, true, false, 'observation_change'],
    ]);
    expect(p.outcome).toMatchObject({ observationChanges: 1, stateChanges: 0 });
  });

  it('planBatch(a stored mesa twice) retires the stored current once and numbers after it', () => {
    const p = plan(
      [item(acta('000001', { votes: [59, 31] }), 1), item(acta('000001', { votes: [58, 32] }), 2)],
      { stored: stored(['000001', { acta: acta('000001'), maxVersion: 2 }]), mode: 'correction' },
    );
    expect(brief(p)).toEqual([
      ['retire_current', '000001'],
      ['insert_version', '000001', 3, false, false, 'correction'],
      ['insert_version', '000001', 4, true, false, 'correction'],
    ]);
    expect(p.outcome).toMatchObject({ corrected: 2 });
  });

  it('planBatch(a conflict) keeps the figures as a version, not current, and flags the stored current', () => {
    const p = plan([item(acta('000001', { votes: [59, 31] }), 1)], {
      stored: stored(['000001', { acta: acta('000001'), maxVersion: 1 }]),
    });
    expect(brief(p)).toEqual([
      ['flag_conflict', '000001'],
      ['insert_version', '000001', 2, false, false, 'conflict'],
    ]);
    expect(p.outcome).toMatchObject({ conflicts: 1, conflictMesas: ['000001'], earlierStates: [] });
  });

  // session 29: a stale file's pending for an acta at the JEE, kept as a conflict and named
  it('planBatch(an earlier state) keeps it as a conflict and names the states held and given', () => {
    const jee = acta('000001', { state: 'jee', stateLabel: 'OBSERVADA' });
    const p = plan(
      [item(acta('000001', { state: 'pending', stateLabel: 'PENDIENTE', votes: null }), 1)],
      { stored: stored(['000001', { acta: jee, maxVersion: 1 }]) },
    );
    expect(brief(p)).toEqual([
      ['flag_conflict', '000001'],
      ['insert_version', '000001', 2, false, false, 'conflict'],
    ]);
    expect(p.outcome).toMatchObject({
      conflicts: 1,
      stateChanges: 0,
      conflictMesas: ['000001'],
      earlierStates: [{ mesa: '000001', held: 'jee', given: 'pending' }],
    });
  });

  // session 32: a ruling reopened a counted acta; a new file of the source, behind the ruling,
  // still gave the counted row, and it was applied over the ruling as a state change
  it('planBatch(the version a correction replaced) keeps it as a conflict, flags the correction and names it', () => {
    const ruling = { acta: pending('000001'), maxVersion: 2 };
    const s = stored([
      '000001',
      { ...ruling, superseded: { actas: [acta('000001')], correction: 5 } },
    ]);
    const p = plan([item(acta('000001'), 1)], { stored: s });
    expect(brief(p)).toEqual([
      ['flag_conflict', '000001'],
      ['insert_version', '000001', 3, false, false, 'conflict'],
    ]);
    expect(p.outcome).toMatchObject({
      stateChanges: 0,
      conflicts: 1,
      conflictMesas: ['000001'],
      earlierStates: [],
      superseded: [{ mesa: '000001', correction: 5 }],
    });
    // other figures are the count moving on: applied as before
    const moved = plan([item(acta('000001', { votes: [59, 31] }), 1)], { stored: s });
    expect(brief(moved)).toEqual([
      ['retire_current', '000001'],
      ['insert_version', '000001', 3, true, false, 'state_change'],
    ]);
    expect(moved.outcome.superseded).toEqual([]);
    // a later correction still sets it
    const ruled = plan([item(acta('000001'), 1)], { stored: s, mode: 'correction' });
    expect(brief(ruled)).toEqual([
      ['retire_current', '000001'],
      ['insert_version', '000001', 3, true, false, 'correction'],
    ]);
  });

  it('planBatch(a correction, then its replaced version in the same batch) holds it; once the source moves on, no longer', () => {
    // a correction of this batch replaces the stored current: a row after it giving that is held
    const s = stored(['000001', { acta: acta('000001'), maxVersion: 1 }]);
    const ruled = plan([item(pending('000001'), 1)], { stored: s, mode: 'correction' });
    expect(brief(ruled)).toEqual([
      ['retire_current', '000001'],
      ['insert_version', '000001', 2, true, false, 'correction'],
    ]);
    // the source reports the acta open (at the JEE): it caught up, so its count is news
    const reopened = stored([
      '000001',
      {
        acta: pending('000001'),
        maxVersion: 2,
        superseded: { actas: [acta('000001')], correction: 2 },
      },
    ]);
    const jee = acta('000001', { state: 'jee', stateLabel: 'OBSERVADA', votes: null });
    const p = plan([item(jee, 1), item(acta('000001'), 2)], { stored: reopened });
    expect(brief(p)).toEqual([
      ['retire_current', '000001'],
      ['insert_version', '000001', 3, false, false, 'state_change'],
      ['insert_version', '000001', 4, true, false, 'state_change'],
    ]);
    expect(p.outcome).toMatchObject({ stateChanges: 2, conflicts: 0, superseded: [] });
  });

  // session 32 review: the source counted X, then Z (kept as a conflict); a ruling reopened the
  // acta; the next file gave Z, not X, and was applied over the ruling
  it('planBatch(any version the source gave before the ruling, a conflict kept too) holds it', () => {
    const x = acta('000001');
    const z = acta('000001', { votes: [59, 31] });
    const history: HistoryVersion[] = [
      { kind: 'new', acta: x, importId: 1 },
      { kind: 'conflict', acta: z, importId: 2 },
      { kind: 'correction', acta: pending('000001'), importId: 3 },
      { kind: 'correction', acta: { ...pending('000001'), observation: 'RECUENTO' }, importId: 4 },
    ];
    const superseded = supersededOf(history);
    // the ruling that replaced them is the run's first correction, not the last
    expect(superseded).toEqual({ actas: [x, z], correction: 3 });
    const s = stored(['000001', { acta: history[3]!.acta, maxVersion: 4, superseded }]);
    const p = plan([item(z, 1)], { stored: s });
    expect(brief(p)).toEqual([
      ['flag_conflict', '000001'],
      ['insert_version', '000001', 5, false, false, 'conflict'],
    ]);
    expect(p.outcome).toMatchObject({
      stateChanges: 0,
      conflicts: 1,
      superseded: [{ mesa: '000001', correction: 3 }],
    });
    // once the source made a version current after the ruling, the run is over
    const moved: HistoryVersion[] = [...history, { kind: 'state_change', acta: x, importId: 5 }];
    expect(supersededOf(moved)).toBeUndefined();
    // a new run holds against everything the source gave before it, the earlier ruling excluded
    const again = supersededOf([
      ...moved,
      { kind: 'correction', acta: pending('000001'), importId: 6 },
    ]);
    expect(again).toEqual({ actas: [x, z, x], correction: 6 });
  });

  // session 33: the source gave the ruling unchanged (nothing was recorded), then a recount gave
  // the figures the ruling replaced: held as superseded until recorded by hand
  it('planBatch(the ruling given unchanged) records that the source caught up, and the run holds no more', () => {
    const s = stored([
      '000001',
      {
        acta: pending('000001'),
        maxVersion: 2,
        superseded: { actas: [acta('000001')], correction: 5 },
      },
    ]);
    const p = plan([item(pending('000001'), 1)], { stored: s });
    expect(brief(p)).toEqual([['caught_up', '000001']]);
    expect(p.outcome).toMatchObject({ unchanged: 1, superseded: [] });
    // the next import (the stores read no run after the catching up: supersededOf) applies the
    // recount to the replaced figures
    const next = stored(['000001', { acta: pending('000001'), maxVersion: 2 }]);
    expect(brief(plan([item(acta('000001'), 1)], { stored: next }))).toEqual([
      ['retire_current', '000001'],
      ['insert_version', '000001', 3, true, false, 'state_change'],
    ]);
    // in the same import, a later row is held as before: the catching up counts from the next
    // import on, as the acta document reads it back (versioning.ts caughtBefore; review s33, 4);
    // the ruling given twice is one catching up
    const same = plan(
      [item(pending('000001'), 1), item(acta('000001'), 2), item(pending('000001'), 3)],
      { stored: s },
    );
    expect(brief(same)).toEqual([
      ['flag_conflict', '000001'],
      ['insert_version', '000001', 3, false, false, 'conflict'],
      ['caught_up', '000001'],
    ]);
    expect(same.outcome).toMatchObject({ superseded: [{ mesa: '000001', correction: 5 }] });
    // a correction giving the ruling again is the ruling's word, not the source's
    const ruled = plan([item(pending('000001'), 1)], { stored: s, mode: 'correction' });
    expect(brief(ruled)).toEqual([]);
    // a row equal to the conflict last kept (not the ruling) is unchanged, and no catching up
    const kept = stored([
      '000001',
      {
        acta: pending('000001'),
        maxVersion: 3,
        latest: acta('000001'),
        superseded: { actas: [acta('000001')], correction: 5 },
      },
    ]);
    expect(brief(plan([item(acta('000001'), 1)], { stored: kept }))).toEqual([]);
    // the ruling's content the source gave before the ruling (first seen pending, counted, then
    // reopened to pending): an old snapshot served again proves nothing, and a lagging mirror's
    // counted row after it is still held (review s33, 1)
    const reopened = stored([
      '000001',
      {
        acta: pending('000001'),
        maxVersion: 3,
        superseded: { actas: [pending('000001'), acta('000001')], correction: 5 },
      },
    ]);
    const stale = plan([item(pending('000001'), 1), item(acta('000001'), 2)], { stored: reopened });
    expect(brief(stale)).toEqual([
      ['flag_conflict', '000001'],
      ['insert_version', '000001', 4, false, false, 'conflict'],
    ]);
    expect(stale.outcome).toMatchObject({
      unchanged: 1,
      stateChanges: 0,
      superseded: [{ mesa: '000001', correction: 5 }],
    });
    // no run of corrections: an unchanged row records nothing
    const plain = stored(['000001', { acta: pending('000001'), maxVersion: 1 }]);
    expect(brief(plan([item(pending('000001'), 1)], { stored: plain }))).toEqual([]);
  });

  it('supersededOf: a correction the source caught up with ends the run and counts as given', () => {
    const x = acta('000001');
    const ruling: HistoryVersion = { kind: 'correction', acta: pending('000001'), importId: 2 };
    expect(supersededOf([{ kind: 'new', acta: x, importId: 1 }, ruling])).toEqual({
      actas: [x],
      correction: 2,
    });
    const caught = { ...ruling, caughtUp: 3 };
    expect(supersededOf([{ kind: 'new', acta: x, importId: 1 }, caught])).toBeUndefined();
    // a later ruling holds against everything the source gave, the ruling it caught up with too
    const again: HistoryVersion = {
      kind: 'correction',
      acta: { ...pending('000001'), observation: 'RECUENTO' },
      importId: 4,
    };
    expect(supersededOf([{ kind: 'new', acta: x, importId: 1 }, caught, again])).toEqual({
      actas: [x, pending('000001')],
      correction: 4,
    });
  });

  it('planBatch(a conflict with a version of the same batch) flags that version, not the stored one', () => {
    const p = plan([item(acta('000001'), 1), item(acta('000001', { votes: [59, 31] }), 2)]);
    expect(brief(p)).toEqual([
      ['insert_version', '000001', 1, true, true, 'new'],
      ['insert_version', '000001', 2, false, false, 'conflict'],
    ]);
  });

  it('planBatch(a correction after a conflict) numbers after the conflict version and clears the flag by retiring', () => {
    // stored: version 2 current and flagged, version 3 the conflict
    const p = plan([item(acta('000001', { votes: [59, 31] }), 1)], {
      stored: stored(['000001', { acta: acta('000001'), maxVersion: 3 }]),
      mode: 'correction',
    });
    expect(brief(p)).toEqual([
      ['retire_current', '000001'],
      ['insert_version', '000001', 4, true, false, 'correction'],
    ]);
  });

  it('planBatch(a conflict, then a state change in one batch) retires the stored current instead of flagging it', () => {
    const p = plan(
      [
        item(acta('000001', { votes: [59, 31] }), 1),
        item(acta('000001', { state: 'resolved', stateLabel: 'COMPUTADA RESUELTA' }), 2),
      ],
      { stored: stored(['000001', { acta: acta('000001'), maxVersion: 1 }]) },
    );
    expect(brief(p)).toEqual([
      ['retire_current', '000001'],
      ['insert_version', '000001', 2, false, false, 'conflict'],
      ['insert_version', '000001', 3, true, false, 'state_change'],
    ]);
    expect(p.outcome).toMatchObject({ conflicts: 1, stateChanges: 1 });
  });

  it('planBatch(the same rows) flags a conflict in import mode and applies a correction in correction mode', () => {
    const rows = [item(acta('000001', { votes: [59, 31] }), 1)];
    const s = stored(['000001', { acta: acta('000001'), maxVersion: 1 }]);
    expect(brief(plan(rows, { stored: s, mode: 'import' }))).toEqual([
      ['flag_conflict', '000001'],
      ['insert_version', '000001', 2, false, false, 'conflict'],
    ]);
    expect(brief(plan(rows, { stored: s, mode: 'correction' }))).toEqual([
      ['retire_current', '000001'],
      ['insert_version', '000001', 2, true, false, 'correction'],
    ]);
  });

  it('planBatch writes retires, then flags, then versions in chain order, then places', () => {
    const p = plan(
      [
        item(acta('000001', { votes: [59, 31] }), 1, { district: 'A' }),
        item(acta('000002', { state: 'resolved' }), 2),
        item(acta('000003', { ubigeo: '140137' }), 3, { district: 'B' }),
      ],
      {
        stored: stored(
          ['000001', { acta: acta('000001'), maxVersion: 1 }],
          ['000002', { acta: acta('000002'), maxVersion: 1 }],
        ),
      },
    );
    expect(p.writes.map((w) => w.op)).toEqual([
      'retire_current',
      'flag_conflict',
      'insert_version',
      'insert_version',
      'insert_version',
      'insert_place',
      'insert_place',
    ]);
  });

  it('planBatch names each place once per import, unchanged rows included, and never one already placed', () => {
    const p = plan(
      [
        item(acta('000001'), 1, { district: 'A' }),
        item(acta('000002'), 2, { district: 'A again' }),
        item(acta('000003', { ubigeo: '140137' }), 3, { district: 'placed before' }),
        item(acta('000004', { ubigeo: '150101' }), 4),
        item(acta('000005', { ubigeo: '150101' }), 5, { district: 'C' }),
      ],
      {
        stored: stored(['000001', { acta: acta('000001'), maxVersion: 1 }]),
        placed: new Set(['140137']),
      },
    );
    expect(p.writes.filter((w) => w.op === 'insert_place')).toEqual([
      { op: 'insert_place', ubigeo: '010101', place: { district: 'A' } },
      { op: 'insert_place', ubigeo: '150101', place: { district: 'C' } },
    ]);
  });
});
