// Differential test of the ingest's fast path: the hand-written scanner must read every input
// exactly as csv-parse (the reference) does — the same records, or an error where it errs — in
// any chunking, and read counts in place exactly as `parseCount` reads their text.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCount } from './numbers.js';
import {
  CELL_EMPTY,
  CELL_NEGATIVE,
  CELL_NON_INTEGER,
  CELL_TOO_LARGE,
  countOfText,
  CsvScanError,
  CsvScanner,
} from './csv-scanner.js';

function reference(
  bytes: Buffer,
  delimiter: string,
  encoding: 'utf8' | 'latin1',
): string[][] | 'error' {
  try {
    return parse(bytes, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
      encoding,
    }) as string[][];
  } catch {
    return 'error';
  }
}

function scanned(
  bytes: Buffer,
  cuts: readonly number[],
  delimiter: string,
  encoding: 'utf8' | 'latin1',
): { records: string[][]; counts: number[][] } | 'error' {
  const records: string[][] = [];
  const counts: number[][] = [];
  const s = new CsvScanner(delimiter, encoding, (r) => {
    records.push(r.cells());
    counts.push(Array.from({ length: r.length }, (_, i) => r.count(i)));
  });
  try {
    let at = 0;
    for (const c of [...cuts].sort((a, b) => a - b)) {
      const to = Math.min(c, bytes.length);
      if (to > at) s.push(bytes.subarray(at, to));
      at = Math.max(at, to);
    }
    if (at < bytes.length) s.push(bytes.subarray(at));
    s.end();
  } catch {
    return 'error';
  }
  return { records, counts };
}

const piece = fc.constantFrom(
  'a',
  '1',
  '07',
  ' 12 ',
  '-3',
  '1.5',
  '99999999999',
  'Ñ',
  'ñandú',
  ',',
  ',',
  ';',
  '"',
  '""',
  '"x"',
  '"a,b"',
  '"l\nm"',
  ' ',
  '\t',
  '\n',
  '\n',
  '\r',
  '\r\n',
  '\r\n',
  '\uFEFF',
);
const soup = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));
/** Mostly well-formed files: records of plain or quoted fields, one or mixed line endings. */
const plainField = fc
  .array(fc.constantFrom('a', '1', '07', ' 3 ', '-2', 'Ñ', '\t', '4294967296', ''), {
    maxLength: 3,
  })
  .map((p) => p.join(''));
const quotedField = fc
  .array(fc.constantFrom('a', ',', ';', '""', '\n', '\r\n', 'ñ', ' '), { maxLength: 4 })
  .map((p) => `"${p.join('')}"`);
const wellFormed = fc
  .tuple(
    fc.array(
      fc.array(
        fc.oneof({ weight: 4, arbitrary: plainField }, { weight: 1, arbitrary: quotedField }),
        {
          minLength: 1,
          maxLength: 6,
        },
      ),
      { maxLength: 8 },
    ),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([records, eol, lastEol, mixed]) =>
    records
      .map(
        (r, i) =>
          r.join(',') +
          (i < records.length - 1 || lastEol ? (mixed && i % 3 === 2 ? '\n' : eol) : ''),
      )
      .join(''),
  );
const text = fc.oneof(wellFormed, soup);

describe('CsvScanner against csv-parse', () => {
  it('reads every generated input as csv-parse does, in any chunking (10⁴ inputs)', () => {
    fc.assert(
      fc.property(
        text,
        fc.array(fc.nat({ max: 80 }), { maxLength: 6 }),
        fc.constantFrom(',', ';'),
        fc.constantFrom('utf8' as const, 'latin1' as const),
        (t, cuts, delimiter, encoding) => {
          const bytes = Buffer.from(t, encoding);
          const want = reference(bytes, delimiter, encoding);
          const got = scanned(bytes, cuts, delimiter, encoding);
          if (want === 'error') {
            expect(got).toBe('error');
            return;
          }
          expect(got).not.toBe('error');
          if (got === 'error') return;
          expect(got.records).toEqual(want);
          // counts read in place = counts read from the text
          got.records.forEach((rec, r) =>
            rec.forEach((cell, i) => expect(got.counts[r]?.[i]).toBe(countOfText(cell))),
          );
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it('reads the ONPE file shapes: quoted header, CRLF, a last line without a newline', () => {
    const onpe = Buffer.from(
      '"UBIGEO","MESA_DE_VOTACION","VOTOS_P1"\r\n"010101","000001","12"\r\n010102,000002,\r\n010103,000003,7',
      'latin1',
    );
    const got = scanned(onpe, [5, 40], ',', 'latin1');
    expect(got).toEqual({
      records: [
        ['UBIGEO', 'MESA_DE_VOTACION', 'VOTOS_P1'],
        ['010101', '000001', '12'],
        ['010102', '000002', ''],
        ['010103', '000003', '7'],
      ],
      counts: [
        [CELL_NON_INTEGER, CELL_NON_INTEGER, CELL_NON_INTEGER],
        [10101, 1, 12],
        [10102, 2, CELL_EMPTY],
        [10103, 3, 7],
      ],
    });
  });
});

/** Scans `bytes` in two chunks cut at `cut` under a line limit: 'ok' or the error's code@record. */
function scanCut(bytes: Buffer, limit: number, cut: number): string {
  const s = new CsvScanner(',', 'latin1', () => {}, limit);
  try {
    s.push(bytes.subarray(0, cut));
    s.push(bytes.subarray(cut));
    s.end();
    return 'ok';
  } catch (e) {
    return e instanceof CsvScanError ? `${e.code}@${e.record}` : 'other';
  }
}

describe('CsvScanner record limit', () => {
  it('is exact in bytes without the record delimiter, wherever the chunks are cut', () => {
    const bytes = Buffer.from('a,b\r\ncc,d\r\n"e\r\nf",g\r\n', 'latin1'); // the third: 8 bytes
    const run = (limit: number, cut: number): string => scanCut(bytes, limit, cut);
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(run(8, cut)).toBe('ok');
      expect(run(7, cut)).toBe('line_too_long@3');
    }
  });

  it('is exact for unquoted records too (the split-at-LF fast path), LF and CRLF', () => {
    for (const eol of ['\n', '\r\n']) {
      const bytes = Buffer.from(`a,b${eol}cc,dd${eol}e,f${eol}`, 'latin1'); // the second: 5 bytes
      const run = (limit: number, cut: number): string => scanCut(bytes, limit, cut);
      for (let cut = 0; cut <= bytes.length; cut++) {
        expect(run(5, cut)).toBe('ok');
        expect(run(4, cut)).toBe('line_too_long@2');
      }
    }
  });
});

describe('countOfText', () => {
  it('agrees with parseCount on every generated cell', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 14 }),
          fc.stringMatching(/^ ?-? ?\d{0,12} ?$/),
          fc.nat().map(String),
        ),
        (cell) => {
          const code = countOfText(cell);
          const p = parseCount(cell, false);
          if (p.ok) expect(code).toBe(p.value);
          else
            expect(code).toBe(
              {
                missing_required: CELL_EMPTY,
                negative_number: CELL_NEGATIVE,
                non_integer: CELL_NON_INTEGER,
                number_too_large: CELL_TOO_LARGE,
              }[p.code],
            );
        },
      ),
      { numRuns: 10_000 },
    );
  });
});
