// `cifra compare --db`: what a store holds checked against a file (or another store) by the one
// comparison algorithm, with the file comparison's output and exit codes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CompareSchema } from '../src/api/schemas.js';
import { cli, fixtureManifest, tempDir, writeRunoffMesas } from './helpers.js';

const dir = tempDir('cifra-compare-store-');
const mesas = join(dir, 'runoff-40.csv');
const db = join(dir, 'stored.db');
const other = join(dir, 'other.db');
const changed = join(dir, 'runoff-40-changed.csv');
const election = fixtureManifest('pe-2021-presidencial-segunda');

beforeAll(async () => {
  writeRunoffMesas(mesas);
  // the same mesas, the first one with one vote moved from P1 to P2
  const [head, first, ...rest] = readFileSync(mesas, 'utf8').trimEnd().split('\n');
  const cells = (first as string).split(',');
  const columns = (head as string).split(',');
  const [p1, p2] = ['"VOTOS_P1"', '"VOTOS_P2"'].map((c) => columns.indexOf(c)) as [number, number];
  expect([p1, p2]).toEqual([10, 11]);
  cells[p1] = String(Number(cells[p1]) - 1);
  cells[p2] = String(Number(cells[p2]) + 1);
  writeFileSync(changed, [head, cells.join(','), ...rest].join('\n') + '\n');
  for (const [store, file] of [
    [db, mesas],
    [other, changed],
  ] as const) {
    const r = await cli('ingest', file, '--db', store, '--election', election, '--no-progress');
    expect(r.code, r.err).toBe(0);
  }
}, 120_000);

const json = async (...args: string[]) => {
  const r = await cli('compare', ...args, '--format', 'json');
  expect(r.code, r.err).toBe(0);
  return CompareSchema.parse(JSON.parse(r.out));
};

