import { z } from 'zod';

/**
 * The outcome of a single-winner round (president, CONST art. 111; regional governor, Ley 27683
 * art. 5): a winner, the pair that goes to the runoff, or a tie the rules leave to the JNE.
 * One schema for every document that carries it (results, summary, contests).
 */
export const RoundOutcomeSchema = z.union([
  z.object({
    kind: z.literal('winner'),
    winner: z.string(),
    round: z.enum(['first', 'runoff']),
  }),
  z.object({ kind: z.literal('runoff'), pair: z.tuple([z.string(), z.string()]).readonly() }),
  z.object({
    kind: z.literal('tie'),
    stage: z.enum(['first-place', 'second-place', 'runoff']),
    candidates: z.array(z.string()).readonly(),
  }),
]);
