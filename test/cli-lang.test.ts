// `--lang es` gives every command that prints a table its headers in Spanish, through the one
// dictionary of src/cli/format.ts; without it the headers stay English (the default of `cifra
// seats`). One case per command, each on the data the README's examples use.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataPath, PROJECT_ROOT } from '../src/io/paths.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { cli, fixtureManifest, tempDir, writeRunoffMesas } from './helpers.js';

const dir = tempDir('cifra-cli-lang-');
const published = join(dir, 'published.db');
const counted = join(dir, 'counted.db');
const mesas = join(dir, 'runoff-40.csv');
const SNAPSHOT = join(PROJECT_ROOT, 'test/fixtures/projection/runoff-2026-06-10-snapshot.csv');

beforeAll(async () => {
  const store = new SqliteStore(published);
  await store.migrate();
  for (const id of ['pe-2026-presidencial', 'pe-2021-congreso'])
    expect((await putPublishedElection(store, id)).ok).toBe(true);
  await store.close();
  writeRunoffMesas(mesas);
  const election = fixtureManifest('pe-2021-presidencial-segunda');
  const r = await cli('ingest', mesas, '--db', counted, '--election', election, '--no-progress');
  expect(r.code, r.err).toBe(0);
}, 120_000);

/** The command's table in Spanish has `es` and not `en`; in English (the default), the reverse. */
async function headers(args: readonly string[], es: readonly string[], en: readonly string[]) {
  const spanish = await cli(...args, '--lang', 'es');
  expect(spanish.code, spanish.err).toBe(0);
  const english = await cli(...args);
  expect(english.code, english.err).toBe(0);
  for (const h of es) expect(spanish.out).toContain(h);
  // a header cell: the text alone between the table's borders
  const cell = (h: string): RegExp =>
    new RegExp(`│ ${h.replace(/[.*+?^${}()|[\]\\%]/g, '\\$&')} +│`);
  for (const h of en) {
    expect(english.out).toMatch(cell(h));
    expect(spanish.out).not.toMatch(cell(h));
  }
}

describe('--lang es: table headers in Spanish', () => {
  it('results', () =>
    headers(
      ['results', '--db', published, '--election', 'pe-2026-presidencial'],
      ['candidato / lista', 'votos', '% válidos'],
      ['candidate / list', 'votes', '% valid'],
    ));

  it('results of a count', () =>
    headers(
      ['results', '--db', counted, '--level', 'department'],
      ['candidato / lista', 'partido', '% emitidos'],
      ['candidate / list', 'party', '% emitted'],
    ));

  it('elections and imports', async () => {
    await headers(['elections', '--db', published], ['elección', 'opciones'], ['election']);
    await headers(
      ['imports', '--db', counted],
      ['archivo', 'nuevas', 'en cuarentena', 'terminada'],
      ['file', 'new', 'quarantined', 'finished'],
    );
  });

  it('ingest (its summary), checked again', () =>
    headers(
      ['ingest', mesas, '--db', join(dir, 'check.db'), '--check', '--no-progress'],
      ['filas leídas', 'actas válidas', 'en cuarentena'],
      ['rows read', 'valid actas', 'quarantined'],
    ));

  it('acta', async () => {
    const line = readFileSync(mesas, 'utf8').split('\n')[1] ?? '';
    const mesa = (line.split(',')[5] ?? '').replaceAll('"', '');
    await headers(['acta', mesa, '--db', counted], ['versión', 'estado'], ['version', 'state']);
  });

  it('project', () =>
    headers(
      ['project', '--snapshot', SNAPSHOT, '--rules', 'pe-2026-presidencial-segunda'],
      ['opción', '% mediana', 'votos (mediana)'],
      ['choice', 'median %', 'votes (median)'],
    ));

  it('apportion', () =>
    headers(
      [
        'apportion',
        '--rules',
        'pe-2026-diputados',
        '--electorate',
        dataPath('peru/2026/electorate_2026_by_circunscripcion.csv'),
      ],
      ['circunscripción', 'electores', 'escaños', 'vigente'],
      ['district', 'electorate', 'seats', 'in force'],
    ));

  it('winner', () =>
    headers(
      [
        'winner',
        '--rules',
        'pe-erm-gobernador',
        '--votes',
        'examples/erm/gobernador-cusco-2022.csv',
      ],
      ['candidato', 'votos', '% válidos'],
      ['candidate', 'votes', '% valid'],
    ));

  it('contests', () =>
    headers(
      ['contests', 'pe-erm-2022', '--seed', '2022'],
      ['organizaciones', 'cargos', 'gobernadores', 'alcaldes'],
      ['organisations', 'offices', 'governors', 'mayors'],
    ));

  it("contests: the governors' lines too", async () => {
    // 2026 at 97.6 % with no acta counts per region: every governor only leads (review 20 L10;
    // Apurímac, no runoff and no winner settled, read "TIE (reported)" before)
    const es = await cli('contests', 'pe-erm-2026', '--lang', 'es');
    expect(es.code, es.err).toBe(0);
    expect(es.out).toContain('APURÍMAC: lidera AHORA NACIÓN - AN, sin decidir');
    expect(es.out).not.toMatch(/: runoff |TIE \(reported\)|EMPATE|leads, not decided/);
    const en = await cli('contests', 'pe-erm-2026');
    expect(en.out).toContain('APURÍMAC: AHORA NACIÓN - AN leads, not decided');
    // 2022: a decided runoff pair, in each language
    const es22 = await cli('contests', 'pe-erm-2022', '--lang', 'es', '--kind', 'governor');
    expect(es22.out).toContain('CUSCO: segunda vuelta ');
    expect(es22.out).not.toMatch(/: runoff /);
  });

  it('seats', () =>
    headers(
      ['seats', '--db', published, '--election', 'pe-2021-congreso'],
      ['partido', 'escaños'],
      ['party', 'seats'],
    ));
});

