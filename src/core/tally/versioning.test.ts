// How an incoming acta relates to the stored one (docs/ingest.md, "Versions").
import { describe, expect, it } from 'vitest';
import type { Acta, ActaState } from '../model/acta.js';
import { ACTA_STATES, ACTA_STATE_STAGE } from '../model/acta-state.js';
import {
  actaContentKey,
  conflictReasons,
  decideVersion,
  type HistoryVersion,
  type VersionDecision,
} from './versioning.js';
import { countedActa } from '../../test-utils/acta.js';

const acta = (state: ActaState, over: Partial<Acta> = {}): Acta =>
  countedActa({ mesa: '000205', state, stateLabel: state.toUpperCase(), ...over });

describe('decideVersion', () => {
  it('applies progress: an open acta arriving, a counted one relabelled', () => {
    expect(decideVersion(acta('pending'), acta('counted'), 'import').kind).toBe('state_change');
    expect(decideVersion(acta('jee'), acta('resolved'), 'import').kind).toBe('state_change');
    expect(decideVersion(acta('pending'), acta('jee'), 'import').kind).toBe('state_change');
    expect(decideVersion(acta('counted'), acta('resolved'), 'import').kind).toBe('state_change');
  });

  // The review's case: two counted runoff actas relabelled EN PROCESO with the same figures were
  // made current, and the national count lost them.
  it('never moves a closed acta back to open on an import: a conflict, kept and flagged', () => {
    for (const closed of ['counted', 'resolved', 'annulled', 'not_installed'] as const)
      for (const open of ['pending', 'jee'] as const) {
        expect(decideVersion(acta(closed), acta(open), 'import').kind).toBe('conflict');
        expect(
          decideVersion(acta(closed), acta(open, { votes: null, voters: null }), 'import').kind,
        ).toBe('conflict');
      }
  });

  // Session 29: an older snapshot imported late moved an acta at the JEE back to pending (a
  // state_change: any change to an open acta was taken for progress).
  it('never moves an acta to an earlier stage on an import: each backward pair a conflict', () => {
    const backward: [ActaState, ActaState][] = [
      ['jee', 'pending'],
      ['counted', 'jee'],
      ['counted', 'pending'],
      ['resolved', 'jee'],
      ['resolved', 'pending'],
      ['annulled', 'jee'],
      ['annulled', 'pending'],
      ['not_installed', 'jee'],
      ['not_installed', 'pending'],
    ];
    for (const [held, given] of backward) {
      for (const over of [{}, { votes: null, voters: null }, { votes: [61, 29] }]) {
        const d = decideVersion(acta(held), acta(given, over), 'import');
        expect({ held, given, d }).toEqual({
          held,
          given,
          d: { kind: 'conflict', reason: 'earlier_state' },
        });
      }
      // a ruling recorded on purpose may set it
      expect(decideVersion(acta(held), acta(given), 'correction').kind).toBe('correction');
    }
    // every pair the stages order backwards is listed above, and no other
    const all = ACTA_STATES.flatMap((h) => ACTA_STATES.map((g): [ActaState, ActaState] => [h, g]));
    expect(all.filter(([h, g]) => ACTA_STATE_STAGE[g] < ACTA_STATE_STAGE[h])).toEqual(
      expect.arrayContaining(backward),
    );
    expect(all.filter(([h, g]) => ACTA_STATE_STAGE[g] < ACTA_STATE_STAGE[h])).toHaveLength(
      backward.length,
    );
  });

  it('applies each legal forward move, with figures or without', () => {
    const forward: [ActaState, ActaState][] = [
      ['pending', 'jee'],
      ['pending', 'counted'],
      ['pending', 'annulled'],
      ['pending', 'not_installed'],
      ['pending', 'resolved'],
      ['jee', 'resolved'],
      ['jee', 'counted'],
      ['jee', 'annulled'],
    ];
    for (const [held, given] of forward) {
      const from = acta(held, { votes: null, voters: null });
      expect({ held, given, kind: decideVersion(from, acta(given), 'import').kind }).toEqual({
        held,
        given,
        kind: 'state_change',
      });
      expect(decideVersion(acta(held), acta(given, { votes: [61, 29] }), 'import').kind).toBe(
        'state_change',
      );
    }
    // other figures at the same open stage are still progress (a pending acta with figures)
    expect(decideVersion(acta('jee'), acta('jee', { votes: [61, 29] }), 'import').kind).toBe(
      'state_change',
    );
    // a closed acta with other figures: a conflict about figures, not about its state
    expect(decideVersion(acta('counted'), acta('resolved', { votes: [61, 29] }), 'import')).toEqual(
      { kind: 'conflict', reason: 'figures' },
    );
  });

  it('lets a correction reopen it (a ruling), and leaves identical content alone', () => {
    expect(decideVersion(acta('counted'), acta('jee'), 'correction').kind).toBe('correction');
    expect(decideVersion(acta('counted'), acta('counted'), 'import').kind).toBe('unchanged');
    expect(decideVersion(null, acta('pending'), 'import').kind).toBe('new');
  });

  // Session 26: a new observation on the same state and figures was labelled a state change.
  it('names a version whose only change is its observation: observation_change', () => {
    const at = (observation?: string): Acta =>
      acta('jee', observation === undefined ? {} : { observation });
    expect(decideVersion(at('ERROR MATERIAL'), at('ILEGIBILIDAD'), 'import').kind).toBe(
      'observation_change',
    );
    // given where there was none, and gone where there was one
    expect(decideVersion(at(), at('ERROR MATERIAL'), 'import').kind).toBe('observation_change');
    expect(decideVersion(at('ERROR MATERIAL'), at(), 'import').kind).toBe('observation_change');
    const counted = acta('counted', { observation: 'ERROR MATERIAL' });
    expect(decideVersion(acta('counted'), counted, 'import').kind).toBe('observation_change');
  });

  it('keeps a state change that also changes the observation a state change; a correction, a correction', () => {
    const jee = acta('jee', { observation: 'ERROR MATERIAL' });
    expect(decideVersion(jee, acta('resolved'), 'import').kind).toBe('state_change');
    const resolved = acta('resolved', { observation: 'ILEGIBILIDAD' });
    expect(decideVersion(jee, resolved, 'import').kind).toBe('state_change');
    const other = acta('jee', { observation: 'ILEGIBILIDAD' });
    expect(decideVersion(jee, other, 'correction').kind).toBe('correction');
    // other figures at the JEE, another observation: the figures moved, not only the observation
    const figures = acta('jee', { observation: 'ILEGIBILIDAD', votes: [61, 29] });
    expect(decideVersion(jee, figures, 'import').kind).toBe('state_change');
  });

  it('keeps different figures for a counted acta as a conflict', () => {
    const other = acta('counted', { votes: [61, 29] });
    expect(decideVersion(acta('counted'), other, 'import').kind).toBe('conflict');
  });
});

