// The CLI groups figures as the election's jurisdiction writes them (its file's `locale`: Spain
// es-ES 12.345, Peru es-PE 12,345); CSV and JSON stay ungrouped. It grouped Peru's way for every
// jurisdiction (format.ts thousands: en-US), session 26.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

const dir = tempDir('cifra-cli-number-locale-');
const db = join(dir, 'rt.db');

beforeAll(async () => {
  cpSync('test/fixtures/rt', join(dir, 'rt'), { recursive: true });
  // Ruritania writes its figures as Spain does
  const file = join(dir, 'rt/jurisdictions/rt/jurisdiction.json');
  const j = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...j, locale: 'es-ES' }));
  const actas = join(dir, 'rt/actas.csv');
  writeFileSync(
    actas,
    `${readFileSync(actas, 'utf8').trimEnd()}\n0002,101,COUNTED,20000,15000,0,0,0,12345,2655,0,0,0\n`,
  );
  const r = await cli(
    'ingest',
    actas,
    '--election',
    join(dir, 'rt/rt-2026.json'),
    '--db',
    db,
    '--jurisdictions',
    join(dir, 'rt/jurisdictions'),
    '--no-progress',
  );
  expect(r.code, r.err).toBe(0);
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
