// The bundled multi-contest elections are one list (src/core/model/bundled-contests.ts) that the
// server serves and the dashboard's ERM view offers: it must name each file of data/contests/.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CONTESTS } from '../src/core/model/bundled-contests.js';
import { builtInContestsIds } from '../src/elections/contests.js';
import { dataPath } from '../src/io/paths.js';

describe('the bundled contests list', () => {
  it('names every file of data/contests/, and the server serves those', () => {
    const files = readdirSync(dataPath('contests'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .sort();
    expect([...BUNDLED_CONTESTS].sort()).toEqual(files);
    expect(builtInContestsIds()).toEqual(expect.arrayContaining(files));
  });
});
