// `cifra seats` says when the seats are not settled (the dashboard's rings: core seatsOpen): on a
// provisional count or a figure short of 100 % of actas, with its status and % of actas.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seatsOpen } from '../src/core/pipeline/seats-open.js';
import { cli, tempDir } from './helpers.js';

const db = join(tempDir('cifra-seats-open-'), 'none.db');

describe('cifra seats: open seats', () => {
  it('pe-2026-diputados (votes at 85.991 % of actas): the seats are said to be open', async () => {
    const r = await cli('seats', '--election', 'pe-2026-diputados', '--db', db);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(
      'SEATS OPEN — computed by cifra on 85.991 % of actas counted: an allocation of the votes counted so far, not settled seats',
    );
    const es = await cli('seats', '--election', 'pe-2026-diputados', '--db', db, '--lang', 'es');
    // the release's % is its source's counted share, as its status says (pctOf, session 29)
    expect(es.out).toContain(
      'ESCAÑOS ABIERTOS — calculado por cifra sobre el 85.991 % de actas contabilizadas:',
    );
  });

  it('a what-if on those votes says so too, before its table, in es and en (review s33)', async () => {
    const table = '│ party';
    for (const lever of [
      ['--threshold', '4%'],
      ['--rules', 'examples/what-if/valla-4-sin-minimo.json'],
    ]) {
      const r = await cli('seats', '--election', 'pe-2026-diputados', ...lever, '--db', db);
      expect(r.code, r.err).toBe(0);
      const open =
        'SEATS OPEN — computed by cifra on 85.991 % of actas counted: an allocation of the votes counted so far, not settled seats';
      expect(r.out).toContain(open);
      expect(r.out.indexOf(open)).toBeLessThan(r.out.indexOf(table));
      const es = await cli(
        'seats',
        '--election',
        'pe-2026-diputados',
        ...lever,
        '--db',
        db,
        '--lang',
        'es',
      );
      expect(es.out).toContain(
        'ESCAÑOS ABIERTOS — calculado por cifra sobre el 85.991 % de actas contabilizadas:',
      );
    }
  });

  it('a what-if on a final count (es-2023-congreso) says nothing of open seats', async () => {
    const r = await cli('seats', '--election', 'es-2023-congreso', '--threshold', '5%', '--db', db);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('what-if');
    expect(r.out).not.toContain('SEATS OPEN');
  });

  it('a final count (es-2023-congreso) says nothing of open seats', async () => {
    const r = await cli('seats', '--election', 'es-2023-congreso', '--db', db);
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toContain('SEATS OPEN');
  });

  it('the rule: provisional always open, final never, any other figure below 100 %', () => {
    expect(seatsOpen({ kind: 'provisional', pctCounted: '100.000' })).toBe(true);
    expect(seatsOpen({ kind: 'final', pctCounted: '90.000' })).toBe(false);
    expect(seatsOpen({ kind: 'official', pctCounted: '99.999' })).toBe(true);
    expect(seatsOpen({ kind: 'official' })).toBe(false);
  });
});
