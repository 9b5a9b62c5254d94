// The acta view's word on the other sources of the same acta (web/acta-crosscheck.ts), from the
// cross-check of one mesa: a mesa in none of the declared files is said to be in none (s35: the
// panel said sergiocorreia and ronderos "agree with onpe's file" on a mesa none of them has, its
// figuresHash null on both sides); a file lacking it is named, never counted as agreeing.
import { afterEach, describe, expect, it } from 'vitest';
import type { Compare, Progress } from '../web/api-client.js';
import { verdictFrom, verdictText } from '../web/acta-crosscheck.js';
import { state } from '../web/ui.js';

type Source = NonNullable<NonNullable<Progress['about']>['compareSources']>[number];
const source = (id: string, role: Source['role']): Source =>
  ({ id, role, publisher: { es: id, en: id }, sha256: null }) as Source;
const ONPE = source('onpe', 'publication');
const SERGIO = source('sergiocorreia', 'third-party');
const RONDEROS = source('ronderos', 'third-party');

const reading = { votes: [152, 20], voters: 180 };
/** The cross-check's answer for one mesa: its disagreement (if any) and each file's figuresHash. */
const answer = (
  hashes: { a: string | null; b: string | null },
  missing?:
    'missing_in_a' | 'missing_in_b' | 'unreadable_in_a' | 'unreadable_in_b' | 'unreadable_in_both',
): Compare =>
  ({
    a: { format: 'onpe-mesa' },
    // the 2021 transcriptions are column maps: their figuresHash is null whether or not they hold it
    b: { format: 'column-map' },
    disagreements:
      missing === undefined
        ? []
        : [
            {
              mesa: '000100',
              primary: missing,
              reasons: [{ reason: missing }],
              effect: {},
              a: /_in_(a|both)$/.test(missing) ? null : reading,
              b: /_in_(b|both)$/.test(missing) ? null : reading,
            },
          ],
    figuresHash: hashes,
  }) as unknown as Compare;

afterEach(() => {
  state.lang = 'es';
});

describe('verdictFrom and verdictText: which files hold the mesa', () => {
  it('in none of the three files: said so, never "agree" (es, en)', () => {
    const none = answer({ a: null, b: null });
    const vs = [verdictFrom(SERGIO, none), verdictFrom(RONDEROS, none)];
    expect(vs.map((v) => [v.differs, v.held.publication, v.held.source])).toEqual([
      [false, false, false],
      [false, false, false],
    ]);
    expect(verdictText('999999', ONPE, vs)).toBe(
      'La mesa 999999 no está en ninguna de las fuentes declaradas (onpe, sergiocorreia, ronderos): este cotejo no puede confirmar sus cifras con ninguna de ellas.',
    );
    state.lang = 'en';
    expect(verdictText('999999', ONPE, vs)).toBe(
      'Mesa 999999 is in none of the declared sources (onpe, sergiocorreia, ronderos): this cross-check cannot confirm its figures against any of them.',
    );
  });

  it('absent from one transcription: that one named, the other agreeing (es, en)', () => {
    const vs = [
      verdictFrom(SERGIO, answer({ a: 'h1', b: null })),
      verdictFrom(RONDEROS, answer({ a: 'h1', b: null }, 'missing_in_b')),
    ];
    expect(vs.map((v) => [v.differs, v.held.source])).toEqual([
      [false, true],
      [false, false],
    ]);
    expect(verdictText('000100', ONPE, vs)).toBe(
      'La mesa 000100 no está en el archivo de ronderos. sergiocorreia: coincide con el archivo de onpe.',
    );
    state.lang = 'en';
    expect(verdictText('000100', ONPE, vs)).toBe(
      "Mesa 000100 is not in ronderos's file. sergiocorreia: agrees with onpe's file.",
    );
  });

  it("absent from the publication's file: the publication named, no transcription agreeing with it", () => {
    const vs = [
      verdictFrom(SERGIO, answer({ a: null, b: null }, 'missing_in_a')),
      verdictFrom(RONDEROS, answer({ a: null, b: null })),
    ];
    expect(verdictText('000100', ONPE, vs)).toBe(
      'La mesa 000100 no está en los archivos de onpe, ronderos.',
    );
  });

  it('a row in a file that could not be read: said so, not missing, not agreeing (es, en)', () => {
    const vs = [
      verdictFrom(SERGIO, answer({ a: 'h1', b: null })),
      verdictFrom(RONDEROS, answer({ a: 'h1', b: null }, 'unreadable_in_b')),
    ];
    expect(vs.map((v) => [v.differs, v.held.source, v.unreadable.source])).toEqual([
      [false, true, false],
      [false, true, true],
    ]);
    expect(verdictText('000100', ONPE, vs)).toBe(
      'La mesa 000100: su fila en el archivo de ronderos no se pudo leer. sergiocorreia: coincide con el archivo de onpe.',
    );
    state.lang = 'en';
    expect(verdictText('000100', ONPE, vs)).toBe(
      "Mesa 000100: its row in ronderos's file could not be read. sergiocorreia: agrees with onpe's file.",
    );
    state.lang = 'es';
    const pub = [
      verdictFrom(SERGIO, answer({ a: null, b: null }, 'unreadable_in_a')),
      verdictFrom(RONDEROS, answer({ a: null, b: null }, 'unreadable_in_a')),
    ];
    expect(verdictText('000100', ONPE, pub)).toBe(
      'La mesa 000100: su fila en el archivo de onpe no se pudo leer.',
    );
  });

  // session 36: a mesa both files hold only in unreadable rows was no disagreement at all
  it('rows in both files that could not be read (unreadable_in_both): both said so', () => {
    const vs = [verdictFrom(RONDEROS, answer({ a: null, b: null }, 'unreadable_in_both'))];
    expect(vs.map((v) => [v.differs, v.unreadable.publication, v.unreadable.source])).toEqual([
      [false, true, true],
    ]);
    expect(verdictText('000100', ONPE, vs)).toBe(
      'La mesa 000100: sus filas en los archivos de onpe, ronderos no se pudieron leer.',
    );
    state.lang = 'en';
    expect(verdictText('000100', ONPE, vs)).toBe(
      'Mesa 000100: its rows in the files of onpe, ronderos could not be read.',
    );
  });

  it('no answer: not said to agree, nor to lack the mesa', () => {
    const vs = [verdictFrom(SERGIO, null), verdictFrom(RONDEROS, answer({ a: 'h1', b: null }))];
    expect(verdictText('000100', ONPE, vs)).toBe(
      'ronderos: coincide con el archivo de onpe. sergiocorreia: la verificación cruzada no respondió ahora.',
    );
  });
});
