// `cifra project` prints no probability below the share of actas the calibration measured them at
// (core ODDS_CALIBRATED_FROM, 1/10): the first minutes of a night are when a number is copied into
// a headline. The 2021 runoff's first 40 actas of Chachapoyas (0.046 %), then 10,000 more rows.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataPath } from '../src/io/paths.js';
import { cli, tempDir } from './helpers.js';

const RUNOFF = 'pe-2021-presidencial-segunda';
const FILE =
  'peru/2021/presidential_r2/onpe_resultados_por_mesa_presidencial_2021_2da_vuelta.csv.gz';
const dir = tempDir('cifra-cli-project-odds-');
const db = join(dir, 'o.db');
let header = '';
let rows: string[] = [];

const ingest = async (name: string, keep: readonly string[]): Promise<void> => {
  const file = join(dir, name);
  writeFileSync(file, [header, ...keep].join('\n') + '\n');
  const r = await cli('ingest', file, '--election', RUNOFF, '--db', db);
  expect(r.code, r.err).toBe(0);
};
const project = async (...args: string[]): Promise<string> => {
  const r = await cli('project', '--election', RUNOFF, '--sims', '200', '--db', db, ...args);
  expect(r.code, r.err).toBe(0);
  return r.out;
};
type Doc = {
  actasProcessed: number;
  actasTotal: number;
  winner: { probability: number }[];
  odds: { calibratedFrom: { numerator: number; denominator: number }; withinCalibration: boolean };
};

beforeAll(async () => {
  [header = '', ...rows] = gunzipSync(readFileSync(dataPath(FILE)))
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');
  await ingest('early.csv', rows.filter((l) => l.startsWith('"0101')).slice(0, 40));
}, 120_000);

describe('cifra project below and above the calibrated range', () => {
  it('40 actas: the JSON keeps the odds, flagged; the text prints the reason, no number', async () => {
    const doc = JSON.parse(await project('--format', 'json')) as Doc;
    expect(doc.actasProcessed).toBe(40);
    expect(doc.odds).toEqual({
      calibratedFrom: { numerator: 1, denominator: 10 },
      withinCalibration: false,
    });
    expect(doc.winner.length).toBe(2);
    const now = (Math.floor((100_000 * 40) / doc.actasTotal) / 1000).toFixed(3);
    const en = await project('--lang', 'en');
    expect(en).toContain(
      `odds from 10 % of actas counted (now ${now} %): with fewer, cifra has not measured whether they hold`,
    );
    expect(en).toContain('medians and intervals outside the calibrated range');
    // no winner table, no probability
    expect(en).not.toMatch(/│ winner|│ P /);
    expect(en).not.toMatch(/[<>] 0\.99|│ 0\.\d{3} +│\n/);
    const es = await project('--lang', 'es');
    expect(es).toContain(
      `probabilidades desde el 10 % de actas contabilizadas (ahora ${now} %): con menos, cifra no ha medido si aciertan`,
    );
  }, 120_000);

  it('past 10 % of the actas: the winner table, as before', async () => {
    await ingest('more.csv', rows.filter((l) => !l.startsWith('"0101')).slice(0, 10_000));
    const doc = JSON.parse(await project('--format', 'json')) as Doc;
    // the premise, in integers: at or past one acta in ten
    expect(doc.actasProcessed * 10).toBeGreaterThanOrEqual(doc.actasTotal);
    expect(doc.odds.withinCalibration).toBe(true);
    const en = await project('--lang', 'en');
    expect(en).toMatch(/│ winner/);
    expect(en).not.toContain('odds from 10 %');
  }, 240_000);
});
