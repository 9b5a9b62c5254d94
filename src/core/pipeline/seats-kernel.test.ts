import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRuleset } from '../../elections/rulesets.js';
import { SAINTE_LAGUE } from '../allocation/methods.js';
import type { ListRuleset } from '../rulesets/ruleset.js';
import { arbitrarySeatInput as inputArb } from '../../test-utils/arbitraries.js';
import { computePreparedSeats, computeSeats, prepareSeats } from './seats.js';

const RUNS = Number(process.env['DIFFERENTIAL_RUNS'] ?? 1_000);

function ruleset(id: string): ListRuleset {
  const r = loadRuleset(id);
  if (!r.ok || r.value.kind !== 'list') throw new Error(id);
  return r.value;
}

/** Rulesets whose lower tier the kernel runs: Peru's (valla trees, D'Hondt), Sainte-Laguë, Spain's. */
const RULESETS: readonly ListRuleset[] = [
  ruleset('pe-2021-congreso'),
  ruleset('pe-2026-diputados'),
  { ...ruleset('pe-2026-diputados'), id: 'sl', method: SAINTE_LAGUE },
  ruleset('es-congreso'),
];

describe('computeSeats through the district kernel', () => {
  it('gives the general path’s result byte for byte, ties, reasons and issues included', () => {
    for (const rs of RULESETS)
      fc.assert(
        fc.property(inputArb, fc.integer({ min: 0, max: 1000 }), (input, seed) => {
          const general = computeSeats(rs, input, { seed, path: 'general' });
          expect(JSON.stringify(computeSeats(rs, input, { seed }))).toBe(JSON.stringify(general));
          // a prepared input, computed twice, gives the same again (the kernel keeps no state)
          const prepared = prepareSeats(rs, input);
          computePreparedSeats(prepared, { seed });
          expect(JSON.stringify(computePreparedSeats(prepared, { seed }))).toBe(
            JSON.stringify(general),
          );
        }),
        { numRuns: RUNS },
      );
  });
});
