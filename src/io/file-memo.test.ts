// A parsed file is reused while unchanged (the projection's universe and count history are read
// once, not once per store revision), and parsed anew when its bytes change, even at the same size.
import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electionDefOf, loadManifest, manifestOfRef } from '../elections/manifests.js';
import { readPriorHistoryCsv } from '../elections/prior-history.js';
import { readUniverse, universePriorChoices } from '../elections/universe.js';
import { memoByFile } from './file-memo.js';
import { dataPath } from './paths.js';

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

  it('reads a settled file again once it is rewritten with a new mtime, or its old one restored', () => {
    const f = join(dir, 'settled.txt');
    let reads = 0;
    const read = () => memoByFile('test', f, () => ++reads);
    // an hour old: past the clock tick, so the memo is kept on the file's stat alone
    const writeAt = (text: string, mtime: Date) => {
      writeFileSync(f, text);
      utimesSync(f, mtime, mtime);
    };
    const hourAgo = new Date(Date.now() - 3_600_000);
    writeAt('one', hourAgo);
    expect([read(), read()]).toEqual([1, 1]);
    writeAt('two', new Date(Date.now() - 1_800_000));
    expect([read(), read()]).toEqual([2, 2]);
    // the same size and the old mtime put back (as `touch -r` does): the ctime has moved
    const before = statSync(f).mtime;
    writeAt('TWO', before);
    expect(read()).toBe(3);
  });

  it('a user manifest changed on disk is served as it now reads', () => {
    const m = JSON.parse(readFileSync(dataPath('elections/es-2023-congreso.json'), 'utf8')) as {
      sources: { file: string }[];
      label: { es: string; en: string };
    };
    const path = join(dir, 'mi-congreso.json');
    const sources = m.sources.map((s) => ({ ...s, file: dataPath(s.file.replace('../', '')) }));
    const write = (es: string, mtime: Date) => {
      writeFileSync(
        path,
        JSON.stringify({
          ...m,
          id: 'mi-congreso',
          provenance: 'una copia',
          sources,
          label: { ...m.label, es },
        }),
      );
      utimesSync(path, mtime, mtime);
    };
    const label = () => {
      const r = manifestOfRef(def);
      return r.ok ? r.value.manifest.label : r.error;
    };
    write('Primera', new Date(Date.now() - 3_600_000));
    const loaded = loadManifest(path);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
    // the election as stored from the file: a served lookup finds its manifest by path
    const def = electionDefOf(loaded.value);
    expect(def.manifest?.path).toBe(path);
    expect(label()).toMatchObject({ es: 'Primera' });
    write('Segunda, más larga', new Date(Date.now() - 1_800_000));
    expect(label()).toMatchObject({ es: 'Segunda, más larga' });
  });

  it('a file that cannot be read is tried each time (its reader reports why)', () => {
    const missing = join(dir, 'missing.csv');
    const r = readPriorHistoryCsv(missing);
    expect(r.ok || r.error.map((i) => i.code)).toEqual(['file_unreadable']);
    expect(readPriorHistoryCsv(missing)).not.toBe(r);
  });
});
