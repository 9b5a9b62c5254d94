import { describe, expect, it } from 'vitest';
import { fileWriter, tempDir } from '../../test/helpers.js';
import { historyOver, readPriorHistoryCsv } from './prior-history.js';

const write = fileWriter(tempDir('cifra-history-csv-'));
const HEAD = 'cut,unit,actas_counted,actas_total,choice,votes';
const GOOD = [
  HEAD,
  '1,01,2,4,A,10',
  '1,01,2,4,B,5',
  '1,01,2,4,BLANK,1',
  '1,01,2,4,NULL,2',
  '2,01,4,4,A,19',
  '2,01,4,4,B,12',
  '2,01,4,4,BLANK,2',
  '2,01,4,4,NULL,2',
  '2,02,1,3,B,7',
  '2,02,1,3,A,3',
];
const read = (lines: readonly string[]) =>
  readPriorHistoryCsv(write(`h${lines.length}-${lines.join().length}.csv`, lines.join('\n')));
const codes = (lines: readonly string[]) => {
  const r = read(lines);
  return r.ok ? [] : r.error.map((i) => i.code);
};

describe('readPriorHistoryCsv', () => {
  it('reads each unit’s cuts in file order, blank and null apart, a missing choice as 0', () => {
    const r = read(GOOD);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.choices).toEqual(['A', 'B']);
    expect(r.value.cuts).toEqual(['1', '2']);
    expect(r.value.units.get('01')).toEqual({
      actasTotal: 4,
      cuts: [
        { actasCounted: 2, votes: [10, 5], blank: 1, null: 2 },
        { actasCounted: 4, votes: [19, 12], blank: 2, null: 2 },
      ],
    });
    expect(r.value.units.get('02')?.cuts).toEqual([
      { actasCounted: 1, votes: [3, 7], blank: 0, null: 0 },
    ]);
  });

  it('refuses bad rows, changing totals and counts that go down, each with its code', () => {
    expect(codes([HEAD, '1,01,2,4,A,x', '1,01,2,4,B,1'])).toEqual(['history_invalid']);
    expect(codes([HEAD, '1,01,5,4,A,1', '1,01,5,4,B,1'])).toEqual([
      'history_invalid',
      'history_invalid',
    ]);
    expect(codes([...GOOD, '2,01,3,4,A,1'])).toEqual(['history_invalid']);
    expect(codes([...GOOD, '2,02,1,3,A,4'])).toEqual(['history_invalid']);
    expect(codes([...GOOD, '3,01,4,5,A,20', '3,01,4,5,B,12'])).toEqual(['history_total_changed']);
    expect(codes([...GOOD, '3,01,3,4,A,20', '3,01,3,4,B,12'])).toEqual(['history_not_monotone']);
    expect(codes([...GOOD, '3,01,4,4,A,20', '3,01,4,4,B,11'])).toEqual(['history_not_monotone']);
    expect(codes([HEAD.replace('cut,', ''), '01,2,4,A,1'])).toEqual(['columns_missing']);
    expect(codes([HEAD, '1,01,2,4,A,1'])).toEqual(['history_invalid']);
  });
});

describe('historyOver', () => {
  const series = (() => {
    const r = read(GOOD);
    if (!r.ok) throw new Error('read');
    return r.value;
  })();

  it('refuses a unit the universe does not know', () => {
    const r = historyOver(series, ['01'], null);
    expect(r.ok ? [] : r.error.map((i) => [i.code, i.details?.['units']])).toEqual([
      ['history_unit_unknown', '02'],
    ]);
  });

  it("puts the votes in the order of the universe's prior choices (any case), or refuses others", () => {
    const r = historyOver(series, ['01', '02'], ['b', 'a']);
    expect(r.ok && r.value.get('01')?.cuts.map((c) => c.votes)).toEqual([
      [5, 10],
      [12, 19],
    ]);
    const other = historyOver(series, ['01', '02'], ['A', 'C']);
    expect(other.ok ? [] : other.error.map((i) => i.code)).toEqual(['history_invalid']);
  });
});
