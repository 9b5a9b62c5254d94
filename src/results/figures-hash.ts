import { createHash } from 'node:crypto';

/** The served values of one acta version a claim cites (ActaSchema's `acta`). */
export interface CitedActa {
  readonly election: string;
  readonly mesa: string;
  readonly ubigeo: string;
  readonly state: string;
  readonly stateLabel: string;
  readonly eligible: number;
  readonly voters: number | null;
  readonly votes: readonly number[] | null;
  readonly blank: number | null;
  readonly null: number | null;
  readonly impugned: number | null;
  readonly preferential?: readonly (readonly number[])[] | null | undefined;
}

/**
 * SHA-256 (hex) of a version's figures as its document shows them: the UTF-8 JSON array
 * [election, mesa, ubigeo, state, stateLabel, eligible, voters, votes, blank, null, impugned,
 * preferential] (an absent preferential as null). Anyone holding the document recomputes it from
 * the version's `acta` alone, so a claim before a JEE can cite it; the store's own chain hash
 * (`cifra audit verify`) depends on every version before, so it cannot be checked alone.
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
