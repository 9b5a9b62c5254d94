// A single-winner round's votes file (`cifra winner --votes`) is read by the io layer as every
// other seat file is: an empty count is missing_field there as in votes.csv (it was invalid_votes
// in the CLI's own parser), a name given twice duplicate_row, BLANK and NULL apart.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCandidateVotes, loadVotes } from '../src/io/seat-files.js';
import { tempDir } from './helpers.js';

const dir = tempDir('cifra-candidate-votes-');
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('loadCandidateVotes', () => {
  it('reads candidates, BLANK and NULL (any case), by candidate or party column', () => {
    const r = loadCandidateVotes(
      file('ok.csv', 'candidate,votes\nAna,120\nBeto,80\nblank,7\nNULL,3\n'),
    );
    expect(r.issues).toEqual([]);
    expect(r.candidates).toEqual([
      { candidate: 'Ana', votes: 120 },
      { candidate: 'Beto', votes: 80 },
    ]);
    expect([r.blank, r.null]).toEqual([7, 3]);
    const p = loadCandidateVotes(file('party.csv', 'party,votes\nX,1\n'));
    expect(p.candidates).toEqual([{ candidate: 'X', votes: 1 }]);
    expect([p.blank, p.null]).toEqual([undefined, undefined]);
  });

  // lines are counted as the other seat files count them (the first data row is 1)
  it('an empty count is missing_field, as in a votes.csv; a bad one invalid_votes; a repeat duplicate_row', () => {
    const r = loadCandidateVotes(
      file('bad.csv', 'candidate,votes\nAna,\nBeto,x\nCiro,5\nCiro,6\n,4\n'),
    );
    expect(r.issues.map((i) => [i.code, ...i.path])).toEqual([
      ['missing_field', 'votes', 1, 'votes'],
      ['invalid_votes', 'votes', 2, 'votes'],
      ['duplicate_row', 'votes', 4],
      ['missing_field', 'votes', 5, 'candidate'],
    ]);
    const same = loadVotes(file('list.csv', 'district,party,votes\nNorte,A,\n'));
    expect(same.issues.map((i) => i.code)).toEqual(['missing_field']);
  });

  it('a file without the columns is columns_missing, naming what it found', () => {
    const r = loadCandidateVotes(file('cols.csv', 'name,count\nAna,1\n'));
    expect(r.issues.map((i) => [i.code, i.details])).toEqual([
      ['columns_missing', { missing: ['candidate', 'votes'], found: ['name', 'count'] }],
    ]);
  });
});
