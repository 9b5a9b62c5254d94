// A mesa's figures by its acta's state, at the mesa level: every unit says its acta's state
// (`mesaState`) and whether its votes are counted for the choices (`votesCounted`), so a client never
// infers why `choices` is empty. A mesa not installed has no vote at all (every figure null, not
// 0); an annulled acta's votes count for no choice (LOE art. 363), its voters kept as the null
// votes ONPE books them as; at the JEE, no figures yet. API in-process (query and path), CSV and
// `cifra results`/`cifra acta` in en and es. The national and department sums are pinned as the
// tabulation gives them. Failed on the old code: the annulled and not-installed mesas listed
// every choice at 0 votes with valid 0, and no unit carried mesaState or votesCounted.
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { PATHS } from '../src/api/paths.js';
import { renderActa } from '../src/cli/commands/actas.js';
import { useTableLanguage } from '../src/cli/format.js';
import { NIGHT, NO_FIGURES, useMesaNight } from './mesa-night.js';

/**
 * In Amazonas (01): a counted mesa, an annulled one as ONPE books it (every voter a null vote), a
 * mesa not installed as ONPE's open data gives it (zeros), one at the JEE with figures; in Lima
 * (15) a counted one.
 */
const ROWS = [
  { mesa: '000001', ubigeo: '010101', state: 'counted', fp: 60, jp: 40, blank: 3, nul: 2 },
  { mesa: '000002', ubigeo: '010101', state: 'annulled', fp: 0, jp: 0, blank: 0, nul: 90 },
  { mesa: '000003', ubigeo: '010101', state: 'not_installed', fp: 0, jp: 0, blank: 0, nul: 0 },
  { mesa: '000004', ubigeo: '010101', state: 'jee', fp: 10, jp: 10, blank: 0, nul: 0 },
  { mesa: '000005', ubigeo: '150101', state: 'counted', fp: 20, jp: 70, blank: 0, nul: 1 },
] as const;

const { night, results } = useMesaNight(ROWS);

/** A mesa's unit, read by query and by the static site's path: the same either way. */
const mesa = async (code: string) => {
  const [byQuery, byPath] = await Promise.all([
    results(`/api/v1/results?election=night&level=mesa&code=${code}`),
    results(PATHS.unit('night', 'mesa', code)),
  ]);
  expect(byPath.units).toEqual(byQuery.units);
  expect(byQuery.units).toHaveLength(1);
  return byQuery.units[0];
};

describe('a mesa at the mesa level says its state and whether its votes count', () => {
  it('counted: every choice with its votes, mesaState counted, votesCounted true', async () => {
    const u = await mesa('000001');
    expect(u).toMatchObject({ mesaState: 'counted', votesCounted: true, valid: 100, emitted: 105 });
    expect(u?.choices.map((c) => [c.id, c.votes])).toEqual([
      ['FP', 60],
      ['JP', 40],
    ]);
  });

  it('not installed: no vote at all, every figure null, not 0', async () => {
    const u = await mesa('000003');
    expect(u).toMatchObject({
      ...NO_FIGURES,
      mesaState: 'not_installed',
      votesCounted: false,
      eligible: 300,
    });
    expect(u?.actas).toMatchObject({ total: 1, notInstalled: 1 });
  });

  it('annulled: no choice gets its votes, its voters kept as the null votes the totals hold', async () => {
    const u = await mesa('000002');
    expect(u).toMatchObject({
      mesaState: 'annulled',
      votesCounted: false,
      choices: [],
      valid: null,
      blank: null,
      impugned: null,
      blankPctEmitted: null,
      null: 90,
      emitted: 90,
      nullPctEmitted: '100.000',
      participation: '30.000',
    });
  });

  it('at the JEE: no figures yet, even those the acta carries', async () => {
    const u = await mesa('000004');
    expect(u).toMatchObject({ ...NO_FIGURES, mesaState: 'jee', votesCounted: false });
  });

  it('only the mesa level carries mesaState and votesCounted', async () => {
    const n = (await results('/api/v1/results?election=night&level=national')).units[0];
    expect(n).not.toHaveProperty('mesaState');
    expect(n).not.toHaveProperty('votesCounted');
  });

  it('national and department sums are as the tabulation gives them', async () => {
    const n = (await results('/api/v1/results?election=night&level=national')).units[0];
    // counted 000001 and 000005, the annulled 000002's 90 voters as null votes
    expect(n).toMatchObject({ valid: 190, blank: 3, null: 93, impugned: 0, emitted: 286 });
    expect(n?.choices.map((c) => c.votes)).toEqual([80, 110]);
    expect(n?.actas).toMatchObject({
      total: 5,
      counted: 2,
      annulled: 1,
      notInstalled: 1,
      jee: 1,
      processed: 4,
    });
    const deps = (await results('/api/v1/results?election=night&level=department')).units;
    expect(deps.map((u) => [u.code, u.valid, u.blank, u.null, u.emitted])).toEqual([
      ['01', 100, 3, 92, 195],
      ['15', 90, 0, 1, 91],
    ]);
  });
});

