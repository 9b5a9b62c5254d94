// A user's jurisdiction from the CLI: Freedonia (test/fixtures/xf) copied out of the repository,
// its folder given with --jurisdictions (or $CIFRA_JURISDICTIONS), then ingested, tabulated,
// allotted seats and published. The expected figures are the fixture README's, worked by hand.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getCandidates } from '../src/results/service.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { cli, tempDir } from './helpers.js';
import { XF_DIR, XF_ELECTION } from './xf-fixture.js';

/** A fresh copy of the fixture (manifest, ruleset, actas, jurisdictions/xf) in a temp dir. */
function copyFixture(): { dir: string; jurisdictions: string; manifest: string; actas: string } {
  const dir = join(tempDir('cifra-cli-jur-'), 'xf');
  cpSync(XF_DIR, dir, { recursive: true });
  return {
    dir,
    jurisdictions: join(dir, 'jurisdictions'),
    manifest: join(dir, 'xf-2026.json'),
    actas: join(dir, 'actas.csv'),
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)],
  );
}

const codes = (err: string): string[] => [...err.matchAll(/error (\w+)/g)].map((m) => m[1] ?? '');

describe('--jurisdictions DIR: a jurisdiction outside the repository', () => {
  it('ingests, tabulates, allots seats and publishes Freedonia; the store remembers the folder', async () => {
    const f = copyFixture();
    const db = join(f.dir, 'xf.db');
    const flags = ['--election', f.manifest, '--db', db, '--no-progress'];
    // without the folder, the manifest's jurisdiction is unknown, and nothing is stored
    const bare = await cli('ingest', f.actas, ...flags);
    expect([bare.code, codes(bare.err)]).toEqual([1, ['unknown_jurisdiction']]);
    const check = await cli(
      'ingest',
      f.actas,
      ...flags,
      '--check',
      '--jurisdictions',
      f.jurisdictions,
    );
    expect(check.code).toBe(0); // six clean actas: the check passes
    const r = await cli('ingest', f.actas, ...flags, '--jurisdictions', f.jurisdictions);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain(`import #1 into ${XF_ELECTION}`);

    // later commands read the stored election: no flag needed
    const nat = await cli('results', '--db', db, '--format', 'json');
    expect(nat.code).toBe(0);
    const unit = (
      JSON.parse(nat.out) as {
        units: {
          code: string;
          choices: { votes: number }[];
          valid: number;
          blank: number;
          null: number;
          emitted: number;
          eligible: number;
        }[];
      }
    ).units[0];
    if (unit === undefined) throw new Error('no national unit');
    expect(unit.code).toBe('XF');
    expect(unit.choices.map((v) => v.votes)).toEqual([8000, 6400, 3300, 930]);
    expect([unit.valid, unit.blank, unit.null, unit.emitted, unit.eligible]).toEqual([
      18630, 60, 30, 18720, 24720,
    ]);
    const regions = await cli('results', '--db', db, '--level', 'region', '--format', 'csv');
    const [head, ...rows] = regions.out.split('\n').map((l) => l.split(','));
    // a choice's column is headed by its code, then its name in brackets (results CSV)
    const col = (name: string): number =>
      (head ?? []).findIndex((h) => h === name || h.startsWith(`${name} (`));
    // each region's votes A, B, C, D: the sums of its two municipalities' actas
    expect(
      rows.map((r) => [r[col('name')], ...['A', 'B', 'C', 'D'].map((c) => r[col(`${c}_votes`)])]),
    ).toEqual([
      ['Norte', '5000', '3000', '1500', '50'],
      ['Centro', '2000', '2500', '1000', '30'],
      ['Sur', '1000', '900', '800', '850'],
    ]);

    const seats = await cli('seats', '--election', XF_ELECTION, '--db', db, '--format', 'json');
    expect(seats.code).toBe(0);
    const s = JSON.parse(seats.out) as {
      result: {
        seats: Record<string, number>;
        districts: { district: string; seats: Record<string, number> }[];
        excluded: { party: string }[];
      };
    };
    expect(s.result.seats).toEqual({ 'Partido A': 5, 'Partido B': 4, 'Partido C': 1 });
    expect(s.result.districts.map((d) => [d.district, d.seats])).toEqual([
      ['Norte', { 'Partido A': 3, 'Partido B': 1 }],
      ['Centro', { 'Partido A': 1, 'Partido B': 2 }],
      ['Sur', { 'Partido A': 1, 'Partido B': 1, 'Partido C': 1 }],
    ]);
    expect(s.result.excluded.map((e) => e.party)).toEqual(['Partido D']); // 930 / 18,630 < 5 %

    const out = join(f.dir, 'site');
    const pub = await cli('publish', '--db', db, '--out', out);
    expect(pub.code).toBe(0);
    const places = JSON.parse(
      readFileSync(join(out, 'api/v1/elections', XF_ELECTION, 'places.json'), 'utf8'),
    ) as { jurisdiction: { id: string; national: string } };
    expect([places.jurisdiction.id, places.jurisdiction.national]).toEqual(['xf', 'XF']);
    const national = JSON.parse(
      readFileSync(join(out, 'api/v1/elections', XF_ELECTION, 'results/national.json'), 'utf8'),
    ) as { units: { choices: { votes: number }[] }[] };
    expect(national.units[0]?.choices.map((v) => v.votes)).toEqual([8000, 6400, 3300, 930]);
    // the folder's path (stored for the election) reaches no published file
    const leaks = filesUnder(out).filter((p) => readFileSync(p, 'utf8').includes(f.dir));
    expect(leaks.map((p) => relative(out, p))).toEqual([]);
  });

  it('cifra compare reads a manifest whose jurisdiction is in DIR', async () => {
    const f = copyFixture();
    const args = ['compare', f.actas, f.actas, '--election', f.manifest, '--format', 'json'];
    const bare = await cli(...args);
    expect([bare.code, codes(bare.err)]).toEqual([1, ['unknown_jurisdiction']]);
    const r = await cli(...args, '--jurisdictions', f.jurisdictions);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ mesas: { compared: 6, agree: 6, disagree: 0 } });
  });

  describe('$CIFRA_JURISDICTIONS', () => {
    afterEach(() => {
      delete process.env['CIFRA_JURISDICTIONS'];
    });

    it('stands for the flag', async () => {
      const f = copyFixture();
      process.env['CIFRA_JURISDICTIONS'] = f.jurisdictions;
      const r = await cli('ingest', f.actas, '--election', f.manifest, '--check', '--no-progress');
      expect([r.code, r.out]).toEqual([0, expect.stringContaining(`against ${XF_ELECTION}`)]);
      const list = await cli('jurisdictions');
      expect(list.out).toMatch(/│ xf +│ Freedonia +│ national, region, municipality, mesa/);
    });
  });

  it("cifra jurisdictions xf warns that without `locale` its figures read as Peru's", async () => {
    // Freedonia states no locale: a Spanish page would write 3,400 and 38.680 % unasked (review s36)
    const f = copyFixture();
    const args = ['jurisdictions', 'xf', '--jurisdictions', f.jurisdictions];
    const en = await cli(...args);
    expect(en.code).toBe(0);
    expect(en.out).toContain('xf: Freedonia / Freedonia');
    expect(en.err).toBe(
      "warning: no `locale` in xf's jurisdiction.json: its figures are written as Peru's (es-PE: 12,345 and 80.484 %) by the CLI and on Spanish pages, as en-US on English ones; set `locale` (e.g. es-ES: 12.345 and 80,484 %) if Freedonia writes them otherwise",
    );
    const es = await cli(...args, '--lang', 'es');
    expect(es.code).toBe(0);
    expect(es.err).toBe(
      'advertencia: el jurisdiction.json de xf no tiene `locale`: sus cifras se escriben como las del Perú (es-PE: 12,345 y 80.484 %) en la CLI y en las páginas en castellano, y como en-US en las inglesas; indique `locale` (p. ej. es-ES: 12.345 y 80,484 %) si Freedonia las escribe de otro modo',
    );
    // stated (in a copy of its own: a jurisdiction read once is kept for the process), no word
    const g = copyFixture();
    const file = join(g.jurisdictions, 'xf', 'jurisdiction.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...json, locale: 'es-ES' }));
    const stated = await cli('jurisdictions', 'xf', '--jurisdictions', g.jurisdictions);
    expect(stated).toEqual({ code: 0, out: en.out, err: '' });
  });

  it("a folder with a bundled jurisdiction's id is jurisdiction_shadowed, never used", async () => {
    const f = copyFixture();
    // the user's own "pe": the fixture's file under that id, named by the manifest
    cpSync(join(f.jurisdictions, 'xf'), join(f.jurisdictions, 'pe'), { recursive: true });
    const file = JSON.parse(readFileSync(join(f.jurisdictions, 'pe', 'jurisdiction.json'), 'utf8'));
    writeFileSync(
      join(f.jurisdictions, 'pe', 'jurisdiction.json'),
      JSON.stringify({ ...file, id: 'pe' }),
    );
    const m = JSON.parse(readFileSync(f.manifest, 'utf8'));
    writeFileSync(f.manifest, JSON.stringify({ ...m, jurisdiction: 'pe' }));
    const args = ['--election', f.manifest, '--jurisdictions', f.jurisdictions, '--no-progress'];
    const r = await cli('ingest', f.actas, ...args, '--check');
    expect([r.code, codes(r.err)]).toEqual([1, ['jurisdiction_shadowed']]);
    const list = await cli('jurisdictions', '--jurisdictions', f.jurisdictions);
    expect([list.code, codes(list.err)]).toEqual([1, ['jurisdiction_shadowed']]);
    const one = await cli('jurisdictions', 'pe', '--jurisdictions', f.jurisdictions);
    expect([one.code, codes(one.err)]).toEqual([1, ['jurisdiction_shadowed']]);
  });

  it('a missing or invalid jurisdiction.json is a coded error, and nothing is stored', async () => {
    const f = copyFixture();
    const db = join(f.dir, 'bad.db');
    const args = ['--election', f.manifest, '--jurisdictions', f.jurisdictions];
    const file = join(f.jurisdictions, 'xf', 'jurisdiction.json');
    const text = readFileSync(file, 'utf8');

    writeFileSync(file, '{ "format": "cifra-jurisdiction/1", ');
    const notJson = await cli('ingest', f.actas, ...args, '--db', db, '--no-progress');
    expect([notJson.code, codes(notJson.err)]).toEqual([1, ['jurisdiction_invalid']]);
    expect(notJson.err).toContain('not_json');

    writeFileSync(
      file,
      text.replace('"electoralDistricts": "region"', '"electoralDistricts": "canton"'),
    );
    const badField = await cli('ingest', f.actas, ...args, '--db', db, '--no-progress');
    expect(badField.code).toBe(1);
    expect(codes(badField.err)).toContain('jurisdiction_invalid');
    const checked = await cli('jurisdictions', 'xf', '--jurisdictions', f.jurisdictions);
    expect(checked.code).toBe(1);
    expect(codes(checked.err)).toContain('jurisdiction_invalid');

    rmSync(file);
    const missing = await cli('ingest', f.actas, ...args, '--db', db, '--no-progress');
    expect([missing.code, codes(missing.err)]).toEqual([1, ['jurisdiction_invalid']]);
    expect(missing.err).toContain('no_file');

    rmSync(join(f.jurisdictions, 'xf'), { recursive: true });
    mkdirSync(join(f.jurisdictions, 'yy'));
    const unknown = await cli('ingest', f.actas, ...args, '--db', db, '--no-progress');
    expect([unknown.code, codes(unknown.err)]).toEqual([1, ['unknown_jurisdiction']]);
    expect(readdirSync(f.dir)).not.toContain('bad.db'); // a refused ingest leaves no store
  });
});

