// The CLI's lines take their noun's number after a count (session 28: "1 actas con conflicto",
// "aventaja a B por 1 votos"): `say` makes the noun right after a value of 1 singular, in either
// language, and leaves every other count plural.
import { afterEach, describe, expect, it } from 'vitest';
import { say, useTableLanguage } from '../src/cli/format.js';

afterEach(() => useTableLanguage('en'));

const CONFLICT = '{n} actas with a conflict: a later version not applied (cifra acta shows both)';
const NOT_DECIDED =
  'NOT DECIDED: {a} leads {b} by {lead} votes, with up to {remaining} votes still to count';

describe('a count of 1 takes the singular in the CLI lines', () => {
  it('English', () => {
    expect(say(CONFLICT, { n: 1 })).toBe(
      '1 acta with a conflict: a later version not applied (cifra acta shows both)',
    );
    expect(say(NOT_DECIDED, { a: 'A', b: 'B', lead: '1', remaining: '12,001' })).toBe(
      'NOT DECIDED: A leads B by 1 vote, with up to 12,001 votes still to count',
    );
    expect(say('; {n} unreadable rows ({codes})', { n: 1, codes: 'x' })).toBe(
      '; 1 unreadable row (x)',
    );
    expect(
      say('{clause} in {district}: {party} {before} → {after} seats', {
        clause: 'art. 1',
        district: 'Lima',
        party: 'P',
        before: 2,
        after: 1,
      }),
    ).toBe('art. 1 in Lima: P 2 → 1 seat');
  });

  it('a value between the count and its noun qualifies it: "1 department unit"', () => {
    const wrote = 'wrote {units} {level} units of {election} to {out}';
    const values = { level: 'department', election: 'e', out: 'f.csv' };
    expect(say(wrote, { ...values, units: 1 })).toBe('wrote 1 department unit of e to f.csv');
    expect(say(wrote, { ...values, units: 2 })).toBe('wrote 2 department units of e to f.csv');
    useTableLanguage('es');
    expect(say(wrote, { ...values, units: 1 })).toBe(
      'escrito f.csv: 1 unidad de nivel department de e',
    );
  });

  it('Spanish, with the words that agree with the noun', () => {
    useTableLanguage('es');
    expect(say(CONFLICT, { n: 1 })).toBe(
      '1 acta con conflicto: una versión posterior no aplicada (cifra acta muestra ambas)',
    );
    expect(say(NOT_DECIDED, { a: 'A', b: 'B', lead: '1', remaining: '1' })).toBe(
      'NO DECIDIDO: A aventaja a B por 1 voto, con hasta 1 voto por contar',
    );
    expect(say('; {n} repeated mesas skipped', { n: 1 })).toBe('; 1 mesa repetida omitida');
    expect(
      say('check failed: {n} rows would be quarantined ({codes}): nothing was stored', {
        n: '1',
        codes: 'c',
      }),
    ).toBe('revisión fallida: 1 fila iría a cuarentena (c): no se guardó nada');
  });

  it('other counts keep the plural: 0, 2, 11, 1,000 and a decimal', () => {
    useTableLanguage('es');
    for (const n of [0, 2, 11, '1,000', '1.000', '1.5'])
      expect(say(CONFLICT, { n })).toMatch(
        new RegExp(`^${n.toString().replace('.', '\\.')} actas con`),
      );
  });
});
