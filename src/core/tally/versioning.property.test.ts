// Session 29: an older snapshot imported late moved an acta at the JEE back to pending. Whatever
// snapshots are imported, in whatever order, an acta's current state is never at an earlier stage
// (ACTA_STATE_STAGE) than the furthest state an import has given it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTA_STATE_STAGE, ACTA_STATES, type ActaState } from '../model/acta-state.js';
import type { Acta } from '../model/acta.js';
import { countedActa } from '../../test-utils/acta.js';
import { planBatch, type StoredMesa } from './batch-plan.js';

const NUM_RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);
const MESAS = ['000001', '000002', '000003'] as const;

/** A mesa's acta in a snapshot: a state, and figures from a few (or none). */
const arbitraryActa = (mesa: string): fc.Arbitrary<Acta> =>
  fc
    .record({
      state: fc.constantFrom(...ACTA_STATES),
      votes: fc.constantFrom(null, [60, 30], [59, 31]),
    })
    .map(({ state, votes }) =>
      countedActa({
        mesa,
        state,
        stateLabel: state.toUpperCase(),
        votes,
        voters: votes === null ? null : 100,
      }),
    );

/** A snapshot: some of the mesas, each once (a file's duplicate is quarantined before this). */
const arbitrarySnapshot = fc
  .subarray([...MESAS], { minLength: 1 })
  .chain((mesas) => fc.tuple(...mesas.map(arbitraryActa)));

/** Imports each snapshot as one batch, the plan's versions kept as the stores keep them. */
function importAll(snapshots: readonly (readonly Acta[])[]): Map<string, StoredMesa> {
  const stored = new Map<string, StoredMesa>();
  snapshots.forEach((actas, i) => {
    const plan = planBatch({
      stored: new Map(stored),
      incoming: actas.map((acta, row) => ({ acta, row: row + 1, warnings: [] })),
      mode: 'import',
      importId: i + 1,
      recordedAt: 'T',
      chain: 'G',
      placed: new Set(),
      hash: () => 'h',
    });
    for (const w of plan.writes) {
      if (w.op !== 'insert_version') continue;
      const v = w.version;
      const was = stored.get(v.mesa);
      stored.set(
        v.mesa,
        v.isCurrent || was === undefined
          ? { acta: v.acta, maxVersion: v.version }
          : { acta: was.acta, maxVersion: v.version, latest: v.acta },
      );
    }
  });
  return stored;
}

const stage = (s: ActaState): number => ACTA_STATE_STAGE[s];

describe('replaying snapshots in any order', () => {
  it('leaves each acta at the furthest stage any snapshot gave it, never earlier', () => {
    fc.assert(
      fc.property(fc.array(arbitrarySnapshot, { minLength: 1, maxLength: 8 }), (snapshots) => {
        const stored = importAll(snapshots);
        for (const mesa of MESAS) {
          const seen = snapshots.flat().filter((a) => a.mesa === mesa);
          const current = stored.get(mesa)?.acta;
          if (seen.length === 0) expect(current).toBeUndefined();
          else expect(stage(current!.state)).toBe(Math.max(...seen.map((a) => stage(a.state))));
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  // a legal course of one acta (pending → at the JEE, → resolved or counted), its snapshots
  // imported shuffled: the acta ends at the course's last state, however late the older ones come
  it('ends a legal course at its last state, whatever order its snapshots come in', () => {
    const course = fc.constantFrom<readonly ActaState[]>(
      ['pending', 'jee'],
      ['pending', 'jee', 'resolved'],
      ['pending', 'jee', 'counted'],
      ['pending', 'jee', 'annulled'],
      ['pending', 'counted'],
      ['pending', 'not_installed'],
      ['jee', 'resolved'],
    );
    const shuffled = course.chain((states) =>
      fc.tuple(fc.constant(states), fc.shuffledSubarray([...states], { minLength: states.length })),
    );
    fc.assert(
      fc.property(shuffled, ([states, order]) => {
        const snapshot = (s: ActaState): Acta[] => [
          countedActa({
            state: s,
            stateLabel: s.toUpperCase(),
            ...(stage(s) === 2 ? {} : { votes: null, voters: null }),
          }),
        ];
        const current = importAll(order.map(snapshot)).get('000001')?.acta;
        expect(current?.state).toBe(states.at(-1));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
