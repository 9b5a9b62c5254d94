// The CLI groups figures as the election's jurisdiction writes them (its file's `locale`: Spain
// es-ES 12.345, Peru es-PE 12,345); CSV and JSON stay ungrouped. It grouped Peru's way for every
// jurisdiction (format.ts thousands: en-US), session 26.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';
import { copyRt, ingestRt } from './rt-fixture.js';

const dir = tempDir('cifra-cli-number-locale-');
const db = join(dir, 'rt.db');
const other = join(dir, 'other.csv');
let ingestReport = '';

beforeAll(async () => {
  // 250 small actas of municipality 302: a file over 10,000 bytes (its size is a grouped figure)
  const more = Array.from(
    { length: 250 },
    (_, i) => `${1000 + i},302,COUNTED,400,300,0,0,0,60,60,60,60,60`,
  );
  // Ruritania writes its figures as Spain does
  const rt = copyRt(join(dir, 'rt'), {
    jurisdiction: (j) => ({ ...j, locale: 'es-ES' }),
    moreActas: ['0002,101,COUNTED,20000,15000,0,0,0,12345,2655,0,0,0', ...more],
  });
  const actas = rt.actas;
  // the same actas as another source reads them: 10,000 of mesa 0002's votes on BETA
  writeFileSync(other, readFileSync(actas, 'utf8').replace(',12345,2655,', ',2345,12655,'));
  const r = await ingestRt(rt, db);
  expect(r.code, r.err).toBe(0);
  ingestReport = r.out;
});

const run = async (...argv: string[]): Promise<string> => {
  const r = await cli(...argv, '--db', db);
  expect(r.code, r.err).toBe(0);
  return r.out;
};

describe("figures grouped as the jurisdiction's locale writes them", () => {
  it('a table groups with points (es-ES), in either language', async () => {
    for (const lang of ['en', 'es'])
      expect(
        await run('results', '--level', 'municipality', '--code', '101', '--lang', lang),
      ).toMatch(/│ 12\.681 /);
  });

  it("percentages take the locale's decimal comma, never read as a grouped figure (review 26)", async () => {
    const out = await run('results', '--level', 'municipality', '--code', '101', '--lang', 'es');
    // the leader's % valid beside its 12.681 votes: 80,484, not 80.484 (eighty thousand in es-ES)
    expect(out).toMatch(/│ 80,484 /);
    expect(out).toMatch(/│ 80,484 +│ 80,443 +│/);
    expect(out).toContain('participación 75,556 %');
    expect(out).toContain('100,000 % de actas');
  });

  it('CSV stays ungrouped', async () => {
    const csv = await run('results', '--level', 'municipality', '--code', '101', '--format', 'csv');
    expect(csv).toContain('12681');
    expect(csv).not.toMatch(/12[.,]681/);
  });

  it("the locale ends with the run: the next one groups Peru's way until told", async () => {
    const { thousands } = await import('../src/cli/format.js');
    expect(thousands(12345)).toBe('12,345');
  });
});

// Every command that reads an election groups its way, not only results and acta: the locale is
// set where the CLI opens its store (store-access.ts); seats, compare, imports and the ingest
// report grouped Peru's way for a Spanish-writing election (review 26).
describe("every command's figures in the election's locale", () => {
  const rt = [
    '--election',
    join(dir, 'rt/rt-2026.json'),
    '--jurisdictions',
    join(dir, 'rt/jurisdictions'),
  ];

  it('the ingest report and cifra imports: the file size grouped with a point', async () => {
    const size = /(\d+\.\d{3}) bytes/.exec(ingestReport)?.[1];
    expect(size, ingestReport).toBeDefined();
    expect(await run('imports')).toContain(`│ ${size} `);
  });

  it('cifra seats: votes grouped with points, % valid with a decimal comma', async () => {
    // ALFA: 336 + 336 + 160 + 160 + 72 + 72 (the fixture) + 12,345 + 250 × 60 = 28,481
    for (const lang of ['en', 'es']) {
      const out = await run('seats', '--election', 'rt-2026-parlament', '--lang', lang);
      expect(out).toMatch(/│ 28\.481 +│ \d+,\d{3} +│/);
    }
  });

  it("cifra project: the median and intervals with a decimal comma (toFixed's dot, session 29)", async () => {
    for (const lang of ['en', 'es']) {
      const out = await run('project', '--sims', '200', '--lang', lang);
      expect(out).toMatch(/│ \d+,\d{3} +│ \d+,\d{2}–\d+,\d{2} +│ \d+,\d{2}–\d+,\d{2} +│/);
      expect(out).not.toMatch(/\d\.\d{2}–/);
    }
  });

  it("cifra project: a complete count's projected seats are the seats cifra seats allocates (regions named by the place table, session 29)", async () => {
    // the regions were named "1", "2", "3", no district of the ruleset: every party 0 seats
    const p = JSON.parse(await run('project', '--sims', '50', '--format', 'json'));
    const s = JSON.parse(await run('seats', '--election', 'rt-2026-parlament', '--format', 'json'));
    const allocated = new Map<string, number>(Object.entries(s.result.seats));
    expect(p.seatsUnavailable).toBeUndefined();
    expect(p.seats.parties.reduce((a: number, x: { median: number }) => a + x.median, 0)).toBe(15);
    for (const x of p.seats.parties)
      expect([x.party, x.median]).toEqual([x.party, allocated.get(x.party) ?? 0]);
    expect(await run('project', '--sims', '50', '--lang', 'es')).toMatch(
      /│ Allianz für Alle +│ [1-9]/,
    );
  });

  it('cifra compare: the net effects grouped with points', async () => {
    const out = await run('compare', other, ...rt);
    expect(out).toMatch(/│ \+10\.000 +│ -10\.000 +│/);
  });
});

describe("a bundled election's seats in its own locale, Peru's unchanged", () => {
  const seats = async (id: string): Promise<string> => {
    const r = await cli('seats', '--election', id, '--db', join(dir, 'none.db'));
    expect(r.code, r.err).toBe(0);
    return r.out;
  };

  it("Spain 2023: PP's 8.160.837 votes, 33,327 % (data/spain/2023, votes_congreso_2023.csv summed)", async () => {
    expect(await seats('es-2023-congreso')).toMatch(/│ PP +│ 8\.160\.837 │ 33,327 +│ 137 +│/);
  });

  it('Peru 2026: commas and decimal points, as before', async () => {
    const out = await seats('pe-2026-diputados');
    expect(out).toMatch(/│ \d{1,3}(,\d{3})+ +│ \d+\.\d{3} +│/);
    expect(out).not.toMatch(/\d\.\d{3}\.\d{3}/);
  });
});
