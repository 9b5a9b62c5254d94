// `cifra apportion` without --electorate: the padrón the ruleset file names (`electorate`), with its source
// and status; a ruleset naming none says which flag and file shape to give.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withBundledElectorate } from '../src/elections/electorates.js';
import { dataPath } from '../src/io/paths.js';
import { cli, tempDir } from './helpers.js';

const PADRON = dataPath('peru/2026/electorate_2026_by_circunscripcion.csv');

describe('cifra apportion, the electorate by default', () => {
  it('pe-2026-diputados uses the bundled padrón: the same seats as with --electorate, and says so', async () => {
    // the README's example, as written
    const r = await cli('apportion', '--rules', 'pe-2026-diputados', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      seats: Record<string, number>;
      electorate: {
        kind: string;
        file: string;
        source: { es: string; en: string };
        status: { es: string; en: string };
      };
    };
    const given = await cli('apportion', '--rules', 'pe-2026-diputados', '--electorate', PADRON);
    expect(given.code).toBe(0);
    const explicit = await cli(
      ...['apportion', '--rules', 'pe-2026-diputados', '--electorate', PADRON, '--format', 'json'],
    );
    expect(j.seats).toEqual((JSON.parse(explicit.out) as { seats: unknown }).seats);
    expect(j.seats['Lima Metropolitana']).toBe(32);
    expect(j.electorate.kind).toBe('bundled');
    expect(j.electorate.file).toBe('peru/2026/electorate_2026_by_circunscripcion.csv');
    expect(j.electorate.status.en).toContain('R-0053-2025-JNE');
    expect(j.electorate.status.es).toContain('R-0053-2025-JNE');
    expect((JSON.parse(explicit.out) as { electorate: unknown }).electorate).toEqual({
      kind: 'file',
      file: PADRON,
    });
    const table = await cli('apportion', '--rules', 'pe-2026-diputados');
    expect(table.out).toContain('electorate: bundled, data/peru/2026/');
    expect(table.out).toMatch(/source: padrón 2026/);
    expect(table.out).toMatch(/status: compiled from secondary sources/);
    expect(given.out).toContain(`electorate: ${PADRON}`);
  });

  it('a ruleset with no electorate bundled names the flag and the file shape', async () => {
    const r = await cli('apportion', '--rules', 'es-congreso');
    expect(r.code).toBe(1);
    expect(r.err).toContain('missing_field');
    expect(r.err).toContain('pass --electorate FILE');
    expect(r.err).toContain('header district,electorate');
  });

  it("a user's ruleset names its own padrón (`electorate`, beside the file): apportion and the what-if read it", async () => {
    const dir = tempDir('cifra-apportion-');
    const ruleset = {
      format: 'cifra-ruleset/1',
      id: 'xf-house',
      label: 'Freedonia house (made up)',
      kind: 'list',
      totalSeats: 10,
      // the sizes the file states; apportion recomputes them from the padrón
      districts: [
        { name: 'Norte', seats: 4 },
        { name: 'Centro', seats: 3 },
        { name: 'Sur', seats: 3, aliases: ['South'] },
      ],
      apportionment: { method: 'hare', source: 'made up' },
      method: 'dhondt',
      electorate: {
        file: 'padron.csv',
        source: { es: 'inventado', en: 'made up' },
        status: { es: 'de prueba', en: 'a test' },
      },
    };
    const file = join(dir, 'xf-house.json');
    writeFileSync(file, JSON.stringify(ruleset));
    // 10 seats by Hare on 5000 / 3000 / 2000 electors: 5, 3, 2 exactly
    writeFileSync(
      join(dir, 'padron.csv'),
      'district,electorate\nNorte,5000\nCentro,3000\nSouth,2000\n',
    );
    const r = await cli('apportion', '--rules', file, '--format', 'json');
    expect([r.code, r.err]).toEqual([0, '']);
    const j = JSON.parse(r.out) as { seats: Record<string, number>; electorate: unknown };
    expect(j.seats).toEqual({ Norte: 5, Centro: 3, Sur: 2 });
    expect(j.electorate).toEqual({
      kind: 'bundled',
      ...ruleset.electorate,
      file: join(dir, 'padron.csv'),
    });
    const filled = withBundledElectorate(ruleset, file).file as typeof ruleset;
    expect(filled.districts.map((d) => (d as { electorate?: number }).electorate)).toEqual([
      5000, 3000, 2000,
    ]);
  });
});
