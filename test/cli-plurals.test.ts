// The CLI's lines take their noun's number after a count (session 28: "1 actas con conflicto",
// "aventaja a B por 1 votos"): `say` makes the noun right after a value of 1 singular, in either
// language, and leaves every other count plural. A word that agrees with a count further on (a
// verb, a pronoun: "1 archivos … habían cambiado", session 29) names it: `{n:one|many}`.
import { afterEach, describe, expect, it } from 'vitest';
import { disagreeingHead } from '../src/cli/commands/compare.js';
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

const HEALED =
  'warning: {n} files of the site served until now had been changed since cifra wrote {n:it|them}; written again from the store';
const COMPARED =
  'mesas: {compared} compared ({both} in both) · {agree} {agree:agrees|agree} · {disagree} {disagree:disagrees|disagree}';
const REPLAYED =
  'done: {target} has {n} snapshots with {n:its|their} projections (cifra serve shows {n:it|them})';

describe('a word away from its count agrees with it', () => {
  it('Spanish: the verb and the pronoun after the noun, and a verb before the count', () => {
    useTableLanguage('es');
    expect(say(HEALED, { n: 1 })).toBe(
      'aviso: 1 archivo del sitio servido hasta ahora había cambiado desde que cifra lo escribió; se escribió de nuevo desde el almacén',
    );
    expect(say(HEALED, { n: 3 })).toBe(
      'aviso: 3 archivos del sitio servido hasta ahora habían cambiado desde que cifra los escribió; se escribieron de nuevo desde el almacén',
    );
    expect(say(COMPARED, { compared: 1, both: 1, agree: 1, disagree: 0 })).toBe(
      'mesas: 1 comparada (1 en ambas) · 1 coincide · 0 difieren',
    );
    expect(say(COMPARED, { compared: '1,200', both: 2, agree: 0, disagree: 1 })).toBe(
      'mesas: 1,200 comparadas (2 en ambas) · 0 coinciden · 1 difiere',
    );
    expect(say(REPLAYED, { target: 't', n: 1 })).toBe(
      'listo: t tiene 1 instantánea con sus proyecciones (cifra serve la muestra)',
    );
    expect(
      say('wrote {n} disagreeing mesas ({format}) to {out}', { n: 1, format: 'csv', out: 'o' }),
    ).toBe('escrita 1 mesa en desacuerdo (csv) en o');
    expect(
      say(
        'snapshot {id}: {files} files in {out} ({size}), {written} written ({writtenSize}; the others unchanged)',
        { id: 's', files: 9, out: 'o', size: '1,0 MB', written: 1, writtenSize: '2,0 kB' },
      ),
    ).toBe('instantánea s: 9 archivos en o (1,0 MB), 1 escrito (2,0 kB; los demás sin cambios)');
    expect(say(' ({n} with figures: already among the processed)', { n: 1 })).toBe(
      ' (1 con cifras: ya incluida en las procesadas)',
    );
    expect(
      say('Seats: {decided} decided, {open} on the votes counted, can change', {
        decided: 2,
        open: 1,
      }),
    ).toBe('Escaños: 2 asignados, 1 según lo contado, puede cambiar');
  });

  it('English', () => {
    expect(say(HEALED, { n: 1 })).toBe(
      'warning: 1 file of the site served until now had been changed since cifra wrote it; written again from the store',
    );
    expect(say(COMPARED, { compared: 2, both: 2, agree: 1, disagree: 1 })).toBe(
      'mesas: 2 compared (2 in both) · 1 agrees · 1 disagrees',
    );
    expect(say(REPLAYED, { target: 't', n: 1 })).toBe(
      'done: t has 1 snapshot with its projections (cifra serve shows it)',
    );
    expect(say(REPLAYED, { target: 't', n: 12 })).toBe(
      'done: t has 12 snapshots with their projections (cifra serve shows them)',
    );
    expect(
      say('{n} pooled seats of no list yet — {lists} tie for {n:it|them}', { n: 1, lists: 'A, B' }),
    ).toBe('1 pooled seat of no list yet — A, B tie for it');
  });
});

// session 30: "primera 1 de 1 mesa en desacuerdo" read stiff; the line names all the mesas the
// table shows, or the first of them, in words each language uses
describe('the line above the disagreeing mesas cifra compare shows', () => {
  it('Spanish: la única, las 4, la primera de 30, las primeras 20 de 1,200', () => {
    useTableLanguage('es');
    expect(disagreeingHead(1, 1)).toBe(
      'la única mesa en desacuerdo (también con --format csv o json):',
    );
    expect(disagreeingHead(4, 4)).toBe(
      'las 4 mesas en desacuerdo (también con --format csv o json):',
    );
    expect(disagreeingHead(1, 30)).toBe(
      'la primera de 30 mesas en desacuerdo (--format csv o json para todas):',
    );
    expect(disagreeingHead(20, 1200)).toBe(
      'las primeras 20 de 1,200 mesas en desacuerdo (--format csv o json para todas):',
    );
  });
  it('English: the only one, the 4, the first of 30, first 20 of 1,200', () => {
    useTableLanguage('en');
    expect(disagreeingHead(1, 1)).toBe('the only disagreeing mesa (also as --format csv or json):');
    expect(disagreeingHead(4, 4)).toBe('the 4 disagreeing mesas (also as --format csv or json):');
    expect(disagreeingHead(1, 30)).toBe(
      'the first of 30 disagreeing mesas (--format csv or json for all):',
    );
    expect(disagreeingHead(20, 1200)).toBe(
      'first 20 of 1,200 disagreeing mesas (--format csv or json for all):',
    );
  });
});
