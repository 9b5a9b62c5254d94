import type { ElectionDef } from '../core/model/acta.js';
import { percentHalfUp } from '../core/ratio.js';
import type { AggregateUnit } from '../elections/aggregate.js';
import type { PublishedUnit } from '../store/store.js';
import type { ResultUnit } from './documents.js';

/**
 * A unit of a published result (an aggregate CSV row) as a results-document unit: the same shape
 * the API serves for actas, with the figures the source does not give as 0 and the election's
 * `published.figures` saying which those are.
 */
export function publishedUnit(def: ElectionDef, u: AggregateUnit): PublishedUnit {
  const valid = u.votes.reduce((a, b) => a + b, 0);
  const blank = u.blank ?? 0;
  const nul = u.null ?? 0;
  const emitted = valid + blank + nul + (u.blankAndNull ?? 0);
  const eligible = u.eligible ?? 0;
  const a = u.actas ?? { counted: 0, total: 0, pending: 0 };
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
      pctEmitted: percentHalfUp(u.votes[i] ?? 0, emitted),
    })),
    valid,
    blank,
    null: nul,
    impugned: 0,
    emitted,
    eligible,
    participation: percentHalfUp(emitted, eligible),
    blankPctEmitted: percentHalfUp(blank, emitted),
    nullPctEmitted: percentHalfUp(nul, emitted),
    actas: {
      total: a.total,
      counted: a.counted,
      resolved: 0,
      annulled: 0,
      notInstalled: 0,
      pending: a.pending,
      jee: 0,
      pendingWithFigures: 0,
      processed: a.counted,
      pctProcessed: percentHalfUp(a.counted, a.total),
    },
    eligibleRemaining: 0,
    ...(u.blankAndNull === null ? {} : { blankAndNull: u.blankAndNull }),
  };
  return { level: u.level, code: u.code, doc };
}
