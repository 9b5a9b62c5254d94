// `--lang es` reaches every line a command prints, errors and hints included (a new user's review
// found the results status line, the unit line and several errors in English). Each command family
// runs in Spanish on small inputs; no English sentence may remain, apart from data: ids, codes,
// JSON details of issues, labels and file names.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DISCLAIMER } from '../src/results/projection.js';
import { openStore } from '../src/store/open.js';
import { cli, fixtureManifest, tempDir, writeRunoffMesas } from './helpers.js';

const dir = tempDir('cifra-cli-sentences-');
const counted = join(dir, 'counted.db');
const mesas = join(dir, 'runoff-40.csv');
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

beforeAll(async () => {
  writeRunoffMesas(mesas);
  const election = fixtureManifest('pe-2021-presidencial-segunda');
  const r = await cli('ingest', mesas, '--db', counted, '--election', election, '--no-progress');
  expect(r.code, r.err).toBe(0);
}, 120_000);

/**
 * Words of English sentences that Spanish ones never use (whole words: `unknown_election`, a code,
 * does not match `election`). Each is a word the English lines of results, ingest, seats and the
 * issue messages used before they followed --lang.
 */
const ENGLISH =
  /\b(the|of|is|are|was|with|from|into|give|several|nothing|stored|processed|pending|source|cut|valid|blank|emitted|eligible|impugned|participation|seats|votes|simulations|seed|wrote|reading|cannot|breaks|rejected|empty|computed|such|unknown|option|argument|missing|required|command|must|whole|got|allowed|choices|invalid|too|many|expected|mean|files|replaying|done|verified|entries|loading|loaded|updated|disabled|visible|listen|snapshots|steps)\b/i;

/**
 * The text of a run that is cifra's wording: an issue line keeps its message only (its code, path
 * and JSON details are data), paths are names, and the projection's disclaimer is bilingual on
 * purpose.
 */
function wording(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/^(error|advertencia) [a-z_]+( en \S+)?: (.*?)( \{.*\})?$/, '$3'))
    .map((l) => l.replace(DISCLAIMER, ''))
    .map((l) => l.replace(/\S*\/\S*|--[a-z-]+|cifra [a-z]+/g, '')) // paths, flags, commands
    .filter((l) => l.trim() !== '');
}

/** Runs a command with `--lang es`; every line of its output and its errors is Spanish. */
async function spanish(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await cli(...args, '--lang', 'es');
  const english = [...wording(r.out), ...wording(r.err)].filter((l) => ENGLISH.test(l));
  expect({ args, english }).toEqual({ args, english: [] });
  return r;
}

