import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compileJurisdiction, type JurisdictionFile } from '../core/model/jurisdiction.js';
import {
  listJurisdictions,
  loadJurisdiction,
  loadJurisdictionFile,
  listJurisdictionsIn,
  resolveJurisdiction,
  shownPath,
} from './load.js';
import { dataPath } from '../io/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'cifra-jurisdiction-'));
let n = 0;

/** Writes a jurisdiction file (and its place table) into a fresh folder; returns the file. */
function folder(f: unknown, table?: string): string {
  const d = join(dir, `j${n++}`);
  mkdirSync(d);
  if (table !== undefined) writeFileSync(join(d, 'places.csv.gz'), gzipSync(table));
  writeFileSync(join(d, 'jurisdiction.json'), typeof f === 'string' ? f : JSON.stringify(f));
  return join(d, 'jurisdiction.json');
}

/** Places 4 digits: region = the first digit (1 → north, 2 → south), towns nest in regions. */
function file(): JurisdictionFile {
  return {
    format: 'cifra-jurisdiction/1',
    id: 'xx',
    labels: { es: 'Equis', en: 'Ex' },
    national: { code: 'XX', name: 'TOTAL' },
    place: {
      labels: { es: 'código', en: 'code' },
      pattern: '^\\d{4}$',
      table: { file: 'places.csv.gz', code: 'Code', names: { town: 'town', county: 'county' } },
      known: ['^9\\d{3}$'],
    },
    mesa: { pattern: '^\\d{3}$', pad: 3 },
    levels: [
      {
        id: 'region',
        labels: { es: 'Región', en: 'Region' },
        unit: {
          map: [
            { prefix: '1', code: 'N' },
            { prefix: '2', code: 'S' },
            { prefix: '9', code: 'X' },
          ],
        },
        names: { N: 'North', S: 'South' },
      },
      { id: 'county', labels: { es: 'Condado', en: 'County' }, unit: { prefix: 2 } },
      { id: 'town', labels: { es: 'Pueblo', en: 'Town' }, unit: { prefix: 4 } },
    ],
    electoralDistricts: 'region',
    projectionGroups: 'county',
    states: { DONE: 'counted' },
    rulesets: {},
    timeZone: 'UTC',
  };
}
const TABLE = 'code,county,town\n1101,Uno,Alfa\n1102,Uno,Beta\n2201,Dos,Gamma\nNA,Dos,Delta\n';

describe('loadJurisdiction', () => {
  it('loads Peru and Spain from data/jurisdictions, once per id', () => {
    expect(listJurisdictions()).toEqual(['es', 'pe']);
    const pe = loadJurisdiction('pe');
    const es = loadJurisdiction('es');
    expect(pe.ok && pe.value.levelIds).toEqual([
      'national',
      'ambito',
      'department',
      'province',
      'district',
      'circunscripcion',
      'mesa',
    ]);
    expect(es.ok && es.value.levelIds).toEqual([
      'national',
      'community',
      'province',
      'municipality',
      'mesa',
    ]);
    // the RENIEC table: 1,893 district rows, one without a RENIEC code (Santa María de Huachipa)
    expect(pe.ok && [pe.value.tableRows, pe.value.skippedRows]).toEqual([1892, 1]);
    expect(loadJurisdiction('pe')).toEqual(pe);
    expect(pe.ok && loadJurisdiction('pe').ok && pe.value).toBe(
      (loadJurisdiction('pe') as { value: unknown }).value,
    );
  });

  it('an id without a folder, or that is no id → unknown_jurisdiction with the known ones', () => {
    for (const id of ['zz', '../pe', 'PE', '']) {
      const r = loadJurisdiction(id);
      expect(r.ok ? null : r.error).toEqual([
        {
          code: 'unknown_jurisdiction',
          severity: 'error',
          path: ['jurisdiction'],
          details: { jurisdiction: id, known: ['es', 'pe'] },
        },
      ]);
    }
  });
});

