// `cifra apportion` without --electorate: the padrón bundled for the ruleset, named with its source
// and status; a ruleset with none bundled says which flag and file shape to give.
import { describe, expect, it } from 'vitest';
import { dataPath } from '../src/io/paths.js';
import { cli } from './helpers.js';

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
});