describe('--lang es: no English sentence in any command family', () => {
  it('the marker words catch the English lines (the check can fail)', () => {
    for (const l of [
      'final · 100.000 % of actas · cut 2021-06 · source ONPE',
      'AMAZONAS: actas 40 / 40 processed (100.000 %); at the JEE 0; pending 0',
      'the file was rejected as a whole: nothing was stored',
      'error ruleset_invalid at kind: the ruleset file breaks the format',
      "error: unknown option '--bogus'",
      '--seed must be a whole number below 10^9, got "x"',
    ])
      expect(
        wording(l).some((w) => ENGLISH.test(w)),
        l,
      ).toBe(true);
  });

  it('results: the status line, the unit line and the totals, exactly', async () => {
    const r = await spanish('results', '--db', counted, '--level', 'department', '--code', '01');
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split('\n');
    // a count of actas: its % is of the actas processed, as its status says (pctOf, session 29)
    expect(lines[1]).toBe(
      'final · 100.000 % de actas procesadas · corte 2021-06 · fuente ONPE (datosabiertos.gob.pe), Resultados por mesa EG 2021 segunda vuelta',
    );
    expect(lines).toContain(
      'AMAZONAS: actas 40 / 40 procesadas (100.000 %); en el JEE 0; pendientes 0; electores hábiles aún por llegar 0',
    );
    expect(lines.at(-1)).toMatch(/^válidos 6,367 · en blanco 77 \(1\.132 %\) · nulos 359 /);
    // the same lines in English without --lang
    const en = await cli('results', '--db', counted, '--level', 'department', '--code', '01');
    expect(en.out).toContain('final · 100.000 % of actas processed · cut 2021-06 · source ONPE');
    expect(en.out).toContain('AMAZONAS: actas 40 / 40 processed (100.000 %); at the JEE 0;');
    // a finished count's table names who got the most votes, not a "leader" (review 21 L10)
    const all = await cli('results', '--db', counted, '--level', 'province');
    expect(all.out).toMatch(/│ code +│ name +│ most voted +│/);
    const todos = await spanish('results', '--db', counted, '--level', 'province');
    expect(todos.out).toMatch(/│ más votado +│/);
  });

  it('results of every unit, acta, elections, imports, quarantine, export, project', async () => {
    await spanish('results', '--db', counted, '--level', 'province');
    const mesa = (readFileSync(mesas, 'utf8').split('\n')[1]?.split(',')[5] ?? '').replaceAll(
      '"',
      '',
    );
    const acta = await spanish('acta', mesa, '--db', counted);
    // cifra's state in the run's language too (review 5: "estado pending"), the source's label beside it
    // the source's label left out where it is the word itself (it printed "(CONTABILIZADA)")
    expect(acta.out).toContain(' · estado contabilizada · versión 1');
    await spanish('elections', '--db', counted);
    await spanish('imports', '--db', counted);
    await spanish('quarantine', '1', '--db', counted);
    expect((await spanish('quarantine', 'x', '--db', counted)).code).toBe(2);
    await spanish('export', '--db', counted, '--level', 'department', '--out', join(dir, 'e.csv'));
    const p = await spanish('project', '--db', counted, '--sims', '100');
    expect(p.out).toContain('100 simulaciones · semilla');
    // a snapshot over the bundled universe of its rules, and one with none known (session 30)
    const snapshot = 'test/fixtures/projection/runoff-2026-06-10-snapshot.csv';
    const over = await spanish(
      'project',
      '--snapshot',
      snapshot,
      '--rules',
      'pe-2026-presidencial-segunda',
      '--sims',
      '100',
    );
    expect(over.out).toContain('universo: el de pe-2026-presidencial-segunda-2026-06-10');
    const alone = await spanish(
      'project',
      '--snapshot',
      snapshot,
      '--rules',
      'pe-2026-presidencial',
      '--sims',
      '100',
    );
    expect(alone.out).toContain('universo desconocido');
  });

  it('ingest: an import, a repeat, a rejected file, an unknown election, a file no election fits', async () => {
    const db = join(dir, 'ingest.db');
    expect((await spanish('ingest', mesas, '--db', db, '--no-progress')).code).toBe(0);
    expect((await spanish('ingest', mesas, '--db', db, '--no-progress')).out).toContain(
      'ya importado',
    );
    const extra = write(
      'extra.csv',
      'mesa,ubigeo,state,eligible,voters,blank,null,impugned,P1,P2,S\n000001,010101,C,300,200,0,0,0,100,90,10\n',
    );
    const args = ['--db', db, '--election', 'pe-2021-presidencial-segunda', '--no-progress'];
    const rejected = await spanish('ingest', extra, ...args);
    expect(rejected.code).toBe(1);
    expect(rejected.err.split('\n').at(-1)).toBe(
      'el archivo se rechazó completo: no se guardó nada',
    );
    const unknown = await spanish('ingest', mesas, '--db', db, '--election', 'nope');
    // ingest looked for a bundled election or a manifest file too, not only the store (s35)
    expect(unknown.err).toMatch(
      /^error unknown_election en election: ninguna elección incluida ni archivo de manifiesto con ese nombre \{/,
    );
    const none = await spanish('ingest', write('hello.csv', 'hello\nworld\n'), '--db', db);
    expect(none.err).toContain('ninguna elección conocida tiene estas columnas');
    await spanish('ingest', mesas, '--db', db, '--election', write('bad.json', '{}'));
  });

  it('results and project with nothing to choose: the hints', async () => {
    const store = openStore(join(dir, 'empty.db'));
    await store.migrate();
    await store.close();
    const empty = await spanish('results', '--db', join(dir, 'empty.db'));
    expect(empty.err).toContain('el registro está vacío');
    const missing = await spanish('results', '--db', join(dir, 'missing.db'));
    expect(missing.err).toContain('no hay un registro en esa ruta de --db');
    await spanish('project', '--prior-history', 'x.csv');
  });

  it('seats: a stored election, files, and its errors', async () => {
    const db = join(dir, 'seats.db');
    await spanish('seats', '--election', 'pe-2026-diputados', '--db', db);
    await spanish('seats', '--election', 'pe-2021-congreso', '--db', db);
    await spanish('seats', '--election', 'pe-2026-presidencial', '--db', db);
    await spanish('seats', '--election', 'nope', '--db', db);
    await spanish('seats', '--rules', join(dir, 'bad.json'), '--votes', mesas);
    const missing = await spanish('seats', '--rules', 'pe-2021-congreso', '--votes', 'nofile.csv');
    expect(missing.err).toContain('error file_unreadable en votes: no se puede leer el archivo');
    await spanish('seats');
  });

  it('compare, apportion, winner, contests, rules, jurisdictions', async () => {
    await spanish('compare', mesas, mesas);
    // mesas that disagree: the reason column and each mesa's tag in words, not codes (s31)
    const [head, first, , ...rest] = readFileSync(mesas, 'utf8').trimEnd().split('\n');
    const cells = (first as string).split(',');
    cells[10] = String(Number(cells[10]) + 1);
    const other = write(
      'runoff-38-changed.csv',
      [head, cells.join(','), ...rest].join('\n') + '\n',
    );
    const differ = await spanish('compare', mesas, other);
    expect(differ.out).toContain('las 2 mesas en desacuerdo');
    expect(differ.out).toMatch(/^│ solo en A +│ 1 +│ 1 +│/m);
    expect(differ.out).toMatch(/^│ Σ votos ≠ votantes en B +│ 1 +│ 0 +│/m);
    expect(differ.out).toMatch(/^ {2}\d+ {2}\[cifra distinta\] {2}P1 /m);
    expect(differ.out).not.toMatch(/missing_in|_differs|count_missing|sum_mismatch/);
    const format = await spanish('compare', mesas, mesas, '--format-b', 'nope');
    expect([format.code, format.err.split('\n').at(-1)]).toEqual([
      2,
      expect.stringMatching(/^error: --format-b: formato desconocido "nope": /),
    ]);
    await spanish('apportion', '--rules', 'pe-2026-diputados');
    await spanish(
      'winner',
      '--rules',
      'pe-erm-gobernador',
      '--votes',
      'examples/erm/gobernador-cusco-2022.csv',
    );
    await spanish('contests', 'pe-erm-2022', '--contest', 'provincial-council/999999');
    // a ruleset's sources ("  - Valla: 5 % of valid votes …") are its file's text, cited as written
    const rules = await cli('rules', 'pe-2026-senado', '--lang', 'es');
    const ownLines = rules.out.split('\n').filter((l) => !l.startsWith('  - '));
    expect(wording(ownLines.join('\n')).filter((l) => ENGLISH.test(l))).toEqual([]);
    expect(ownLines[0]).toMatch(/^pe-2026-senado: Perú 2026 — Senado /);
    expect(rules.out).not.toContain('Senate');
    await spanish('jurisdictions', 'pe');
  });

  it("commander's own errors: unknown option and command, missing or extra argument, a bad choice", async () => {
    const cases: [string[], string][] = [
      [['seats', '--bogus'], "error: opción desconocida '--bogus'"],
      [['seats', '--rul', 'x'], '(¿quiso decir --rules?)'],
      [['frobnicate'], "error: comando desconocido 'frobnicate'"],
      [['acta'], "error: falta el argumento obligatorio 'mesa'"],
      [['export'], "error: falta la opción obligatoria '--level <level>'"],
      [
        ['acta', '1', '2'],
        "error: demasiados argumentos para 'acta': se esperaban 1 y llegaron 2.",
      ],
      [
        ['results', '--format', 'xml'],
        "error: el valor 'xml' de la opción '--format <format>' no es válido; los permitidos son table, json, csv.",
      ],
      // a command's argument out of its choices (it printed commander's English, session 26)
      [
        ['schema', 'nope'],
        "error: el valor 'nope' del argumento 'kind' no es válido; los permitidos son jurisdiction, party-colors, election, contests, ruleset, columns, limits.",
      ],
    ];
    for (const [args, line] of cases) {
      const r = await spanish(...args);
      expect([r.code, r.err.split('\n')]).toEqual([2, expect.arrayContaining([line])]);
    }
    // an option's missing value: --lang before it, where commander still reads it
    const missing = await cli('seats', '--lang', 'es', '--votes');
    expect(missing.err.split('\n')[0]).toBe(
      "error: a la opción '--votes <file>' le falta su valor",
    );
    // in English, commander's wording and the help after it, as before
    const en = await cli('seats', '--bogus');
    expect(en.err).toMatch(/^error: unknown option '--bogus'\n\nUsage: cifra seats \[options\]/);
    // --help: the headings in Spanish (the descriptions are English)
    const help = await cli('audit', '--help', '--lang', 'es');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Uso: cifra audit \[options\] <action>\n/);
    expect(help.out).toContain('\nArgumentos:\n');
    expect(help.out).toContain('\nOpciones:\n');
    expect(help.out).toContain('-h, --help         muestra la ayuda del comando');
  });

  it("the option parsers' errors: --seed, --sims, --busy-timeout, --option, the ingest limits", async () => {
    const cases: [string[], string][] = [
      [
        ['project', '--seed', 'x'],
        'error: --seed debe ser un número entero menor que 10^9; se recibió "x"',
      ],
      [['project', '--sims', '0'], 'error: --sims debe ser un número entero ≥ 1; se recibió "0"'],
      [
        ['ingest', mesas, '--busy-timeout', 'y'],
        'error: --busy-timeout debe ser un número entero de milisegundos (0–99999999); se recibió "y"',
      ],
      [['seats', '--option', 'bad'], 'error: --option toma nombre=valor; se recibió "bad"'],
      [
        ['ingest', mesas, '--max-rows', '0'],
        'error: --max-rows debe ser un número entero ≥ 1; se recibió "0"',
      ],
    ];
    for (const [args, line] of cases) {
      const r = await spanish(...args);
      expect([r.code, r.err]).toEqual([2, line]);
    }
    const limits = await spanish('ingest', mesas, '--limits', join(dir, 'none.json'));
    expect(limits.err).toMatch(
      /^error: --limits \S+none\.json: no se puede leer como JSON \(ENOENT\)$/,
    );
  });

  it('serve, start, publish, audit and replay take --lang too', async () => {
    const none = join(dir, 'no-token');
    for (const command of ['serve', 'start']) {
      const r = await spanish(command, '--token-file', none, '--db', join(dir, 'serve.db'));
      expect([r.code, r.err]).toEqual([2, 'error: no se puede leer --token-file (ENOENT)']);
      const empty = await spanish(command, '--token-file', write('empty-token', ' \n'));
      expect(empty.err).toMatch(/^error: --token-file \S+ está vacío$/);
    }
    const site = await spanish('publish', '--db', counted, '--out', join(dir, 'site'));
    expect(site.code, site.err).toBe(0);
    expect(site.out).toMatch(/^instantánea \S+: \d{1,3}(,\d{3})* archivos en /);
    const audit = await spanish('audit', 'verify', '--db', counted);
    expect(audit.code, audit.err).toBe(0);
    expect(audit.out).toMatch(/^ok: 40 versiones de actas y 1 importación, cada eslabón/);
    expect(audit.out.split('\n')[1]).toMatch(/^cabeza: \d+ [0-9a-f]{64}$/);
    expect((await spanish('audit', 'bogus', '--db', counted)).err).toBe(
      'error: acción de auditoría desconocida "bogus" (se conocen: verify, head)',
    );
    await spanish('audit', 'verify', '--since', 'x', '--db', counted);
    const replay = await spanish(
      'replay',
      mesas,
      ...['--election', 'pe-2021-presidencial-segunda', '--db', join(dir, 'replay.db')],
      ...['--steps', '2', '--sims', '50'],
    );
    expect(replay.code, replay.err).toBe(0);
    const lines = replay.out.split('\n');
    expect(lines[0]).toMatch(
      /^reproduciendo \S+ en pe-2021-presidencial-segunda-replay \(urban-first, semilla 1, 2 pasos\)$/,
    );
    expect(lines[1]).toMatch(/^paso 1\/2 · [\d.]+ % procesado · .+ [\d.]+ % \[/);
    // the leader's median and interval as the projection's table writes them: 3 and 2 decimals
    // (review s30 read "[13.44–19.768]", "p=0.4245" beside "p=0.501")
    for (const line of lines.slice(1, -1))
      expect(line).toMatch(
        / \d+\.\d{3} % \[\d+\.\d{2}–\d+\.\d{2}\]( · segunda vuelta .+ p=\d\.\d{3})?$/,
      );
    // 40 of the runoff's 86,488 actas: below the calibrated floor, no pair and no p= (docs/projection.md)
    for (const line of lines.slice(1, -1)) expect(line).not.toContain('p=');
    expect(lines.at(-1)).toBe(
      'listo: pe-2021-presidencial-segunda-replay tiene 2 instantáneas con sus proyecciones (cifra serve las muestra)',
    );
  });
});
