import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../scripts/lib/reliability.js';
import { buildApi } from '../src/api/server.js';
import { bundledElection } from '../src/elections/manifests.js';
import { openStore } from '../src/store/open.js';
import { dataPath } from '../src/io/paths.js';
import { cli, fixtureManifest, tempDir } from './helpers.js';
import { ONPE_COLUMNS } from './helpers.js';

/** The first round as these fixtures' election: their few mesas are its whole count (no universe). */
const election = ['--election', fixtureManifest('pe-2021-presidencial')];

const dir = tempDir('cifra-cli-actas-');
const db = join(dir, 'cifra.db');
const header = ONPE_COLUMNS.join(',');
const line = (
  mesa: string,
  ubigeo: string,
  state: string,
  p1: number,
  p16: number,
  blank: number,
  nul: number,
  eligible = 300,
) =>
  [
    ubigeo,
    'DEP',
    'PROV',
    'DIST',
    'PRESIDENCIAL',
    mesa,
    state,
    '',
    state === 'SIN INSTALAR' || state === 'PENDIENTE' ? '' : String(p1 + p16 + blank + nul),
    String(eligible),
    ...(state === 'SIN INSTALAR' || state === 'PENDIENTE'
      ? Array(18).fill('')
      : [String(p1), ...Array(14).fill(''), String(p16), '', '']),
    state === 'SIN INSTALAR' || state === 'PENDIENTE' ? '' : String(blank),
    state === 'SIN INSTALAR' || state === 'PENDIENTE' ? '' : String(nul),
    '',
  ].join(',');

/** A GET of the API on the same database. */
async function viaApi(url: string): Promise<{ json: () => unknown; body: string }> {
  const store = openStore(db);
  const app = await buildApi({ store, tokenHash: null });
  try {
    const r = await app.inject({ url });
    expect(r.statusCode).toBe(200);
    return { json: () => r.json(), body: r.body };
  } finally {
    await app.close();
    await store.close();
  }
}

