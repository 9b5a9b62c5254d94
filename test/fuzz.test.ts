// Fuzzing (issue 6): every parser and every write body gets ≥ 10⁴ generated inputs (fast-check).
// Nothing may throw past the boundary, every rejection must carry a documented code, and a
// rejected write must leave the store as it was. `npm run bench:reliability` runs 10⁵.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi, hashToken } from '../src/api/server.js';
import { loadCandidates, loadDistricts, loadVotes } from '../src/io/seat-files.js';
import { hasErrors, ISSUE_CODES } from '../src/core/issues.js';
import { validateActa } from '../src/core/tally/validate-acta.js';
import { bundledElection } from '../src/elections/manifests.js';
import { cifraCsvParser, onpeMesaParser, stringCells } from '../src/ingest/formats.js';
import { CsvScanner } from '../src/io/csv-scanner.js';
import { requireJurisdiction } from '../src/jurisdictions/load.js';
import { readPriorHistoryCsv } from '../src/elections/prior-history.js';
import { readSnapshotCsv } from '../src/projection/snapshot-csv.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { memoryTempDirs, ONPE_COLUMNS, tempDir } from './helpers.js';

export const RUNS = Number(process.env['CIFRA_FUZZ_RUNS'] ?? 10_000);
/** Generous per-test time, scaled with the runs (10⁵ in the bench takes minutes). */
const TIMEOUT = Math.max(240_000, RUNS * 20);
const DOCUMENTED = new Set<string>(ISSUE_CODES);
const election = bundledElection('pe-2021-presidencial');
const PE = requireJurisdiction('pe');
if (election === null) throw new Error('election');
const dir = tempDir('cifra-fuzz-');

/** Cells that look like what files hold: numbers, padded codes, states, junk, empties. */
const cell = fc.oneof(
  fc.constantFrom(
    '',
    '0',
    '12',
    '-3',
    '1.5',
    '1e9',
    '99999999999',
    'CONTABILIZADA',
    'ANULADA',
    'SIN INSTALAR',
    'EN PROCESO',
    '010101',
    '140101',
    '921001',
    'ÑAÑA',
    ' 7 ',
  ),
  fc.nat({ max: 1000 }).map(String),
  fc.string({ maxLength: 12 }),
);

function documented(codes: readonly string[]): boolean {
  return codes.every((c) => DOCUMENTED.has(c));
}