describe("a user jurisdiction's party-colors.json and its --jurisdictions folder", () => {
  const colors = (parties: readonly unknown[], jurisdiction = 'xf'): string =>
    JSON.stringify({ format: 'cifra-party-colors/1', jurisdiction, parties });

  it("colours the folder's parties as the bundled table does (by party or alias)", async () => {
    const f = copyFixture();
    writeFileSync(
      join(f.jurisdictions, 'xf', 'party-colors.json'),
      colors([
        { party: 'Partido A', color: '#12345A', source: 'test' },
        { party: 'Otro nombre', aliases: ['partido b'], color: '#abcdef', source: 'test' },
      ]),
    );
    const db = join(f.dir, 'xf.db');
    const args = ['--election', f.manifest, '--jurisdictions', f.jurisdictions, '--db', db];
    const r = await cli('ingest', f.actas, ...args, '--no-progress');
    expect([r.code, r.err]).toEqual([0, '']);
    const store = new SqliteStore(db);
    try {
      const c = await getCandidates(store, XF_ELECTION);
      if (!c.ok) throw new Error(JSON.stringify(c.issues));
      expect(c.value.choices.slice(0, 2).map((x) => x.color)).toEqual(['#12345a', '#abcdef']);
    } finally {
      await store.close();
    }
  });

  it('a bad one is party_colors_invalid at its field, and nothing is stored', async () => {
    const f = copyFixture();
    const file = join(f.jurisdictions, 'xf', 'party-colors.json');
    writeFileSync(file, colors([{ party: 'Partido A', color: 'red', source: 'test' }]));
    const one = await cli('jurisdictions', 'xf', '--jurisdictions', f.jurisdictions);
    expect([one.code, codes(one.err)]).toEqual([1, ['party_colors_invalid']]);
    expect(one.err).toMatch(/^error party_colors_invalid at parties\.0\.color: /);
    const es = await cli('jurisdictions', 'xf', '--jurisdictions', f.jurisdictions, '--lang', 'es');
    expect(es.err).toContain(
      'error party_colors_invalid en parties.0.color: el party-colors.json de la jurisdicción no cumple',
    );
    const db = join(f.dir, 'bad.db');
    const args = ['--election', f.manifest, '--jurisdictions', f.jurisdictions, '--db', db];
    const r = await cli('ingest', f.actas, ...args, '--no-progress');
    expect([r.code, codes(r.err)]).toEqual([1, ['party_colors_invalid']]);
    writeFileSync(file, colors([], 'pe'));
    const other = await cli('jurisdictions', 'xf', '--jurisdictions', f.jurisdictions);
    expect([other.code, codes(other.err)]).toEqual([1, ['party_colors_invalid']]);
    writeFileSync(file, '{');
    const notJson = await cli('jurisdictions', '--jurisdictions', f.jurisdictions);
    expect([notJson.code, codes(notJson.err)]).toEqual([1, ['party_colors_invalid']]);
    expect(readdirSync(f.dir)).not.toContain('bad.db');
  });

  it('a --jurisdictions DIR that is missing or a file is jurisdictions_folder_invalid', async () => {
    const f = copyFixture();
    const missing = join(f.dir, 'no-such-folder');
    for (const dir of [missing, f.actas]) {
      const list = await cli('jurisdictions', '--jurisdictions', dir);
      expect([list.code, codes(list.err)]).toEqual([1, ['jurisdictions_folder_invalid']]);
      expect(list.err).toContain(dir === missing ? '"reason":"missing"' : '"not_a_folder"');
      const one = await cli('jurisdictions', 'xf', '--jurisdictions', dir);
      expect([one.code, codes(one.err)]).toEqual([1, ['jurisdictions_folder_invalid']]);
      const db = join(f.dir, 'none.db');
      const args = ['--election', f.manifest, '--jurisdictions', dir, '--db', db];
      const r = await cli('ingest', f.actas, ...args, '--no-progress');
      expect([r.code, codes(r.err)]).toEqual([1, ['jurisdictions_folder_invalid']]);
      const seats = await cli(
        'seats',
        ...['--election', 'pe-2021-congreso', '--jurisdictions', dir, '--db', db],
      );
      expect([seats.code, codes(seats.err)]).toEqual([1, ['jurisdictions_folder_invalid']]);
    }
    const es = await cli('jurisdictions', '--jurisdictions', missing, '--lang', 'es');
    expect(es.err).toMatch(
      /^error jurisdictions_folder_invalid en jurisdictions: la carpeta de --jurisdictions \(o \$CIFRA_JURISDICTIONS\) no existe o no es una carpeta \{/,
    );
    const en = await cli('jurisdictions', '--jurisdictions', missing);
    expect(en.err).toMatch(
      /^error jurisdictions_folder_invalid at jurisdictions: the --jurisdictions folder \(or \$CIFRA_JURISDICTIONS\) does not exist or is not a folder \{/,
    );
  });
});

describe('cifra ingest --check fails when rows would be quarantined', () => {
  it('exits 1 with the count and the first codes; the same file imported exits 0', async () => {
    const f = copyFixture();
    const lines = readFileSync(f.actas, 'utf8').trimEnd().split('\n');
    // row 2: its votes sum past its voters; row 3: a municipality outside the place table
    lines[2] = (lines[2] ?? '').replace(',2000,1200,', ',2500,1200,');
    lines[3] = (lines[3] ?? '').replace(',0201,', ',0209,');
    writeFileSync(f.actas, `${lines.join('\n')}\n`);
    const db = join(f.dir, 'q.db');
    const args = ['--election', f.manifest, '--jurisdictions', f.jurisdictions, '--no-progress'];
    for (const output of ['table', 'json']) {
      const r = await cli('ingest', f.actas, ...args, '--check', '--db', db, '--output', output);
      expect(r.code, output).toBe(1);
      expect(r.err.split('\n').at(-1), output).toMatch(
        /^check failed: 2 rows would be quarantined \(sheet_sum_mismatch, unknown_ubigeo\): nothing was stored$/,
      );
    }
    const table = await cli('ingest', f.actas, ...args, '--check', '--db', db);
    expect(table.out).toMatch(/row 3 \(mesa 00003\): unknown_ubigeo/);
    const imported = await cli('ingest', f.actas, ...args, '--db', db);
    expect([imported.code, imported.out]).toEqual([
      0,
      expect.stringContaining('cifra quarantine 1'),
    ]);
  });
});