/** The command's lines in Spanish have `es` and none of `en`; in English (the default), `en`. */
async function lines(args: readonly string[], es: readonly string[], en: readonly string[]) {
  const spanish = await cli(...args, '--lang', 'es');
  expect(spanish.code, spanish.err).toBe(0);
  const english = await cli(...args);
  expect(english.code, english.err).toBe(0);
  for (const t of es) expect(spanish.out).toContain(t);
  for (const t of en) {
    expect(english.out).toContain(t);
    expect(spanish.out).not.toContain(t);
  }
}

describe('--lang es: the lines commands print, in Spanish', () => {
  it('rules: the list, and one ruleset with its options described in both languages', async () => {
    await headers(['rules'], ['tipo', 'uninominal', 'Perú 2026 — Senado'], ['kind', 'label']);
    await lines(
      ['rules', 'pe-2026-senado'],
      [
        'versión 2026 · jurisdicción pe',
        // a count's noun in its number, not "(es)" (session 29)
        '60 escaños en 28 circunscripciones; método dhondt, uninominal mayoría simple',
        '(por defecto next-quotient): Una lista que gana más escaños que candidatos tiene',
      ],
      [
        'version 2026 · jurisdiction pe',
        '60 seats in 28 districts; method dhondt, single-seat plurality',
        '(default next-quotient): A list that wins more seats than it has candidates',
      ],
    );
    await lines(
      ['rules', 'pe-2021-presidencial'],
      ['primera vuelta: > 1/2 de los votos válidos'],
      ['first round: > 1/2 of valid votes'],
    );
  });

  it('jurisdictions: the list and one jurisdiction', async () => {
    await headers(['jurisdictions'], ['nombre', 'niveles', 'Perú'], ['label', 'levels']);
    await lines(
      ['jurisdictions', 'pe'],
      ['lugares: ubigeo', 'en la tabla', 'circunscripciones: circunscripcion', 'su tabla'],
      ['places: ubigeo', 'in the table', 'electoral districts: circunscripcion', 'its table'],
    );
  });

  it('export: the line it prints', async () => {
    const out = join(dir, 'export.csv');
    await lines(
      ['export', '--db', counted, '--level', 'department', '--out', out],
      // one department in the fixture: its noun singular (session 28)
      ['escrito', ': 1 unidad de nivel department de'],
      ['wrote 1 department unit of'],
    );
  });

  it('ingest: the file line and the check line', () =>
    lines(
      ['ingest', mesas, '--db', join(dir, 'check-lines.db'), '--check', '--no-progress'],
      ['revisado', 'no se guardó nada', 'formato onpe-mesa'],
      ['checked', 'nothing was stored', 'format onpe-mesa'],
    ));

  it('apportion: where the electorate comes from', () =>
    lines(
      ['apportion', '--rules', 'pe-2026-diputados'],
      ['electores: incluidos', '  fuente: ', '  estado: '],
      ['electorate: bundled', '  source: ', '  status: '],
    ));

  it('seats: the total, the valla column and its reasons', () => {
    const votes = join(dir, 'andean.csv');
    writeFileSync(
      votes,
      'district,party,votes\nNACIONAL,PL,400\nNACIONAL,FP,300\nNACIONAL,RP,200\nNACIONAL,XX,20\n',
    );
    return lines(
      [
        'seats',
        '--rules',
        'pe-2021-parlamento-andino',
        '--votes',
        votes,
        '--option',
        'threshold=5-percent',
      ],
      ['pe-2021-parlamento-andino — 5 escaños', '│ valla ', '│ pasa ', 'excluida: < 5'],
      // the column in English is the threshold (it said "valla" in English too)
      ['pe-2021-parlamento-andino — 5 seats', '│ threshold ', '│ passed ', 'excluded: < 5'],
    );
  });

  it("seats: a valla met in any district names the list's best district as such", () =>
    lines(
      [
        'seats',
        '--rules',
        'ch-zh-gemeinderat-2018',
        '--votes',
        dataPath('switzerland/zurich-gemeinderat-2018/votes.csv'),
      ],
      ['(9,140 / 188,608 en su mejor circunscripción, Kreis 9)'],
      // review s30: "(9,140 / 188,608 in Kreis 9)" read as if only Kreis 9 counted
      ['(9,140 / 188,608 in its best district, Kreis 9)'],
    ));

  it('demo: sections, tables and outcomes', async () => {
    await lines(
      ['demo'],
      [
        '=== Perú 2021 — segunda vuelta (JNE, proclamación) ===',
        'gana la segunda vuelta',
        '│ candidato',
        // the 2026 first round at 96 %: leaders, no runoff pair stated (review s27 M7)
        'NO está decidido: quién pasa a la segunda vuelta sigue abierto',
        // ONPE's `conteo` and `advancePct`: % of actas contabilizadas (data/peru/2026/PROVENANCE.md)
        'primeros con el 96.16 % de actas contabilizadas (según lo publica ONPE):',
        'primero con el 96.918 % de actas contabilizadas (según lo publica ONPE):',
        'todas las demás listas juntas',
      ],
      [
        '=== Peru 2021 — runoff (JNE, proclamation) ===',
        'wins the runoff',
        '│ candidate ',
        'NOT settled: who goes to the runoff is open while votes remain',
        'leading at 96.16 % of actas counted (contabilizadas, as ONPE publishes it):',
        'leader at 96.918 % of actas counted (contabilizadas, as ONPE publishes it):',
        'all other lists together',
      ],
    );
  });
});
