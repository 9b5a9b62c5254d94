import { createHash } from 'node:crypto';
import type { ActaValues, DeepReadonly } from './document-schemas.js';

/**
 * The served values of one acta version a claim cites (ActaSchema's `acta`), from its schema: a
 * type-only import, so nothing of zod is loaded here.
 */
export type CitedActa = DeepReadonly<Omit<ActaValues, 'observation'>>;

/**
 * SHA-256 (hex) of a version's figures as its document shows them: the UTF-8 JSON array
 * [election, mesa, ubigeo, state, stateLabel, eligible, voters, votes, blank, null, impugned,
 * preferential] (an absent preferential as null). Anyone holding the document recomputes it from
 * the version's `acta` alone, so a claim before a JEE can cite it; the store's own chain hash
 * (`cifra audit verify`) depends on every version before, so it cannot be checked alone.
 * An acta's fields are listed again, in the chain's order, by versionHash (store/audit.ts): the
 * two cannot share one list, as each order is fixed by hashes already given out. The observation
 * (why an acta is at the JEE) stays out: it is not a figure, a claim cites the figures, and
 * anyone who implemented this documented recipe keeps getting the same hash for an observed acta.
 */
export function figuresHash(a: CitedActa): string {
  const content = JSON.stringify([
    a.election,
    a.mesa,
    a.ubigeo,
    a.state,
    a.stateLabel,
    a.eligible,
    a.voters,
    a.votes,
    a.blank,
    a.null,
    a.impugned,
    a.preferential ?? null,
  ]);
  return createHash('sha256').update(content, 'utf8').digest('hex');
}