// The code review's case: a stale file sent again wrote another conflict version each time.
describe('a conflict already kept', () => {
  it('is not kept again when the same content comes back on an import', () => {
    const stale = acta('pending');
    expect(decideVersion(acta('counted'), stale, 'import', acta('pending')).kind).toBe('unchanged');
    const other = acta('counted', { votes: [61, 29] });
    expect(decideVersion(acta('counted'), other, 'import', stale).kind).toBe('conflict');
  });

  it('still lets a correction make that content current', () => {
    expect(decideVersion(acta('counted'), acta('jee'), 'correction', acta('jee')).kind).toBe(
      'correction',
    );
  });
});

// Session 32: a ruling reopened a counted acta (a correction back to pending); a new file of the
// source, not caught up, still gave the counted row and was applied over the ruling.
describe('the version a correction replaced', () => {
  const counted = acta('counted');
  const ruling = acta('pending', { votes: null, voters: null });

  it('is a conflict when the source gives it again: superseded, not a state change', () => {
    expect(decideVersion(ruling, counted, 'import', null, [counted])).toEqual({
      kind: 'conflict',
      reason: 'superseded',
    });
    // whatever the stage: a ruling that set other figures, or that counted a pending acta
    const other = acta('counted', { votes: [61, 29] });
    expect(decideVersion(other, counted, 'import', null, [counted])).toEqual({
      kind: 'conflict',
      reason: 'superseded',
    });
    expect(decideVersion(counted, ruling, 'import', null, [ruling])).toEqual({
      kind: 'conflict',
      reason: 'superseded',
    });
    // the same content with another observation is other content: the rules as before
    const observed = acta('counted', { observation: 'ERROR MATERIAL' });
    expect(decideVersion(ruling, observed, 'import', null, [counted]).kind).toBe('state_change');
  });

  it('leaves other content to the rules as before, and a correction sets anything', () => {
    const moved = acta('counted', { votes: [61, 29] });
    expect(decideVersion(ruling, moved, 'import', null, [counted]).kind).toBe('state_change');
    expect(decideVersion(ruling, ruling, 'import', null, [counted]).kind).toBe('unchanged');
    expect(decideVersion(ruling, counted, 'correction', null, [counted]).kind).toBe('correction');
    // kept once: the same stale row again is the conflict already kept
    expect(decideVersion(ruling, counted, 'import', counted, [counted]).kind).toBe('unchanged');
  });
});

