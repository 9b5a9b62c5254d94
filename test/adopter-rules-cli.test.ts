// `cifra rules` on an adopter's ruleset (Ruritania, test/fixtures/rt): what it says is so.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, fileWriter, tempDir } from './helpers.js';
import { rtFolder } from './rt-fixture.js';

const RULESET = rtFolder().ruleset;
const write = fileWriter(tempDir('cifra-adopter-rules-'));

describe('cifra rules on a user ruleset', () => {
  it('names no single-seat method when no district has one seat', async () => {
    const r = await cli('rules', RULESET);
    expect(r.code).toBe(0);
    expect(r.out).toContain('sainte-lague');
    expect(r.out).not.toContain('single-seat');
  });

  // a seat band of one seat (or a fixed district's), or a method the file names itself for the
  // one-seat districts a --districts file brings: the method applies, so it is said
  for (const [what, edit] of [
    [
      'a seat band of one seat',
      {
        seatBands: {
          base: 'population',
          bands: [{ upTo: 1000, seats: 1 }, { seats: 5 }],
          source: 'made up',
        },
      },
    ],
    ['a single-seat method the file names', { singleSeatMethod: 'plurality' }],
  ] as const)
    it(`names the single-seat method for ${what}`, async () => {
      const json = JSON.parse(readFileSync(RULESET, 'utf8')) as Record<string, unknown>;
      const r = await cli(
        'rules',
        write(`${what.length}.json`, JSON.stringify({ ...json, ...edit })),
      );
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('single-seat plurality');
    });

  it('an unknown top-level key is named in the path, not "at this path" and nothing', async () => {
    const json = JSON.parse(readFileSync(RULESET, 'utf8')) as Record<string, unknown>;
    const file = write('bad.json', JSON.stringify({ ...json, totalSeat: 15 }));
    const r = await cli('rules', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('ruleset_invalid at totalSeat:');
  });
});
