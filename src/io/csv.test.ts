// Differential test of readCsvFile's reading (parseTrimmed: cifra's scanner, csv-parse where the
// scanner refuses) against csv-parse with the options it replaced: the same records, or an error
// where csv-parse errs — on generated texts and on every bundled place table.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, parseTrimmed, readCsvFile, type CsvTable } from './csv.js';
import { dataPath } from './paths.js';

function reference(text: string, delimiter: string): string[][] | 'error' {
  try {
    return parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch {
    return 'error';
  }
}

function fast(text: string, delimiter: string): string[][] | 'error' {
  try {
    return parseTrimmed(text, delimiter);
  } catch {
    return 'error';
  }
}

const piece = fc.constantFrom(
  'a',
  '1',
  'Ñ',
  ' ',
  ' ',
  '\t',
  '\f',
  ',',
  ',',
  ';',
  '"',
  '""',
  '"x"',
  '" y "',
  '"a,b"',
  '"l\nm"',
  ' "q" ',
  '\n',
  '\n',
  '\r',
  '\r\n',
  '\r\n',
  '\u00A0',
  '\u2003',
  '\u0085',
  '\v',
  '\uFEFF',
);
const soup = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));
/** Mostly well-formed tables: padded plain cells and quoted cells with line breaks. */
const table = fc
  .tuple(
    fc.array(
      fc.array(
        fc.oneof(
          fc.constantFrom('a', ' b ', '\tc', '12 ', '', ' ', 'Ñandú', 'x y'),
          fc.constantFrom('"San Juan de\nLopecancha"', '"a,b"', '""', '" p "'),
        ),
        { minLength: 1, maxLength: 5 },
      ),
      { maxLength: 8 },
    ),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([rows, eol]) => rows.map((r) => r.join(',')).join(eol) + eol);

describe('parseTrimmed against csv-parse with trim', () => {
  it('reads every generated text as csv-parse does (10⁴ texts)', () => {
    fc.assert(
      fc.property(fc.oneof(soup, table), fc.constantFrom(',', ';'), (text, delimiter) => {
        expect(fast(text, delimiter)).toEqual(reference(text, delimiter));
      }),
      { numRuns: 10_000 },
    );
  });

  it('reads the bundled place tables as csv-parse does', () => {
    for (const file of [
      'peru/ubigeo/ubigeo_distrito.csv.gz',
      'peru/ubigeo/ubigeo_provincia.csv.gz',
      'peru/ubigeo/ubigeo_departamento.csv',
    ]) {
      const bytes = readFileSync(dataPath(file));
      const text = decodeText(file.endsWith('.gz') ? gunzipSync(bytes) : bytes);
      const got = fast(text, ',');
      expect(got).toEqual(reference(text, ','));
      expect((got as string[][]).length).toBeGreaterThan(20);
    }
  });
});

describe('readCsvFile', () => {
  /** Each row's values restricted to `columns`: what a read with `columns` must give. */
  const only = (rows: CsvTable['rows'], columns: ReadonlySet<string>) =>
    rows.map((r) => ({
      line: r.line,
      values: Object.fromEntries(Object.entries(r.values).filter(([k]) => columns.has(k))),
    }));

  it('with columns: the rows of a whole read, restricted to those columns (generated texts)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cifra-csv-'));
    const file = join(dir, 't.csv');
    fc.assert(
      fc.property(fc.oneof(soup, table), fc.nat(), (text, pick) => {
        writeFileSync(file, text);
        const whole = readCsvFile(file, 'table');
        if (!whole.ok) {
          expect(readCsvFile(file, 'table', new Set())).toEqual(whole);
          return;
        }
        // a subset of the headers by the bits of `pick`, and a name no header has
        const columns = new Set([
          ...whole.value.headers.filter((_, i) => ((pick >> i) & 1) === 1),
          'absent',
        ]);
        const some = readCsvFile(file, 'table', columns);
        expect(some.ok && some.value).toEqual({
          headers: whole.value.headers,
          rows: only(whole.value.rows, columns),
        });
      }),
      { numRuns: 2_000 },
    );
  });

  it("with columns: Peru's place table, its code and name columns as a whole read has them", () => {
    const file = dataPath('peru/ubigeo/ubigeo_distrito.csv.gz');
    const columns = new Set(['reniec', 'departamento', 'provincia', 'distrito']);
    const whole = readCsvFile(file, 'table');
    const some = readCsvFile(file, 'table', columns);
    expect(whole.ok && some.ok).toBe(true);
    if (!whole.ok || !some.ok) return;
    expect(some.value.rows).toEqual(only(whole.value.rows, columns));
    expect(some.value.rows.length).toBeGreaterThan(1800);
  });

  it('keys each row by lower-cased header: a later repeated header wins, a short row gets ""', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cifra-csv-'));
    const file = join(dir, 't.csv');
    writeFileSync(file, ' Code ,Name,code\n1,Uno,one\n2\n');
    const r = readCsvFile(file, 'table');
    expect(r.ok && r.value).toEqual({
      headers: ['code', 'name', 'code'],
      rows: [
        { line: 1, values: { code: 'one', name: 'Uno' } },
        { line: 2, values: { code: '', name: '' } },
      ],
    });
  });
});
