// `cifra results` of a partial file of an election with a universe (the bundled 2021 runoff): its
// electors were printed as "eligible … (all mesas)", but they are the actas loaded so far. The
// results document now carries the universe's electors (extent2), and the line says so;
// a complete count keeps "all mesas" (every expected acta is in).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderResults } from '../src/cli/commands/actas.js';
import { dataPath } from '../src/io/paths.js';
import { getResults } from '../src/results/service.js';
import { openStore } from '../src/store/open.js';
import { cli, tempDir } from './helpers.js';

const R2 = dataPath(
  'peru/2021/presidential_r2/onpe_resultados_por_mesa_presidencial_2021_2da_vuelta.csv.gz',
);
const dir = tempDir('cifra-cli-universe-');
const db = join(dir, 'amazonas.db');

beforeAll(async () => {
  // Amazonas only (ubigeo 01…): 1,105 of the runoff's 86,488 actas
  const [header, ...rows] = gunzipSync(readFileSync(R2)).toString('utf8').split('\n');
  const file = join(dir, 'amazonas.csv');
  writeFileSync(file, [header, ...rows.filter((l) => l.startsWith('"01'))].join('\n') + '\n');
  const r = await cli(
    'ingest',
    file,
    '--db',
    db,
    '--election',
    'pe-2021-presidencial-segunda',
    '--no-progress',
  );
  expect(r.code, r.err).toBe(0);
}, 60_000);

describe('cifra results, a partial count of an election with a universe', () => {
  it('does not call the electors of the actas loaded "all mesas", in either language', async () => {
    const en = await cli('results', '--db', db);
    expect(en.code, en.err).toBe(0);
    expect(en.out).toContain('provisional');
    const totals = en.out.split('\n').at(-1);
    expect(totals).not.toContain('(all mesas)');
    // the universe's electors (extent2: eligible over the universe at every level), said as such
    expect(totals).toMatch(
      /· eligible 25,287,954 \(every mesa the universe expects\) · participation [\d.]+ % \(emitted \/ [\d,]+ eligible at the mesas processed\)$/,
    );
    const es = (await cli('results', '--db', db, '--lang', 'es')).out.split('\n').at(-1);
    expect(es).not.toContain('(todas las mesas)');
    expect(es).toContain('(todas las mesas que el universo espera) · participación');
    // a department with no acta loaded yet, listed with the universe's figures: the same line
    const loreto = await cli('results', '--db', db, '--level', 'department', '--code', '16');
    expect(loreto.out.split('\n').at(-1)).toContain('(every mesa the universe expects)');
    // nobody leads a unit with no votes (it named ballot position 1 at 0.000 %: review 5)
    const all = await cli('results', '--db', db, '--level', 'department');
    const row = all.out.split('\n').find((l) => /^│ 16 /.test(l)) ?? '';
    expect(row).toContain('│ —');
    expect(row).not.toContain('CASTILLO');
    expect(all.out.split('\n').find((l) => /^│ 01 /.test(l))).toMatch(/CASTILLO|FUJIMORI/);
  });

  it('a complete count (final status) of the same election keeps "all mesas"', async () => {
    const store = await openStore(db);
    try {
      const r = await getResults(store, 'pe-2021-presidencial-segunda', 'national');
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      const partial = renderResults(r.value, 'table', { universe: true });
      expect(partial).not.toContain('(all mesas)');
      // the status a complete count carries (every expected acta in): the render's only switch
      const complete = { ...r.value, status: { ...r.value.status, kind: 'final' as const } };
      const eligible = r.value.units[0]?.eligible;
      if (eligible === null || eligible === undefined) throw new Error('no eligible');
      const line = renderResults(complete, 'table', { universe: true }).split('\n').at(-1);
      expect(line).toContain(`eligible ${eligible.toLocaleString('en-US')} (all mesas)`);
      // without a universe the store is the whole count: "all mesas" while provisional too
      expect(renderResults(r.value, 'table')).toContain('(all mesas)');
    } finally {
      await store.close();
    }
  });
});