describe('cifra compare --db', () => {
  it("compares the store's current actas (A) with a file (B): all agree with the file ingested", async () => {
    const r = await json('--db', db, mesas, '--election', election);
    expect(r.a).toMatchObject({ format: 'store', file: db, actas: 40, sha256: '' });
    expect(r.a.revision).toMatch(/\S/);
    expect(r.b).toMatchObject({ format: 'onpe-mesa', actas: 40 });
    expect(r.mesas).toMatchObject({ compared: 40, both: 40, agree: 40, disagree: 0 });
  });

  it('finds the changed mesa, with its net effect A − B, as the file comparison does', async () => {
    const stored = await json('--db', db, changed, '--election', election);
    const files = await json(mesas, changed, '--election', election);
    expect(stored.mesas.disagree).toBe(1);
    expect(stored.net.slice(0, 2).map((n) => n.total)).toEqual([1, -1]);
    // the one algorithm: the same comparison as the two files', but for the sources' summaries
    const sidesOff = (r: typeof stored) => ({ ...r, a: null, b: null });
    expect(sidesOff(stored)).toEqual(sidesOff(files));
  });

  it('two stores (--db and --db-b), and the store as B (a file and --db-b)', async () => {
    const two = await json('--db', db, '--db-b', other, '--election', election);
    expect([two.a.format, two.b.format, two.mesas.disagree]).toEqual(['store', 'store', 1]);
    expect(two.net.slice(0, 2).map((n) => n.total)).toEqual([1, -1]);
    // the store's only election is the one compared when none is named
    const asB = await json(changed, '--db-b', db);
    expect([asB.a.format, asB.b.format]).toEqual(['onpe-mesa', 'store']);
    expect(asB.net.slice(0, 2).map((n) => n.total)).toEqual([-1, 1]);
  });

  it("a disagreeing figure is named in the run's language (voters: votantes), not its field", async () => {
    // the first mesa with 1,000 more voters (N_CVAS) than the stored one
    const [head, first, ...rest] = readFileSync(mesas, 'utf8').trimEnd().split('\n');
    const cells = (first as string).split(',');
    cells[8] = String(Number(cells[8]) + 1000);
    const voters = join(dir, 'runoff-40-voters.csv');
    writeFileSync(voters, [head, cells.join(','), ...rest].join('\n') + '\n');
    const es = await cli('compare', mesas, voters, '--election', election, '--lang', 'es');
    expect(es.code, es.err).toBe(0);
    expect(es.out).toMatch(/ votantes 220 ≠ 1,220/);
    expect(es.out).not.toMatch(/ voters \d/);
    // the sum that no longer adds up is B's, said by its label (not the code sum_mismatch_b)
    expect(es.out).toMatch(/; Σ votos ≠ votantes en B \(220 ≠ 1,220\)$/m);
    const en = await cli('compare', mesas, voters, '--election', election);
    expect(en.out).toMatch(/ voters 220 ≠ 1,220/);
    expect(en.out).toMatch(/; Σ votes ≠ voters in B \(220 ≠ 1,220\)$/m);
    expect(en.out).not.toContain('sum_mismatch_b (');
  });

  it("names a store side and a mesa only one side has in the run's language; csv keeps the codes", async () => {
    // the stored mesas but the first: that mesa is only in A (missing_in_b)
    const [head, first, ...rest] = readFileSync(mesas, 'utf8').trimEnd().split('\n');
    const mesa = (first as string).split(',')[5]?.replaceAll('"', '') as string;
    const fewer = join(dir, 'runoff-39.csv');
    writeFileSync(fewer, [head, ...rest].join('\n') + '\n');
    const en = await cli('compare', '--db', db, fewer, '--election', election);
    expect(en.code, en.err).toBe(0);
    expect(en.out).toMatch(new RegExp(`^A: store · ${db} · 40 actas`, 'm'));
    expect(en.out).toMatch(new RegExp(`^  ${mesa} .*only in A$`, 'm'));
    const es = await cli('compare', '--db', db, fewer, '--election', election, '--lang', 'es');
    expect(es.code, es.err).toBe(0);
    expect(es.out).toMatch(new RegExp(`^A: almacén · ${db} · 40 actas`, 'm'));
    expect(es.out).toMatch(new RegExp(`^  ${mesa} .*solo en A$`, 'm'));
    expect(es.out).not.toMatch(/· store ·|only in/);
    // B as the store: the mesa is only in B (missing_in_a)
    const asB = await cli('compare', fewer, '--db-b', db, '--lang', 'es');
    expect(asB.out).toMatch(new RegExp(`^  ${mesa} .*solo en B$`, 'm'));
    // machine output keeps the codes whatever the language
    const csv = await cli(
      'compare',
      '--db',
      db,
      fewer,
      '--election',
      election,
      '--format',
      'csv',
      '--lang',
      'es',
    );
    expect(csv.out.split('\n')[1]).toMatch(new RegExp(`^${mesa},missing_in_b,missing_in_b,`));
    const j = await json('--db', db, fewer, '--election', election, '--lang', 'es');
    expect(j.a.format).toBe('store');
    expect(j.disagreements[0]?.primary).toBe('missing_in_b');
  });

  it("the reason column and each mesa's tag say the reason in the run's words; csv and json the code", async () => {
    // against the stored mesas: the first with a vote moved (count_differs), the second left out
    // (missing_in_b), the third with 1,000 more voters (count_differs, then sum_mismatch_b)
    const [head, first, second, third, ...rest] = readFileSync(changed, 'utf8')
      .trimEnd()
      .split('\n');
    const mesaOf = (line: string | undefined) =>
      (line as string).split(',')[5]?.replaceAll('"', '') as string;
    const cells = (third as string).split(',');
    cells[8] = String(Number(cells[8]) + 1000);
    const three = join(dir, 'runoff-three-reasons.csv');
    writeFileSync(three, [head, first, cells.join(','), ...rest].join('\n') + '\n');
    const [moved, left, more] = [first, second, third].map(mesaOf);
    const run = (...extra: string[]) =>
      cli('compare', '--db', db, three, '--election', election, ...extra);
    /** The first table's rows, every reason in order: its words, its mesas, those it is primary for. */
    const rows = (out: string) =>
      [...out.slice(0, out.indexOf('└')).matchAll(/^│ (.+?) +│ (\d+) +│ (\d+) +│/gm)].map(
        (m) => `${m[1]}: ${m[2]}, ${m[3]}`,
      );

    const en = await run();
    expect(en.code, en.err).toBe(0);
    expect(rows(en.out)).toEqual([
      'only in B: 0, 0',
      'only in A: 1, 1',
      'its row in A could not be read: 0, 0',
      'its row in B could not be read: 0, 0',
      'its rows in A and in B could not be read: 0, 0',
      'state differs: 0, 0',
      'a figure differs: 2, 2',
      'a figure missing in one source: 0, 0',
      'place differs: 0, 0',
      'Σ votes ≠ voters in A: 0, 0',
      'Σ votes ≠ voters in B: 1, 0',
    ]);
    expect(en.out).toMatch(new RegExp(`^  ${moved}  \\[a figure differs\\]  P1 `, 'm'));
    expect(en.out).toMatch(new RegExp(`^  ${left}  \\[only in A\\]  only in A$`, 'm'));
    expect(en.out).toMatch(new RegExp(`^  ${more}  \\[a figure differs\\]  voters `, 'm'));
    expect(en.out).not.toMatch(/missing_in|unreadable_in|count_differs|sum_mismatch|state_differs/);

    const es = await run('--lang', 'es');
    expect(es.code, es.err).toBe(0);
    expect(rows(es.out)).toEqual([
      'solo en B: 0, 0',
      'solo en A: 1, 1',
      'su fila en A no se pudo leer: 0, 0',
      'su fila en B no se pudo leer: 0, 0',
      'sus filas en A y en B no se pudieron leer: 0, 0',
      'estado distinto: 0, 0',
      'cifra distinta: 2, 2',
      'cifra ausente en una fuente: 0, 0',
      'lugar distinto: 0, 0',
      'Σ votos ≠ votantes en A: 0, 0',
      'Σ votos ≠ votantes en B: 1, 0',
    ]);
    expect(es.out).toMatch(new RegExp(`^  ${moved}  \\[cifra distinta\\]  P1 `, 'm'));
    expect(es.out).toMatch(new RegExp(`^  ${left}  \\[solo en A\\]  solo en A$`, 'm'));
    expect(es.out).toMatch(new RegExp(`^  ${more}  \\[cifra distinta\\]  votantes `, 'm'));
    expect(es.out).not.toMatch(/missing_in|unreadable_in|count_differs|sum_mismatch|state_differs/);

    // machine output keeps the codes whatever the language
    const csv = await run('--format', 'csv', '--lang', 'es');
    expect(csv.code, csv.err).toBe(0);
    const primaries = new Map(
      csv.out
        .split('\n')
        .slice(1)
        .map((l) => l.split(',').slice(0, 3) as [string, string, string])
        .map(([m, p, r]) => [m, `${p} ${r}`]),
    );
    expect(primaries).toEqual(
      new Map([
        [moved, 'count_differs count_differs'],
        [left, 'missing_in_b missing_in_b'],
        [more, 'count_differs count_differs;sum_mismatch_b'],
      ]),
    );
    const j = await json('--db', db, three, '--election', election, '--lang', 'es');
    expect(j.reasons.filter((x) => x.mesas > 0).map((x) => x.reason)).toEqual([
      'missing_in_b',
      'count_differs',
      'sum_mismatch_b',
    ]);
  });

  it('the table names the store and its revision; exit codes are those of the file comparison', async () => {
    const t = await cli('compare', '--db', db, changed, '--election', election);
    expect(t.code, t.err).toBe(0);
    // a store side has no source id: none is printed, not a "-" (review s30)
    expect(t.out).toMatch(new RegExp(`^A: store · ${db} · 40 actas · revision \\S+`, 'm'));

    expect(t.out).toContain('1 disagree');
    const missing = await cli('compare', '--db', join(dir, 'none.db'), mesas);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('store_not_found');
    expect(missing.err).toContain('store_not_found at db:');
    // the missing store is B's: the error names --db-b, not --db (review s30)
    const missingB = await cli('compare', '--db', db, '--db-b', join(dir, 'none.db'));
    expect(missingB.code).toBe(1);
    expect(missingB.err).toContain('store_not_found at db-b:');
    const one = await cli('compare', '--db', db);
    expect(one.code).toBe(2);
    expect(one.err).toContain('compare takes two sources');
    const three = await cli('compare', '--db', db, mesas, changed);
    expect(three.code).toBe(2);
    const unknown = await cli('compare', '--db', db, mesas, '--election', 'no-such-election');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('unknown_election');
  });
});
