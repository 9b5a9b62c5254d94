// review 21 L11: an election row edited from 0 to 99 was read back as "false" (only 1 was true),
// so `cifra audit verify` hashed the same definition and passed; SQL reads any non-zero as true.
import { describe, expect, it } from 'vitest';
import { electionOf } from '../src/store/rows.js';

const row = (flag: unknown) => ({
  id: 'e',
  label: 'E',
  ruleset: 'pe-congreso',
  jurisdiction: 'pe',
  choices: '[]',
  pending_figures_count: flag,
  published: null,
  manifest: null,
});

describe('the pending-figures flag as stored', () => {
  it('is true for any value SQL reads as true, false for 0 and false', () => {
    for (const v of [1, 99, -1, true]) expect(electionOf(row(v)).pendingFiguresCount).toBe(true);
    for (const v of [0, false]) expect(electionOf(row(v)).pendingFiguresCount).toBeUndefined();
  });
});
