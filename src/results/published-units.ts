import type { ElectionDef } from '../core/model/acta.js';
import { percentCounted, percentHalfUp } from '../core/ratio.js';
import type { AggregateUnit } from '../elections/aggregate.js';
import type { PublishedUnit } from '../store/store.js';
import type { ResultUnit } from './documents.js';

/**
 * A unit of a published result (an aggregate CSV row) as a results-document unit: the same shape
 * the API serves for actas, with the figures the source does not give as null (never 0), and the
 * figures derived from one (emitted, participation, the % of emitted) null with it.
 */
export function publishedUnit(def: ElectionDef, u: AggregateUnit): PublishedUnit {
  const valid = u.votes.reduce((a, b) => a + b, 0);
  // docs/elections.md, aggregate CSV: an empty cell is a figure the source does not give
  const spoiled = u.blank !== null && u.null !== null ? u.blank + u.null : (u.blankAndNull ?? null);
  const emitted = spoiled === null ? null : valid + spoiled;
  const ofEmitted = (n: number | null): string | null =>
    n === null || emitted === null ? null : percentHalfUp(n, emitted);
  const a = u.actas;
  const doc: ResultUnit = {
    level: u.level,
    code: u.code,
    name: u.name,
    choices: def.choices.map((c, i) => ({
      id: c.id,
      label: c.label,
      party: c.party,
      votes: u.votes[i] ?? 0,
      pctValid: percentHalfUp(u.votes[i] ?? 0, valid),
      pctEmitted: ofEmitted(u.votes[i] ?? 0),
    })),
    valid,
    blank: u.blank,
    null: u.null,
    impugned: null,
    emitted,
    eligible: u.eligible,
    participation:
      emitted === null || u.eligible === null ? null : percentHalfUp(emitted, u.eligible),
    blankPctEmitted: ofEmitted(u.blank),
    nullPctEmitted: ofEmitted(u.null),
    // a source with no acta counts (a capture of votes only) has none here: not 0 of 0
    actas:
      a === null
        ? null
        : {
            total: a.total,
            counted: a.counted,
            resolved: 0,
            annulled: 0,
            notInstalled: 0,
            pending: a.pending,
            jee: 0,
            pendingWithFigures: 0,
            processed: a.counted,
            pctProcessed: percentCounted(a.counted, a.total),
          },
    eligibleRemaining: null,
    jeeVoters: null,
    eligibleProcessed: null,
    ...(u.blankAndNull === null ? {} : { blankAndNull: u.blankAndNull }),
  };
  return { level: u.level, code: u.code, doc };
}