// Session 30: `cifra acta` marked an earlier-state conflict by comparing it with the current
// version, so a correction back to pending took the mark off a stale file's conflict. The reason
// is read back from the history as it stood when the conflict was recorded.
describe('conflictReasons', () => {
  it("names each conflict as it was recorded, whatever the acta's current state", () => {
    const history: { kind: VersionDecision['kind']; acta: Acta }[] = [
      { kind: 'new', acta: acta('jee') },
      { kind: 'conflict', acta: acta('pending') },
      { kind: 'state_change', acta: acta('counted') },
      { kind: 'conflict', acta: acta('counted', { votes: [61, 29] }) },
      // a ruling sets it pending on purpose: the pending conflict above stays an earlier state
      { kind: 'correction', acta: acta('pending') },
    ];
    expect(conflictReasons(history)).toEqual([null, 'earlier_state', null, 'figures', null]);
  });

  it('names the replaced version given again after a correction superseded, then not once the source moved on', () => {
    const counted = acta('counted');
    const history: { kind: VersionDecision['kind']; acta: Acta }[] = [
      { kind: 'new', acta: counted },
      { kind: 'correction', acta: acta('pending') },
      // a ruling recorded again (another observation): what it replaced is still the count
      { kind: 'correction', acta: acta('pending', { observation: 'RECUENTO' }) },
      { kind: 'conflict', acta: counted },
      { kind: 'state_change', acta: acta('jee') },
      { kind: 'state_change', acta: counted },
      { kind: 'conflict', acta: acta('pending') },
    ];
    expect(conflictReasons(history)).toEqual([
      ...[null, null, null, 'superseded', null, null, 'earlier_state'],
    ]);
  });

  it('names a conflict superseded only where the source had not yet caught up with the ruling', () => {
    const counted = acta('counted');
    const other = acta('counted', { votes: [61, 29] });
    const ruling = { kind: 'correction' as const, acta: other, importId: 2, caughtUp: 4 };
    const history = [
      { kind: 'new' as const, acta: counted, importId: 1 },
      ruling,
      // kept before the source gave the ruling (import 4): superseded; after it: other figures
      { kind: 'conflict' as const, acta: counted, importId: 3 },
      { kind: 'conflict' as const, acta: counted, importId: 5 },
    ];
    expect(conflictReasons(history)).toEqual([null, null, 'superseded', 'figures']);
  });

  // Every sequence of three files after a first one, each an import or a correction of any state
  // with one of two sets of figures: the reasons read back equal what decideVersion decided.
  it('agrees with decideVersion on every short history', () => {
    const choices = ACTA_STATES.flatMap((state) =>
      [{}, { votes: [61, 29] }].flatMap((over) =>
        (['import', 'correction'] as const).map((mode) => ({ a: acta(state, over), mode })),
      ),
    );
    let checked = 0;
    let caught = 0; // histories where the source caught up with a ruling
    const wrong: unknown[] = [];
    for (const first of ACTA_STATES)
      for (const x of choices)
        for (const y of choices)
          for (const z of choices) {
            let current = acta(first);
            let latest: Acta | null = null;
            // every content the source gave, and, while corrections hold the acta, what it had
            // given before the first of them (as the stores read it: supersededOf)
            let given: Acta[] = [current];
            let superseded: Acta[] = [];
            const history: HistoryVersion[] = [{ kind: 'new', acta: current, importId: 0 }];
            const decided: (string | null)[] = [null];
            let held = 0; // the current version's place in the history
            for (const [step, { a, mode }] of [x, y, z].entries()) {
              const d = decideVersion(current, a, mode, latest, superseded);
              if (d.kind === 'unchanged') {
                // the source gave the current correction itself: it caught up (planBatch)
                const same = actaContentKey(current) === actaContentKey(a);
                if (mode === 'import' && superseded.length > 0 && same) {
                  history[held] = { ...(history[held] as HistoryVersion), caughtUp: step + 1 };
                  [superseded, given] = [[], [...given, current]];
                  caught++;
                }
                continue;
              }
              if (d.kind !== 'conflict') held = history.length;
              history.push({ kind: d.kind, acta: a, importId: step + 1 });
              decided.push(d.kind === 'conflict' ? d.reason : null);
              if (d.kind === 'conflict') latest = a;
              else {
                if (d.kind !== 'correction') superseded = [];
                else if (superseded.length === 0) superseded = [...given];
                [current, latest] = [a, null];
              }
              if (d.kind !== 'correction') given.push(a);
            }
            const read = conflictReasons(history);
            if (JSON.stringify(read) !== JSON.stringify(decided))
              wrong.push({ history, read, decided });
            checked++;
          }
    expect(wrong).toEqual([]);
    expect(checked).toBe(6 * 24 ** 3);
    expect(caught).toBeGreaterThan(0);
  });
});