describe('the CSV and the CLI at the mesa level', () => {
  it("the CSV's acta_state column says why a row's cells are empty", async () => {
    const r = await night('results', '--level', 'mesa', '--format', 'csv');
    expect(r.code, r.err).toBe(0);
    const [header, ...rows] = parse(r.out) as string[][];
    const col = (name: string): number => header?.findIndex((h) => h.startsWith(name)) ?? -1;
    const state = col('acta_state');
    const fp = col('FP_votes');
    expect(state).toBeGreaterThan(fp);
    expect(rows.map((x) => [x[1], x[3], x[5], x[fp], x[state]])).toEqual([
      ['000001', '100', '2', '60', 'counted'],
      ['000002', '', '90', '', 'annulled'],
      ['000003', '', '', '', 'not_installed'],
      ['000004', '', '', '', 'jee'],
      ['000005', '90', '1', '20', 'counted'],
    ]);
    // other levels keep their columns
    const dep = await night('results', '--level', 'department', '--format', 'csv');
    expect(dep.out).not.toContain('acta_state');
  });

  for (const [lang, annulled, notInstalled, jee] of [
    [
      'en',
      "annulled acta: its votes count for no choice (a mesa's vote annulled, LOE art. 363); its 90 voters are booked as null votes",
      'mesa not installed: nobody voted here, so there are no votes (not zeros)',
      'not counted yet: no figures (at the JEE)',
    ],
    [
      'es',
      'acta anulada: sus votos no cuentan para ninguna opción (votación de mesa anulada, LOE art. 363); sus 90 votantes se registran como votos nulos',
      'mesa no instalada: aquí nadie votó, así que no hay votos (no son ceros)',
      'aún sin contar: sin cifras (en el JEE)',
    ],
  ] as const)
    it(`cifra results and cifra acta say each state in words, no table of zeros (${lang})`, async () => {
      const run = (...a: string[]) => night(...a, '--lang', lang);
      for (const [code, words] of [
        ['000002', annulled],
        ['000003', notInstalled],
        ['000004', jee],
      ] as const) {
        const r = await run('results', '--level', 'mesa', '--code', code);
        expect(r.code, r.err).toBe(0);
        expect(r.out).toContain(words);
        expect(r.out).not.toContain('KEIKO FUJIMORI');
      }
      // the acta itself: the annulled one's zeros and the uninstalled one's are no count
      for (const [code, words] of [
        ['000002', annulled],
        ['000003', notInstalled],
      ] as const) {
        const r = await run('acta', code);
        expect(r.code, r.err).toBe(0);
        expect(r.out).toContain(words);
        expect(r.out).not.toContain('KEIKO FUJIMORI');
      }
    });
});

describe('an annulled acta that carries list votes (a source other than ONPE)', () => {
  afterEach(() => useTableLanguage('en'));

  it('cifra acta shows them as not counted, never as the count (en and es)', () => {
    for (const [lang, head] of [
      ['en', 'votes (not counted)'],
      ['es', 'votos (no contados)'],
    ] as const) {
      useTableLanguage(lang);
      const text = renderActa(
        {
          election: 'night',
          mesa: '000009',
          place: null,
          current: {
            election: 'night',
            mesa: '000009',
            ubigeo: '010101',
            state: 'annulled',
            stateLabel: 'ANULADA',
            counts: true,
            eligible: 300,
            voters: 100,
            votes: [60, 40],
            blank: 0,
            null: 0,
            impugned: 0,
            version: 1,
            conflict: false,
            warnings: [],
          },
          history: [],
          quarantined: [],
        },
        NIGHT,
      );
      expect(text, lang).toContain(head);
      expect(text, lang).toContain('LOE art. 363');
      expect(text, lang).toMatch(/KEIKO FUJIMORI\s*│\s*60/);
    }
  });
});