describe('loadJurisdictionFile', () => {
  it('reads the table: known places, names by level, the place of a unit', () => {
    const r = loadJurisdictionFile(folder(file(), TABLE));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const j = r.value;
    expect([j.tableRows, j.skippedRows]).toEqual([3, 1]);
    expect(['1101', '2201', '9123', '1103', 'NA'].map(j.isKnownPlace)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect([j.unitName('town', '1102'), j.unitName('county', '11')]).toEqual(['Beta', 'Uno']);
    expect([j.tablePlace('county', '11'), j.tablePlace('town', '2201')]).toEqual(['1101', '2201']);
    expect(j.tablePlace('county', '99')).toBeUndefined();
    expect(j.unitCode('region', '2201')).toBe('S');
  });

  it("unitName: the level's names table, else the place table's name of the unit, else undefined", () => {
    const r = loadJurisdictionFile(folder(file(), `${TABLE}1201,,Eta\n`));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const j = r.value;
    // the names table, and the national name, as the compiled jurisdiction gives them
    expect([j.unitName('region', 'N'), j.unitName('national', 'XX')]).toEqual(['North', 'TOTAL']);
    // a place level: the compiled jurisdiction names none of its units, the loaded one by its table
    expect(compileJurisdiction(file()).unitName('county', '22')).toBeUndefined();
    expect(['11', '22'].map((c) => j.unitName('county', c))).toEqual(['Uno', 'Dos']);
    expect(['1101', '2201', '1201'].map((c) => j.unitName('town', c))).toEqual([
      'Alfa',
      'Gamma',
      'Eta',
    ]);
    // no row in the unit, no name in a names table, an empty cell: undefined, never the code
    expect(j.unitName('county', '99')).toBeUndefined();
    expect(j.unitName('region', 'X')).toBeUndefined();
    expect(j.unitName('county', '12')).toBeUndefined();
    // the units known before any acta are named by the same namer (the code where it has none)
    expect(j.levelUnits('county')).toEqual(
      new Map([
        ['11', 'Uno'],
        ['22', 'Dos'],
        ['12', '12'],
      ]),
    );
    expect(j.levelUnits('region')).toEqual(
      new Map([
        ['N', 'North'],
        ['S', 'South'],
      ]),
    );
  });

  it('a file that is not JSON → jurisdiction_invalid at the root, naming the file', () => {
    const path = folder('{"format": ');
    const r = loadJurisdictionFile(path);
    expect(r.ok ? null : r.error[0]).toMatchObject({
      code: 'jurisdiction_invalid',
      path: [],
      details: { reason: 'not_json', file: expect.stringContaining('jurisdiction.json') },
    });
  });

  it('an invalid field → jurisdiction_invalid at its JSON path, naming the file', () => {
    const f = file();
    f.levels[1]!.unit = { prefix: 2, constant: 'X' };
    const r = loadJurisdictionFile(folder(f, TABLE));
    expect(r.ok ? null : r.error).toMatchObject([
      {
        code: 'jurisdiction_invalid',
        path: ['levels', 1, 'unit'],
        details: { reason: 'rule_form', file: expect.stringMatching(/jurisdiction\.json$/) },
      },
    ]);
  });

  // review s36: a user's folder was named relative to cifra's checkout ("../rvf-work/…") and its
  // place table by its bare name: every file now resolves from wherever cifra runs
  it("a user's files are named by their absolute path; a bundled one under cifra's checkout", () => {
    const noZone: Partial<JurisdictionFile> = file();
    delete noZone.timeZone;
    const path = folder(noZone, TABLE);
    const r = loadJurisdictionFile(path);
    expect(r.ok ? null : r.error[0]?.details?.['file']).toBe(path);
    const table = loadJurisdictionFile(folder(file(), 'code,town\n1101,Alfa\n'));
    expect(table.ok ? null : table.error[0]?.details?.['file']).toBe(
      join(dir, `j${n - 1}`, 'places.csv.gz'),
    );
    const missing = loadJurisdictionFile(folder(file()));
    expect(missing.ok ? null : missing.error[0]?.details?.['file']).toBe(
      join(dir, `j${n - 1}`, 'places.csv.gz'),
    );
    expect(shownPath(dataPath('jurisdictions/pe/jurisdiction.json'))).toBe(
      'data/jurisdictions/pe/jurisdiction.json',
    );
  });

  it("a file whose id is not its folder's → jurisdiction_invalid at id", () => {
    const r = loadJurisdictionFile(folder(file(), TABLE), 'yy');
    expect(r.ok ? null : r.error[0]).toMatchObject({
      path: ['id'],
      details: { reason: 'id_mismatch', id: 'xx', folder: 'yy' },
    });
  });

  it('a place table that is missing → place_table_invalid at place.table.file', () => {
    const r = loadJurisdictionFile(folder(file()));
    expect(r.ok ? null : r.error[0]).toMatchObject({
      code: 'place_table_invalid',
      path: ['place', 'table', 'file'],
      details: { reason: 'file_unreadable' },
    });
  });

  it('a place table without a named column → place_table_invalid at that column', () => {
    const r = loadJurisdictionFile(folder(file(), 'code,town\n1101,Alfa\n'));
    expect(r.ok ? null : r.error).toMatchObject([
      {
        code: 'place_table_invalid',
        path: ['place', 'table', 'names', 'county'],
        details: { reason: 'column_missing', column: 'county' },
      },
    ]);
  });

  it('a time zone Intl does not know → jurisdiction_invalid (unknown_time_zone) at timeZone', () => {
    const good = loadJurisdictionFile(folder({ ...file(), timeZone: 'Europe/Madrid' }, TABLE));
    expect(good.ok && good.value.file.timeZone).toBe('Europe/Madrid');
    const r = loadJurisdictionFile(folder({ ...file(), timeZone: 'Europe/Freedonia' }, TABLE));
    expect(r.ok ? null : r.error).toMatchObject([
      {
        code: 'jurisdiction_invalid',
        path: ['timeZone'],
        details: { reason: 'unknown_time_zone', timeZone: 'Europe/Freedonia' },
      },
    ]);
  });

  it('no timeZone → jurisdiction_invalid (missing) at timeZone, not a silent UTC', () => {
    const without: Partial<JurisdictionFile> = file();
    delete without.timeZone;
    const r = loadJurisdictionFile(folder(without, TABLE));
    expect(r.ok ? null : r.error).toMatchObject([
      { code: 'jurisdiction_invalid', path: ['timeZone'], details: { reason: 'missing' } },
    ]);
  });

  it('a place code twice → place_table_invalid (duplicate_code) naming both rows, not a silent rename', () => {
    // review 6: a second row for a place overwrote its name and the CLI counted one row less
    const r = loadJurisdictionFile(folder(file(), `${TABLE}1101,Uno,Zeta\n`));
    expect(r.ok ? null : r.error).toMatchObject([
      {
        code: 'place_table_invalid',
        path: ['place', 'table', 'code'],
        details: { reason: 'duplicate_code', code: '1101', rows: [1, 5] },
      },
    ]);
  });

  it('two names for one unit → place_table_invalid (unit_name_conflict) at its name column', () => {
    // county 11 is "Uno" in row 1 and "Once" in row 5: a unit is named after its places
    const r = loadJurisdictionFile(folder(file(), `${TABLE}1103,Once,Zeta\n1104,Otro,Eta\n`));
    expect(r.ok ? null : r.error).toMatchObject([
      {
        code: 'place_table_invalid',
        path: ['place', 'table', 'names', 'county'],
        details: { reason: 'unit_name_conflict', unit: '11', names: ['Uno', 'Once'], rows: [1, 5] },
      },
    ]);
  });

  it('a place of the table no map entry covers → jurisdiction_invalid (unmapped_place)', () => {
    const r = loadJurisdictionFile(folder(file(), `${TABLE}3301,Tres,Epsilon\n`));
    expect(r.ok ? null : r.error).toMatchObject([
      {
        code: 'jurisdiction_invalid',
        path: ['levels', 0, 'unit', 'map'],
        details: { reason: 'unmapped_place', level: 'region', place: '3301' },
      },
    ]);
  });

  it('projection groups that straddle two electoral districts → not_nested', () => {
    const f = file();
    f.levels[0]!.unit.map!.push({ prefix: '1102', code: 'S' });
    const r = loadJurisdictionFile(folder(f, TABLE));
    expect(r.ok ? null : r.error).toMatchObject([
      {
        code: 'jurisdiction_invalid',
        path: ['projectionGroups'],
        details: { reason: 'not_nested', group: '11', districts: ['N', 'S'] },
      },
    ]);
  });

  it('without a table: the known patterns are the places', () => {
    const f = file();
    delete f.place.table;
    const r = loadJurisdictionFile(folder(f));
    expect(r.ok && ['9000', '1101'].map(r.value.isKnownPlace)).toEqual([true, false]);
  });
});

describe('a jurisdictions folder (--jurisdictions DIR)', () => {
  /** A DIR holding the file() jurisdiction in a folder named after `id`, its id field set to it. */
  const named = (id: string): string => {
    const root = join(dir, `use-${n++}`);
    mkdirSync(join(root, id), { recursive: true });
    const f = file();
    delete f.place.table;
    writeFileSync(join(root, id, 'jurisdiction.json'), JSON.stringify({ ...f, id }));
    return root;
  };

  it("resolves an id to its folder there, which loads as the id's jurisdiction", () => {
    const root = named('xy');
    expect(loadJurisdiction('xy').ok).toBe(false);
    expect(listJurisdictionsIn(root)).toEqual(['xy']);
    const ref = resolveJurisdiction('xy', root);
    expect(ref).toEqual({ ok: true, value: join(root, 'xy') });
    const r = ref.ok ? loadJurisdiction(ref.value) : ref;
    expect(r.ok && [r.value.id, ...r.value.levelIds]).toEqual([
      'xy',
      'national',
      'region',
      'county',
      'town',
      'mesa',
    ]);
    // the id alone still names no jurisdiction: nothing was registered module-wide
    expect(loadJurisdiction('xy').ok).toBe(false);
  });

  it('a bundled id is still bundled when DIR lacks it', () => {
    expect(resolveJurisdiction('pe', named('xy'))).toEqual({ ok: true, value: 'pe' });
    expect(resolveJurisdiction('pe', undefined)).toEqual({ ok: true, value: 'pe' });
  });

  it('never shadows a bundled jurisdiction', () => {
    const root = named('pe');
    const codes = (r: { ok: boolean; error?: { code: string }[] }) =>
      r.ok ? [] : (r.error ?? []).map((i) => i.code);
    expect(codes(resolveJurisdiction('pe', root))).toEqual(['jurisdiction_shadowed']);
    // a stored folder path named like a bundled id is refused too
    expect(codes(loadJurisdiction(join(root, 'pe')))).toEqual(['jurisdiction_shadowed']);
    const pe = loadJurisdiction('pe');
    expect(pe.ok && pe.value.file.national.code).toBe('PE');
  });

  it('a folder without jurisdiction.json, or an id in neither place, is a coded issue', () => {
    const root = named('xy');
    mkdirSync(join(root, 'zz'));
    const r = resolveJurisdiction('zz', root);
    expect(!r.ok && r.error.map((i) => [i.code, i.details?.['reason']])).toEqual([
      ['jurisdiction_invalid', 'no_file'],
    ]);
    // a manifest names an id, never a folder: a path is no jurisdiction, with or without DIR
    for (const d of [root, undefined]) {
      const p = resolveJurisdiction(join(root, 'xy'), d);
      expect(!p.ok && p.error.map((i) => i.code)).toEqual(['unknown_jurisdiction']);
    }
    const u = resolveJurisdiction('qq', root);
    expect(!u.ok && u.error.map((i) => [i.code, i.details?.['known']])).toEqual([
      ['unknown_jurisdiction', ['es', 'pe', 'xy']],
    ]);
  });
});