describe('row parsers', () => {
  it(
    `onpe-mesa: ${RUNS} generated rows, each an acta or documented issues`,
    () => {
      const parser = onpeMesaParser(ONPE_COLUMNS, election, PE);
      fc.assert(
        fc.property(
          fc.array(cell, { minLength: 0, maxLength: ONPE_COLUMNS.length + 3 }),
          (cells) => {
            const r = parser.parse(stringCells(cells), 1);
            if (!r.ok) expect(documented(r.issues.map((i) => i.code))).toBe(true);
            else {
              // parsed rows go through the same validation as in ingest
              const issues = validateActa(r.acta, PE);
              expect(documented(issues.map((i) => i.code))).toBe(true);
              if (!hasErrors(issues)) expect(r.acta.mesa).toMatch(/^\d{6}$/);
            }
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    `cifra-csv: ${RUNS} generated rows`,
    () => {
      const header = [
        'mesa',
        'ubigeo',
        'state',
        'eligible',
        'voters',
        'blank',
        'null',
        'impugned',
        ...election.choices.map((c) => c.id),
      ];
      const parser = cifraCsvParser(header, election, PE);
      fc.assert(
        fc.property(fc.array(cell, { maxLength: header.length + 2 }), (cells) => {
          const r = parser.parse(stringCells(cells), 1);
          if (!r.ok) expect(documented(r.issues.map((i) => i.code))).toBe(true);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});

/** Rows shaped like ONPE's: mostly valid actas, with a bad or empty cell now and then. */
const figure = fc.oneof(
  { weight: 6, arbitrary: fc.nat({ max: 400 }).map(String) },
  { weight: 1, arbitrary: cell },
);
const onpeLike = fc
  .tuple(
    fc.constantFrom('010101', '150101', '921001', '10101'),
    fc.constantFrom('AMAZONAS', 'LIMA', 'ÁFRICA'),
    fc.constantFrom('CHACHAPOYAS', 'LIMA'),
    fc.constantFrom('CHACHAPOYAS', 'ÑAÑA'),
    fc.nat({ max: 999_999 }).map((n) => String(n).padStart(6, '0')),
    fc.constantFrom('CONTABILIZADA', 'ANULADA', 'SIN INSTALAR', 'EN PROCESO', 'COMPUTADA RESUELTA'),
    fc.array(figure, { minLength: 23, maxLength: 23 }),
  )
  .map(([u, d, p, di, mesa, state, figures]) => [
    u,
    d,
    p,
    di,
    'PRESIDENCIAL',
    mesa,
    state,
    'NORMAL',
    ...figures,
  ]);

describe('the ingest fast path against its reference', () => {
  it(
    `onpe-mesa rows read in place by the scanner parse as their strings do: ${RUNS} files`,
    () => {
      // A CSV cell: quoted when it must be (the scanner keeps quoted cells as decoded text).
      const quote = (c: string): string =>
        /[",;\r\n]/.test(c) || c.startsWith(' ') ? `"${c.replace(/"/g, '""')}"` : c;
      fc.assert(
        fc.property(
          fc.array(fc.oneof(fc.array(cell, { maxLength: ONPE_COLUMNS.length + 2 }), onpeLike), {
            minLength: 1,
            maxLength: 5,
          }),
          fc.constantFrom('utf8' as const, 'latin1' as const),
          (rows, encoding) => {
            const safe = rows.map((r) =>
              r.map((c) =>
                encoding === 'latin1'
                  ? Array.from(c, (ch) => ((ch.codePointAt(0) ?? 0) > 0xff ? '?' : ch)).join('')
                  : c,
              ),
            );
            const text = safe.map((r) => r.map(quote).join(',') + '\n').join('');
            const fast = onpeMesaParser(ONPE_COLUMNS, election, PE);
            const slow = onpeMesaParser(ONPE_COLUMNS, election, PE);
            const reference = parse(Buffer.from(text, encoding), {
              relax_column_count: true,
              skip_empty_lines: true,
              encoding,
            }) as string[][];
            const got: unknown[] = [];
            const scanner = new CsvScanner(',', encoding, (r) =>
              got.push({ parsed: fast.parse(r, 1), raw: fast.raw(r) }),
            );
            scanner.push(Buffer.from(text, encoding));
            scanner.end();
            expect(got).toEqual(
              reference.map((cells) => ({
                parsed: slow.parse(stringCells(cells), 1),
                raw: slow.raw(stringCells(cells)),
              })),
            );
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});

describe('file parsers', () => {
  const text = fc
    .tuple(
      fc.constantFrom(
        '',
        'unit,actas_counted,actas_total,choice,votes\n',
        'cut,unit,actas_counted,actas_total,choice,votes\n',
        'district,party,votes\n',
        'district,seats\n',
        'district,party,candidate,position,votes\n',
      ),
      fc.array(
        fc
          .array(cell, { maxLength: 6 })
          .map((r) => r.join(fc.sample(fc.constantFrom(',', ';'), 1)[0] ?? ',')),
        { maxLength: 6 },
      ),
    )
    .map(([h, rows]) => h + rows.join('\n'));
  const file = join(dir, 'f.csv');
  for (const [name, read] of [
    [
      'snapshot CSV',
      (p: string) => {
        const r = readSnapshotCsv(p);
        return r.ok ? [] : r.error.map((i) => i.code);
      },
    ],
    [
      'prior-history CSV',
      (p: string) => {
        const r = readPriorHistoryCsv(p);
        return r.ok ? [] : r.error.map((i) => i.code);
      },
    ],
    ['seat votes', (p: string) => loadVotes(p).issues.map((i) => i.code)],
    ['seat districts', (p: string) => loadDistricts(p).issues.map((i) => i.code)],
    ['candidates', (p: string) => loadCandidates(p).issues.map((i) => i.code)],
  ] as const)
    it(
      `${name}: ${RUNS} generated files`,
      () => {
        fc.assert(
          fc.property(text, (t) => {
            writeFileSync(file, t);
            expect(documented(read(file))).toBe(true);
          }),
          { numRuns: RUNS },
        );
      },
      TIMEOUT,
    );
});

describe('write bodies (HTTP API)', () => {
  const TOKEN = 'fuzz-token-0b5d';
  const store = new SqliteStore(':memory:');
  let app: Awaited<ReturnType<typeof buildApi>>;
  let diskTempDirs = (): void => {};
  beforeAll(async () => {
    // each body is written to a temporary folder and removed (write-routes.ts): in memory, as the
    // route does it 2·10⁴ times here (on this VM's ext4 a removal waits ~2 ms on the disk)
    diskTempDirs = memoryTempDirs();
    await store.migrate();
    await store.putElection(election);
    app = await buildApi({ store, tokenHash: hashToken(TOKEN) });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    diskTempDirs();
  });
  const header = ONPE_COLUMNS.join(',');
  const body = fc.oneof(
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
    fc
      .array(
        fc.array(cell, { maxLength: ONPE_COLUMNS.length + 1 }).map((r) => r.join(',')),
        { maxLength: 4 },
      )
      .map((rows) => Buffer.from([header, ...rows].join('\n'))),
    fc.string({ maxLength: 200 }).map((s) => gzipSync(Buffer.from(s))),
  );

  it(
    `POST /api/v1/imports: ${RUNS} generated bodies → 200 or a coded 422, never 500, never a stack`,
    async () => {
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          const before = await store.revision();
          const r = await app.inject({
            method: 'POST',
            url: '/api/v1/imports?election=pe-2021-presidencial&name=fuzz.csv',
            headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
            payload: b,
          });
          expect([200, 422]).toContain(r.statusCode);
          expect(r.body).not.toContain(TOKEN);
          expect(r.body).not.toMatch(/at .+\.(ts|js):\d+/);
          if (r.statusCode === 422) {
            const codes = (r.json() as { issues: { code: string }[] }).issues.map((i) => i.code);
            expect(codes.length).toBeGreaterThan(0);
            expect(documented(codes)).toBe(true);
            expect(await store.revision()).toBe(before);
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    `POST /api/v1/actas/{mesa}/corrections: ${RUNS} generated JSON bodies`,
    async () => {
      const json = fc.oneof(
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc
          .record(
            {
              mesa: fc.oneof(fc.constant('000001'), fc.string({ maxLength: 8 })),
              ubigeo: fc.oneof(fc.constant('010101'), fc.string({ maxLength: 8 })),
              state: fc.oneof(
                fc.constantFrom('counted', 'annulled', 'pending'),
                fc.string({ maxLength: 8 }),
              ),
              eligible: fc.oneof(fc.nat({ max: 400 }), fc.double()),
              voters: fc.oneof(fc.nat({ max: 400 }), fc.constant(null)),
              votes: fc.oneof(
                fc.constant(null),
                fc.dictionary(fc.constantFrom('P1', 'P16', 'X'), fc.integer({ min: -5, max: 500 })),
              ),
            },
            { requiredKeys: [] },
          )
          .map((v) => JSON.stringify(v)),
        fc.string({ maxLength: 50 }),
      );
      await fc.assert(
        fc.asyncProperty(json, async (b) => {
          const r = await app.inject({
            method: 'POST',
            url: '/api/v1/actas/000001/corrections?election=pe-2021-presidencial',
            headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
            payload: b,
          });
          expect([200, 404, 422]).toContain(r.statusCode);
          if (r.statusCode !== 200) {
            const codes = (r.json() as { issues: { code: string }[] }).issues.map((i) => i.code);
            expect(documented(codes)).toBe(true);
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