describe('cifra ingest / results / acta / export', () => {
  beforeAll(() => {
    writeFileSync(
      join(dir, 'night-1.csv'),
      [
        header,
        line('000001', '010101', 'CONTABILIZADA', 40, 50, 5, 5),
        line('000002', '140137', 'PENDIENTE', 0, 0, 0, 0),
        line('000003', '921001', 'SIN INSTALAR', 0, 0, 0, 0, 250),
        line('000004', '010101', 'CONTABILIZADA', 10, 10, 0, 1),
      ].join('\n') + '\n',
    );
    writeFileSync(
      join(dir, 'night-2.csv'),
      [
        header,
        line('000002', '140137', 'CONTABILIZADA', 100, 20, 10, 0),
        line('000004', '010101', 'CONTABILIZADA', 10, 10, 0, 3),
      ].join('\n') + '\n',
    );
    writeFileSync(
      join(dir, 'jee.csv'),
      [header, line('000004', '010101', 'COMPUTADA RESUELTA', 10, 12, 0, 1)].join('\n') + '\n',
    );
  });

  it('--check validates a file and stores nothing: no import, no acta, no quarantine', async () => {
    const checkDb = join(dir, 'check.db');
    writeFileSync(
      join(dir, 'mixed.csv'),
      [
        header,
        line('000001', '010101', 'CONTABILIZADA', 40, 50, 5, 5),
        line('000009', '010101', 'CONTABILIZADA', 40, 50, 5, 5).replace(',100,300,', ',101,300,'),
        line('000010', '999999', 'CONTABILIZADA', 1, 1, 0, 0),
      ].join('\n') + '\n',
    );
    const r = await cli(
      'ingest',
      join(dir, 'mixed.csv'),
      '--check',
      '--db',
      checkDb,
      '--output',
      'json',
      '--no-progress',
    );
    // a check with quarantined rows fails (a script sees it); stdout stays the JSON report
    expect(r.code).toBe(1);
    expect(r.err.split('\n').at(-1)).toBe(
      'check failed: 2 rows would be quarantined (sheet_sum_mismatch, unknown_ubigeo): nothing was stored',
    );
    expect(existsSync(checkDb)).toBe(false); // no store was created for it
    expect(JSON.parse(r.out)).toMatchObject({
      checked: true,
      importId: null,
      rowsRead: 3,
      valid: 1,
      quarantined: 2,
      quarantinedByCode: { sheet_sum_mismatch: 1, unknown_ubigeo: 1 },
    });
    // nor do the reading commands create one after it: there is no store to read
    expect((await cli('imports', '--db', checkDb)).err).toContain('store_not_found');
    expect((await cli('acta', '000001', '--db', checkDb)).code).toBe(1);
    expect(existsSync(checkDb)).toBe(false);
  });

  it('names the quarantined rows: a check by row, mesa and code; an import keeps their raw cells for `cifra quarantine`', async () => {
    const qDb = join(dir, 'quarantine.db');
    const file = join(dir, 'mixed-q.csv');
    writeFileSync(
      file,
      [
        header,
        line('000001', '010101', 'CONTABILIZADA', 40, 50, 5, 5),
        line('000009', '010101', 'CONTABILIZADA', 40, 50, 5, 5).replace(',100,300,', ',101,300,'),
        line('000010', '999999', 'CONTABILIZADA', 1, 1, 0, 0),
      ].join('\n') + '\n',
    );
    const check = await cli('ingest', file, '--check', '--db', qDb, '--no-progress');
    expect(check.code).toBe(1);
    expect(check.err).toContain('check failed: 2 rows would be quarantined');
    expect(check.out).toContain('row 2 (mesa 000009): sheet_sum_mismatch');
    expect(check.out).toContain('row 3 (mesa 000010): unknown_ubigeo');
    const json = JSON.parse(
      (await cli('ingest', file, '--check', '--output', 'json', '--no-progress')).out,
    ) as { quarantinedRows: { row: number; mesa: string; issues: { code: string }[] }[] };
    expect(json.quarantinedRows.map((q) => [q.row, q.mesa, q.issues.map((i) => i.code)])).toEqual([
      [2, '000009', ['sheet_sum_mismatch']],
      [3, '000010', ['unknown_ubigeo']],
    ]);
    const imported = await cli('ingest', file, '--db', qDb, '--no-progress');
    expect(imported.code).toBe(0); // an import that quarantined rows stored the rest: it succeeded
    expect(imported.out).toContain('cifra quarantine 1');
    const q = await cli('quarantine', '1', '--db', qDb);
    expect(q.code).toBe(0);
    expect(q.out).toContain('2 quarantined rows');
    expect(q.out).toMatch(/row 3 · mesa 000010\n {2}error unknown_ubigeo/);
    expect(q.out).toContain('"UBIGEO":"999999"');
    const qj = JSON.parse((await cli('quarantine', '1', '--db', qDb, '--format', 'json')).out) as {
      rows: { row: number; raw: Record<string, string> }[];
    };
    expect(qj.rows.map((r) => [r.row, r.raw['MESA_DE_VOTACION']])).toEqual([
      [2, '000009'],
      [3, '000010'],
    ]);
    const none = await cli('quarantine', '7', '--db', qDb);
    expect([none.code, none.err]).toEqual([1, expect.stringContaining('import_not_found')]);
  });

  it('an ingest refused before anything is stored leaves no new --db file behind', async () => {
    const none = join(dir, 'refused.db');
    const bad = join(dir, 'not-actas.csv');
    writeFileSync(bad, 'a,b\n1,2\n');
    const r = await cli(
      'ingest',
      bad,
      '--db',
      none,
      '--election',
      'pe-2021-presidencial',
      '--no-progress',
    );
    expect(r.code).toBe(1);
    expect([existsSync(none), existsSync(`${none}-wal`)]).toEqual([false, false]);
    // an existing store is never removed, whatever the outcome
    const kept = join(dir, 'kept.db');
    expect(
      (await cli('ingest', join(dir, 'night-1.csv'), '--db', kept, '--no-progress')).code,
    ).toBe(0);
    expect(
      (await cli('ingest', bad, '--db', kept, '--election', 'pe-2021-presidencial')).code,
    ).toBe(1);
    expect(existsSync(kept)).toBe(true);
  });

  it('ingests, prints a summary with the SHA-256, and says so when the file is imported again', async () => {
    const r = await cli(
      'ingest',
      join(dir, 'night-1.csv'),
      '--db',
      db,
      ...election,
      '--no-progress',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/sha256 [0-9a-f]{64}/);
    expect(r.out).toContain('4 ');
    const again = await cli('ingest', join(dir, 'night-1.csv'), '--db', db, ...election);
    expect(again.out).toContain('already imported');
  });

  it('shows progress that does not lie: pending actas and the eligible voters still to come', async () => {
    const r = await cli('results', '--db', db, '--format', 'json');
    const u = (
      JSON.parse(r.out) as {
        units: {
          valid: number;
          eligibleRemaining: number;
          actas: { pending: number; notInstalled: number; pctProcessed: string };
        }[];
      }
    ).units[0];
    expect(u).toMatchObject({
      valid: 110,
      eligibleRemaining: 300,
      actas: { pending: 1, notInstalled: 1, pctProcessed: '75.000' },
    });
  });

  it('says the base of eligible voters and of participation, in both languages', async () => {
    // night-1: electors 300 + 300 (pending) + 250 (not installed) + 300 = 1,150 at every mesa;
    // processed (counted or not installed) 850; emitted 100 + 21 = 121; 121 / 850 = 14.235 %
    const en = (await cli('results', '--db', db)).out.split('\n');
    expect(en.at(-1)).toBe(
      'valid 110 · blank 5 (4.132 %) · null 6 (4.959 %) · impugned 0 · emitted 121 · eligible 1,150 (all mesas) · participation 14.235 % (emitted / 850 eligible at the mesas processed)',
    );
    const es = (await cli('results', '--db', db, '--lang', 'es')).out.split('\n');
    expect(es.at(-1)).toBe(
      'válidos 110 · en blanco 5 (4.132 %) · nulos 6 (4.959 %) · impugnados 0 · emitidos 121 · electores hábiles 1,150 (todas las mesas) · participación 14.235 % (emitidos / 850 electores hábiles de las mesas procesadas)',
    );
    // the API's figures behind the line: eligible of every mesa, participation's base apart
    const api = (await viaApi('/api/v1/results?level=national')).json() as {
      units: { eligible: number; eligibleProcessed: number; participation: string }[];
    };
    expect(api.units[0]).toMatchObject({
      eligible: 1150,
      eligibleProcessed: 850,
      participation: '14.235',
    });
  });

  it('a later file completes a pending acta and flags a conflicting one without applying it', async () => {
    const r = await cli(
      'ingest',
      join(dir, 'night-2.csv'),
      '--db',
      db,
      ...election,
      '--no-progress',
      '--output',
      'json',
    );
    expect(JSON.parse(r.out)).toMatchObject({
      stateChanges: 1,
      conflicts: 1,
      conflictMesas: ['000004'],
    });
    const acta = await cli('acta', '4', '--db', db, '--format', 'json');
    const j = JSON.parse(acta.out) as {
      current: { null: number; conflict: boolean };
      history: { kind: string; current: boolean }[];
    };
    expect(j.current).toMatchObject({ null: 1, conflict: true });
    expect(j.history.map((h) => [h.kind, h.current])).toEqual([
      ['new', true],
      ['conflict', false],
    ]);
  });

  it('a JEE correction becomes current and the acta shows its whole history', async () => {
    const r = await cli(
      'ingest',
      join(dir, 'jee.csv'),
      '--db',
      db,
      ...election,
      '--correction',
      '--no-progress',
      '--output',
      'json',
    );
    expect(JSON.parse(r.out)).toMatchObject({ corrected: 1 });
    const acta = await cli('acta', '000004', '--db', db);
    expect(acta.out).toContain('COMPUTADA RESUELTA');
    expect(acta.out).toMatch(/correction/);
    const res = await cli(
      'results',
      '--db',
      db,
      '--level',
      'district',
      '--code',
      '010101',
      '--format',
      'json',
    );
    const u = (JSON.parse(res.out) as { units: { choices: { id: string; votes: number }[] }[] })
      .units[0];
    expect(u?.choices.find((c) => c.id === 'P16')?.votes).toBe(62);
  });

  it('results at every level, CSV export, and the import log', async () => {
    for (const level of [
      'national',
      'ambito',
      'department',
      'province',
      'district',
      'circunscripcion',
      'mesa',
    ]) {
      const r = await cli('results', '--db', db, '--level', level, '--format', 'csv');
      expect(r.code).toBe(0);
      expect(r.out.split('\n')[0]).toContain('level,code,name,valid');
    }
    const out = join(dir, 'districts.csv');
    const e = await cli(
      'export',
      '--db',
      db,
      '--level',
      'district',
      '--format',
      'csv',
      '--out',
      out,
    );
    expect(e.code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n').filter(Boolean)).toHaveLength(1 + 3);
    const log = await cli('imports', '--db', db);
    expect(log.out).toContain('night-2.csv');
    expect((await cli('elections', '--db', db)).out).toContain('pe-2021-presidencial');
  });

  it('results --level mesa --code 2 is mesa 000002, as the API reads it: the same document', async () => {
    const r = await cli(
      'results',
      '--db',
      db,
      '--level',
      'mesa',
      '--code',
      '2',
      '--format',
      'json',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const api = await viaApi('/api/v1/results?level=mesa&code=2');
    expect(api.json()).toMatchObject({ units: [{ code: '000002' }] });
    expect(JSON.parse(r.out)).toEqual(api.json());
  });

  it('acta and export give what the API gives for the same request', async () => {
    const acta = await cli('acta', '4', '--db', db, '--format', 'json');
    expect(JSON.parse(acta.out)).toEqual((await viaApi('/api/v1/actas/4')).json());
    const out = join(dir, 'provinces.csv');
    expect((await cli('export', '--db', db, '--level', 'province', '--out', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(
      (await viaApi('/api/v1/results?level=province&format=csv')).body,
    );
  });

  it('coded errors: unknown acta, election or level, rejected file (exit 1)', async () => {
    expect((await cli('acta', '999999', '--db', db)).err).toContain('acta_not_found');
    expect((await cli('results', '--db', db, '--election', 'nope')).err).toContain(
      'unknown_election',
    );
    // a level is the election's jurisdiction's: any other is a coded issue naming the allowed ones
    for (const extra of [['results'], ['export', '--out', join(dir, 'x.csv')]]) {
      const planet = await cli(...extra, '--db', db, '--level', 'planet');
      expect(planet.code).toBe(1);
      expect(planet.err).toContain('unknown_level');
      expect(planet.err).toContain('"allowed":["national","ambito","department"');
    }
    expect((await cli('imports', '--db', db, '--election', 'nope')).err).toContain(
      'unknown_election',
    );
    // an empty store (it exists: a file that does not is store_not_found, cli-store-not-found)
    const emptyStore = openStore(join(dir, 'empty.db'));
    await emptyStore.migrate();
    await emptyStore.close();
    const empty = await cli('results', '--db', join(dir, 'empty.db'));
    expect(empty.code).toBe(1);
    expect(empty.err).toContain('unknown_election');
    expect(empty.err).toContain('the store is empty: ingest a file first');
    // two elections and none named: which one is not guessed, the ids are listed and a hint given
    const two = openStore(join(dir, 'two.db'));
    await two.migrate();
    for (const id of ['pe-2021-presidencial', 'pe-2021-presidencial-segunda']) {
      const e = bundledElection(id);
      if (!e) throw new Error(id);
      await two.putElection(e);
    }
    await two.close();
    const several = await cli('results', '--db', join(dir, 'two.db'));
    expect(several.code).toBe(1);
    expect(several.err).toContain(
      'election_required at election: the store holds several elections: name one {"known":["pe-2021-presidencial","pe-2021-presidencial-segunda"]}',
    );
    expect(several.err).toContain('several elections in the store: give --election <id>');
    // review 4: a file that is not there was "no known election has these columns", and a
    // manifest path that is not there "no such election in the store"
    const gone = join(dir, 'nowhere.csv');
    for (const extra of [[], ['--check'], ['--election', 'pe-2021-presidencial']]) {
      const missing = await cli('ingest', gone, '--db', db, '--no-progress', ...extra);
      expect(missing.code).toBe(1);
      expect(missing.err).toContain('file_unreadable at file');
      expect(missing.err).toContain('"reason":"ENOENT"');
      expect(missing.err).not.toContain('unknown_election');
    }
    writeFileSync(join(dir, 'header.csv'), 'hello\n');
    const manifest = await cli(
      'ingest',
      join(dir, 'header.csv'),
      '--db',
      db,
      '--election',
      join(dir, 'nowhere.json'),
    );
    expect(manifest.code).toBe(1);
    expect(manifest.err).toContain('file_unreadable at election');
    expect(manifest.err).not.toContain('unknown_election');
    writeFileSync(join(dir, 'bad.csv'), 'hello\nworld\n');
    // no election named and none fits the columns: say which columns and how to declare one
    const unknown = await cli('ingest', join(dir, 'bad.csv'), '--db', db, '--no-progress');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('unknown_election');
    expect(unknown.err).toContain('"columns":["hello"]');
    // no election was named: not "no such election in the store" (review s30)
    expect(unknown.err).toContain(
      'unknown_election at election: no election was named, and none fits the file',
    );
    expect(unknown.err).not.toContain('no such election in the store');
    const es = await cli(
      'ingest',
      join(dir, 'bad.csv'),
      '--db',
      db,
      '--no-progress',
      '--lang',
      'es',
    );
    expect(es.err).toContain('no se indicó una elección y ninguna corresponde al archivo');
    expect(unknown.err).toContain('declare one in a manifest (docs/elections.md)');
    const bad = await cli(
      'ingest',
      join(dir, 'bad.csv'),
      '--db',
      db,
      '--election',
      'pe-2021-presidencial',
      '--no-progress',
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('columns_missing');
    expect(bad.err).toContain('nothing was stored');
  });

  it('unknown_party_column names the columns the election lacks (here S, a choice the manifest no longer has), beside the header', async () => {
    const file = join(dir, 'extra-choice.csv');
    writeFileSync(
      file,
      'mesa,ubigeo,state,eligible,voters,blank,null,impugned,P1,P2,S\n000001,010101,C,300,200,0,0,0,100,90,10\n',
    );
    const r = await cli(
      ...['ingest', file, '--db', join(dir, 'extra.db'), '--no-progress'],
      ...['--election', 'pe-2021-presidencial-segunda'],
    );
    expect(r.code).toBe(1);
    const line = r.err.split('\n').find((l) => l.startsWith('error unknown_party_column'));
    const details = JSON.parse(/\{.*\}$/.exec(line ?? '')?.[0] ?? '{}') as Record<string, unknown>;
    expect(details['columns']).toEqual(['S']);
    expect(details['header']).toEqual(
      'mesa,ubigeo,state,eligible,voters,blank,null,impugned,P1,P2,S'.split(','),
    );
  });

  it('end to end on the real ONPE file: Castillo 2,724,752 nationally', async () => {
    const realDb = join(dir, 'real.db');
    const r = await cli(
      'ingest',
      dataPath(
        'peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
      ),
      '--db',
      realDb,
      '--no-progress',
    );
    expect(r.code).toBe(0);
    const res = await cli('results', '--db', realDb);
    expect(res.out).toContain('2,724,752');
    expect(res.out).toContain('18.921');
  });

  it('stops quietly when its reader closes the pipe early (cifra … | head): exit 0, no stack', async () => {
    const bin = await buildCli();
    const child = spawn(process.execPath, [
      bin,
      'results',
      '--level',
      'district',
      '--db',
      join(dir, 'real.db'),
    ]);
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    // the real file's 2,086-district table (written by the test above) is far more than a pipe
    // holds: read one chunk of it, then hang up, as `head -1` does
    child.stdout.once('data', () => child.stdout.destroy());
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(err).not.toMatch(/EPIPE|at /);
    expect(code).toBe(0);
  });
});
