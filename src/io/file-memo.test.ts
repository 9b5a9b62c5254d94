// A parsed file is reused while unchanged (the projection's universe and count history are read
// once, not once per store revision), and parsed anew when its bytes change, even at the same size.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPriorHistoryCsv } from '../elections/prior-history.js';
import { readUniverse, universePriorChoices } from '../elections/universe.js';
import { memoByFile } from './file-memo.js';

const dir = mkdtempSync(join(tmpdir(), 'cifra-file-memo-'));
const HISTORY = [
  'cut,unit,actas_counted,actas_total,choice,votes',
  'c1,01,1,4,A,10',
  'c1,01,1,4,B,20',
  'c2,01,3,4,A,25',
  'c2,01,3,4,B,40',
].join('\n');

describe('memoByFile', () => {
  it('reuses the parsed history and universe while the files are unchanged', () => {
    const h = join(dir, 'history.csv');
    writeFileSync(h, HISTORY);
    const first = readPriorHistoryCsv(h);
    expect(first.ok).toBe(true);
    expect(readPriorHistoryCsv(h)).toBe(first);
    const u = join(dir, 'universe.csv');
    writeFileSync(u, 'code,name,eligible,actas_total,prior:A,prior:B\n01,Uno,900,4,5,6\n');
    const universe = readUniverse(u);
    expect(universe.ok && universe.value.map((x) => x.unit)).toEqual(['01']);
    expect(readUniverse(u)).toBe(universe);
    expect(universePriorChoices(u)).toBe(universePriorChoices(u));
    expect(universePriorChoices(u)).toEqual({ ok: true, value: ['a', 'b'] });
  });

  it('reads a file again once its bytes change, at another size or the same, at once', () => {
    const f = join(dir, 'f.txt');
    let reads = 0;
    const read = () => memoByFile('test', f, () => ++reads);
    writeFileSync(f, 'one');
    expect([read(), read()]).toEqual([1, 1]);
    writeFileSync(f, 'three');
    expect(read()).toBe(2);
    // the same size within the same tick of the file system's clock
    writeFileSync(f, 'THREE');
    expect([read(), read()]).toEqual([3, 3]);
    // the history rewritten with another count is parsed anew
    const h = join(dir, 'history2.csv');
    writeFileSync(h, HISTORY);
    const before = readPriorHistoryCsv(h);
    writeFileSync(h, HISTORY.replace('c2,01,3,4,B,40', 'c2,01,3,4,B,41'));
    const after = readPriorHistoryCsv(h);
    expect(after).not.toBe(before);
    expect(after.ok && after.value.units.get('01')?.cuts[1]?.votes).toEqual([25, 41]);
  });

  it('a file that cannot be read is tried each time (its reader reports why)', () => {
    const missing = join(dir, 'missing.csv');
    const r = readPriorHistoryCsv(missing);
    expect(r.ok || r.error.map((i) => i.code)).toEqual(['file_unreadable']);
    expect(readPriorHistoryCsv(missing)).not.toBe(r);
  });
});
