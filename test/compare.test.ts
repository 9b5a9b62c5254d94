// `cifra compare` on constructed files: the reasons documented as the code has them, a column map
// read as written (NA, padding, the first known state label, unreadable rows, repeated mesas),
// the CLI's formats, errors and exit codes, and the manifest rules for crossCheck sources.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompareSchema } from '../src/api/schemas.js';
import { COMPARE_REASONS } from '../src/core/tally/compare.js';
import { bundledElection, loadManifest } from '../src/elections/manifests.js';
import { compareFiles } from '../src/ingest/compare-files.js';
import { dataPath } from '../src/io/paths.js';
import { cli, tempDir } from './helpers.js';

const dir = tempDir('cifra-compare-');
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const ONPE_HEADER =
  'UBIGEO,DEPARTAMENTO,PROVINCIA,DISTRITO,TIPO_ELECCION,MESA_DE_VOTACION,DESCRIP_ESTADO_ACTA,TIPO_OBSERVACION,N_CVAS,N_ELEC_HABIL,VOTOS_P1,VOTOS_P2,VOTOS_VB,VOTOS_VN,VOTOS_VI';
const onpeRow = (mesa: string, state: string, figures: string) =>
  `010101,AMAZONAS,CHACHAPOYAS,CHACHAPOYAS,PRESIDENCIAL,${mesa},${state},,${figures}`;
// voters, eligible, P1, P2, blank, null, impugned
const ONPE = write(
  'onpe.csv',
  [
    ONPE_HEADER,
    onpeRow('000001', 'CONTABILIZADA', '100,300,60,30,4,6,'),
    onpeRow('000002', 'CONTABILIZADA', '100,300,60,30,4,6,'),
    onpeRow('000003', 'CONTABILIZADA', '100,300,60,30,4,6,'),
    onpeRow('000004', 'SIN INSTALAR', ',300,,,,,'),
    onpeRow('000005', 'CONTABILIZADA', '100,300,60,30,4,6,'),
  ].join('\n') + '\n',
);

// an observer's layout: unpadded mesa, two state columns, NA for an unreadable figure
const TRANSCRIPTION = write(
  'transcription.csv',
  [
    'num,estado,detalle,ubi,electores,votantes,castillo,keiko,blancos,nulos,impug',
    '1,CONTABILIZADAS NORMALES,ACTA ELECTORAL NORMAL,010101,300,100,60,30,4,6,0',
    '2,CONTABILIZADAS NORMALES,ACTA ELECTORAL NORMAL,010101,300,100,59,30,4,6,0',
    '3,ACTA ELECTORAL PENDIENTE,ACTA ELECTORAL PENDIENTE,010101,300,0,0,0,0,0,0',
    '4,MESA NO INSTALADA,MESA NO INSTALADA,010101,300,0,0,0,0,0,0',
    '6,CONTABILIZADAS NORMALES,ACTA ELECTORAL NORMAL,010101,300,100,NA,30,4,6,0',
    '6,CONTABILIZADAS NORMALES,ACTA ELECTORAL NORMAL,010101,300,100,61,30,4,6,0',
    '7,QUEMADA,QUEMADA,010101,300,100,60,30,4,6,0',
  ].join('\n') + '\n',
);

const MAP = {
  format: 'cifra-columns/1',
  mesa: 'num',
  place: 'ubi',
  state: {
    columns: ['estado', 'detalle'],
    labels: {
      'ACTA ELECTORAL PENDIENTE': 'pending',
      'MESA NO INSTALADA': 'not_installed',
      'ACTA ELECTORAL NORMAL': 'counted',
    },
  },
  eligible: 'electores',
  voters: 'votantes',
  blank: 'blancos',
  null: 'nulos',
  impugned: 'impug',
  choices: { P1: 'castillo', P2: 'keiko' },
  missing: ['NA'],
};
const MAP_FILE = write('map.json', JSON.stringify(MAP));
const ELECTION = ['--election', 'pe-2021-presidencial-segunda'];

async function compareJson(...extra: string[]) {
  const r = await cli(
    'compare',
    ONPE,
    TRANSCRIPTION,
    ...ELECTION,
    '--format-b',
    MAP_FILE,
    '--format',
    'json',
    ...extra,
  );
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return CompareSchema.parse(JSON.parse(r.out));
}

describe('docs/ingest.md, "Reasons"', () => {
  it('lists every reason of COMPARE_REASONS, in their order, and nothing else', () => {
    const doc = readFileSync(new URL('../docs/ingest.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('### Reasons'), doc.indexOf('### Net effect'));
    const documented = [...section.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual([...COMPARE_REASONS]);
  });
});

describe('cifra compare A B with a column map', () => {
  it('reads the map as written: padding, NA, the first known state label, repeated and unreadable rows', async () => {
    const r = await compareJson();
    expect(r.b).toMatchObject({
      format: 'column-map',
      rows: 7,
      actas: 5,
      duplicates: 1,
      unreadable: 1,
      unreadableByCode: { unknown_state: 1 },
    });
    expect(r.b.issues[0]).toMatchObject({ code: 'unknown_state', path: ['row', 7, 'state'] });
    expect(r.a).toMatchObject({ format: 'onpe-mesa', actas: 5, id: null });
    expect(r.mesas).toEqual({ a: 5, b: 5, both: 4, compared: 6, agree: 2, disagree: 4 });
    expect(r.disagreements.map((d) => [d.mesa, d.primary])).toEqual([
      ['000002', 'count_differs'],
      ['000003', 'state_differs'],
      ['000005', 'missing_in_b'],
      ['000006', 'missing_in_a'],
    ]);
    // 000006 is read by its first row, whose P1 is NA: no figure, and Σ is not checked
    expect(r.disagreements[3]?.b?.votes).toEqual([null, 30]);
    expect(r.disagreements[1]?.reasons[0]).toEqual({
      reason: 'state_differs',
      a: 'counted',
      b: 'pending',
      aLabel: 'CONTABILIZADA',
      bLabel: 'ACTA ELECTORAL PENDIENTE | ACTA ELECTORAL PENDIENTE',
    });
    // ONPE's not-installed mesa (empty cells) reads as zeros, as the transcription's does
    expect(r.disagreements.some((d) => d.mesa === '000004')).toBe(false);
    const p1 = r.net.find((n) => n.field === 'P1');
    expect(p1).toMatchObject({
      total: 1 + 60 + 60 - 0,
      byReason: { count_differs: 1, state_differs: 60, missing_in_b: 60, missing_in_a: 0 },
    });
    expect(r.page).toEqual({ offset: 0, limit: 4, total: 4 });
  });

  it('--only-b compares only the mesas B holds: a partial file is not "missing" the rest', async () => {
    const r = await compareJson('--only-b');
    // B holds 000001–000004 and 000006 (its 000007 is unreadable); ONPE's 000005 is left out
    expect(r.mesas).toEqual({ a: 5, b: 5, both: 4, compared: 5, agree: 2, disagree: 3 });
    expect(r.disagreements.map((d) => [d.mesa, d.primary])).toEqual([
      ['000002', 'count_differs'],
      ['000003', 'state_differs'],
      ['000006', 'missing_in_a'],
    ]);
    expect(r.reasons.find((x) => x.reason === 'missing_in_b')?.mesas).toBe(0);
  });

  it('--unit compares only the mesas placed in that unit (a place code or its prefix)', async () => {
    // every mesa of these files is in 010101 (Chachapoyas, Amazonas)
    const all = await compareJson();
    for (const unit of ['01', '010101']) expect(await compareJson('--unit', unit)).toEqual(all);
    const none = await compareJson('--unit', '15');
    expect(none.mesas).toMatchObject({ compared: 0, disagree: 0 });
    expect(none.disagreements).toEqual([]);
  });

  it('--format csv: one row per disagreeing mesa with both readings and A − B', async () => {
    const r = await cli(
      'compare',
      ONPE,
      TRANSCRIPTION,
      ...ELECTION,
      '--format-b',
      MAP_FILE,
      '--format',
      'csv',
    );
    const [head, ...rows] = r.out.split('\n');
    expect(head).toBe(
      'mesa,primary,reasons,state_a,state_b,state_label_a,state_label_b,place_a,place_b,' +
        'P1_a,P1_b,P1_a_minus_b,P2_a,P2_b,P2_a_minus_b,voters_a,voters_b,voters_a_minus_b,' +
        'blank_a,blank_b,blank_a_minus_b,null_a,null_b,null_a_minus_b,' +
        'impugned_a,impugned_b,impugned_a_minus_b,eligible_a,eligible_b,eligible_a_minus_b',
    );
    expect(rows[0]).toBe(
      '000002,count_differs,count_differs;sum_mismatch_b,counted,counted,CONTABILIZADA,CONTABILIZADAS NORMALES | ACTA ELECTORAL NORMAL,010101,010101,60,59,1,30,30,0,100,100,0,4,4,0,6,6,0,0,0,0,300,300,0',
    );
    expect(rows[3]?.startsWith('000006,missing_in_a,missing_in_a,,counted,')).toBe(true);
  });

  it('--format table (the default) prints the summary and the mesas; --out writes the file', async () => {
    const t = await cli('compare', ONPE, TRANSCRIPTION, ...ELECTION, '--format-b', MAP_FILE);
    // --lang es: the same tables with Spanish headers (src/cli/format.ts)
    const es = await cli(
      'compare',
      ONPE,
      TRANSCRIPTION,
      ...ELECTION,
      '--format-b',
      MAP_FILE,
      '--lang',
      'es',
    );
    for (const h of ['motivo', 'principal', 'neto P1 (A − B)', 'campo', 'mesas que difieren'])
      expect(es.out).toContain(h);
    expect(es.out).not.toMatch(/│ reason\s+│/);
    // all four disagreeing mesas shown, said as such (session 30: "first 4 of 4")
    expect(es.out).toContain('las 4 mesas en desacuerdo (también con --format csv o json):');
    expect(t.code).toBe(0);
    expect(t.out).toContain('mesas: 6 compared (4 in both) · 2 agree · 4 disagree');
    // a reason in words, in the reason column and a mesa's tag (s31); csv and json keep the code
    expect(t.out).toMatch(/│ state differs\s+│ 1\s+│ 1\s+│ \+60\s+│ \+30\s+│/);
    expect(t.out).toContain('000002  [a figure differs]  P1 60 ≠ 59');
    expect(es.out).toMatch(/│ estado distinto\s+│ 1\s+│ 1\s+│ \+60\s+│ \+30\s+│/);
    expect(es.out).toContain('000002  [cifra distinta]  P1 60 ≠ 59');
    expect(t.out).toContain('the 4 disagreeing mesas (also as --format csv or json):');
    const out = join(dir, 'out.json');
    const w = await cli(
      'compare',
      ONPE,
      TRANSCRIPTION,
      ...ELECTION,
      '--format-b',
      MAP_FILE,
      '--format',
      'json',
      '--out',
      out,
    );
    expect(w.out).toBe(`wrote 4 disagreeing mesas (json) to ${out}`);
    expect(CompareSchema.parse(JSON.parse(readFileSync(out, 'utf8'))).mesas.disagree).toBe(4);
    expect(existsSync(`${out}.tmp-${process.pid}`)).toBe(false);
  });

  it('a column map leaving a field out does not compare it, and says so', async () => {
    const fewer = Object.fromEntries(
      Object.entries(MAP).filter(([k]) => k !== 'impugned' && k !== 'eligible'),
    );
    const file = write('fewer.json', JSON.stringify(fewer));
    const r = await cli(
      'compare',
      ONPE,
      TRANSCRIPTION,
      ...ELECTION,
      '--format-b',
      file,
      '--format',
      'json',
    );
    const report = CompareSchema.parse(JSON.parse(r.out));
    expect(report.notCompared).toEqual(['impugned', 'eligible']);
    expect(report.fields).toEqual(['P1', 'P2', 'voters', 'blank', 'null']);
  });

  it("a source id of the manifest reads another file with that source's column map", async () => {
    const copy = write(
      'ronderos-like.csv',
      'rowid,mesa,v2_TOT_CIUDADANOS_VOTARON,v2_fp,v2_perulibre,v2_blanco,v2_impugnados,v2_nulos,v2_OBSERVACION,v2_OBSERVACION_TXT,v2_CCODI_UBIGEO,v2_NNUME_HABILM\n' +
        '1,000001,100,30,60,4,0,6,CONTABILIZADAS NORMALES,ACTA ELECTORAL NORMAL,010101,300\n',
    );
    const r = await cli(
      'compare',
      ONPE,
      copy,
      ...ELECTION,
      '--format-b',
      'ronderos',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const report = CompareSchema.parse(JSON.parse(r.out));
    expect(report.b).toMatchObject({ id: 'ronderos', format: 'column-map', actas: 1 });
    expect(report.disagreements.map((d) => d.primary)).toEqual([
      'missing_in_b',
      'missing_in_b',
      'missing_in_b',
      'missing_in_b',
    ]);
  });
});

describe('a source row that cannot be read is not a missing mesa (review s35)', () => {
  const election = bundledElection('pe-2021-presidencial-segunda');
  if (election === null) throw new Error('election');
  const A = write(
    'unreadable-a.csv',
    [
      ONPE_HEADER,
      onpeRow('000100', 'CONTABILIZADA', '100,300,60,30,4,6,'),
      onpeRow('000101', 'CONTABILIZADA', '100,300,60,30,4,6,'),
      onpeRow('000102', 'CONTABILIZADA', '100,300,60,30,4,6,'),
    ].join('\n') + '\n',
  );

  it('a row with one cell too many: unreadable_in_b with its mesa, not missing_in_b', async () => {
    const B = write(
      'unreadable-b.csv',
      [
        ONPE_HEADER,
        `${onpeRow('000100', 'CONTABILIZADA', '100,300,60,30,4,6,')},7`,
        onpeRow('000101', 'CONTABILIZADA', '100,300,60,30,4,6,'),
      ].join('\n') + '\n',
    );
    const r = await compareFiles({ election, a: { file: A }, b: { file: B } });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const { report } = r.value;
    expect(report.b).toMatchObject({ actas: 1, unreadable: 1 });
    expect(report.b.unreadableByCode).toEqual({ row_cells_mismatch: 1 });
    expect(report.disagreements.map((d) => [d.mesa, d.reasons.map((x) => x.reason)])).toEqual([
      ['000100', ['unreadable_in_b']],
      ['000102', ['missing_in_b']],
    ]);
    const count = (reason: string) => report.reasons.find((x) => x.reason === reason)?.mesas;
    expect([count('unreadable_in_b'), count('missing_in_b')]).toEqual([1, 1]);
    // the same, seen from the other side
    const back = await compareFiles({ election, a: { file: B }, b: { file: A } });
    if (!back.ok) throw new Error(JSON.stringify(back.error));
    expect(back.value.report.disagreements[0]).toMatchObject({
      mesa: '000100',
      primary: 'unreadable_in_a',
    });
    // with --only-b, B holds the mesa it has an unreadable row of
    const onlyB = await compareFiles({ election, a: { file: A }, b: { file: B }, onlyB: true });
    if (!onlyB.ok) throw new Error(JSON.stringify(onlyB.error));
    expect(onlyB.value.report.disagreements.map((d) => [d.mesa, d.primary])).toEqual([
      ['000100', 'unreadable_in_b'],
    ]);
  });

  // session 36: a mesa both files hold only in unreadable rows was compared by neither side and
  // showed no difference; a poll-watcher must see it
  it('a mesa unreadable in both files: unreadable_in_both, said in the table in es and en', async () => {
    const rows = (extra: string): string =>
      [
        ONPE_HEADER,
        `${onpeRow('000100', 'CONTABILIZADA', '100,300,60,30,4,6,')},${extra}`,
        onpeRow('000101', 'CONTABILIZADA', '100,300,60,30,4,6,'),
      ].join('\n') + '\n';
    const [A2, B2] = [write('unreadable-both-a.csv', rows('7')), write('both-b.csv', rows('8'))];
    const json = await cli('compare', A2, B2, ...ELECTION, '--format', 'json');
    expect([json.code, json.err]).toEqual([0, '']);
    const report = CompareSchema.parse(JSON.parse(json.out));
    expect([report.a.unreadable, report.b.unreadable]).toEqual([1, 1]);
    expect(report.mesas).toMatchObject({ compared: 2, agree: 1, disagree: 1 });
    expect(report.disagreements.map((d) => [d.mesa, d.reasons.map((x) => x.reason)])).toEqual([
      ['000100', ['unreadable_in_both']],
    ]);
    expect(report.reasons.find((x) => x.reason === 'unreadable_in_both')).toEqual({
      reason: 'unreadable_in_both',
      mesas: 1,
      primary: 1,
    });
    // with --only-b, B holds it too
    const onlyB = await cli('compare', A2, B2, ...ELECTION, '--only-b', '--format', 'json');
    expect(CompareSchema.parse(JSON.parse(onlyB.out)).disagreements.map((d) => d.mesa)).toEqual([
      '000100',
    ]);
    // the table says it in the run's words, never the code
    const en = await cli('compare', A2, B2, ...ELECTION, '--lang', 'en');
    expect(en.out).toMatch(/000100 {2}\[its rows in A and in B could not be read\]/);
    const es = await cli('compare', A2, B2, ...ELECTION, '--lang', 'es');
    expect(es.out).toMatch(/000100 {2}\[sus filas en A y en B no se pudieron leer\]/);
    for (const out of [en.out, es.out]) expect(out).not.toContain('unreadable_in');
  });

  it('through a column map too: its mesa cell read (padded) on a row of too many cells', async () => {
    const B = write(
      'unreadable-map.csv',
      [
        'num,estado,detalle,ubi,electores,votantes,castillo,keiko,blancos,nulos,impug',
        '100,CONTABILIZADAS NORMALES,ACTA ELECTORAL NORMAL,010101,300,100,60,30,4,6,0,9',
        '101,CONTABILIZADAS NORMALES,ACTA ELECTORAL NORMAL,010101,300,100,60,30,4,6,0',
        '102,CONTABILIZADAS NORMALES,ACTA ELECTORAL NORMAL,010101,300,100,60,30,4,6,0',
      ].join('\n') + '\n',
    );
    const r = await compareFiles({
      election,
      a: { file: A },
      b: { file: B, format: { kind: 'column-map', columns: MAP as never } },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.report.disagreements.map((d) => [d.mesa, d.primary])).toEqual([
      ['000100', 'unreadable_in_b'],
    ]);
  });
});

describe('cifra compare: errors and exit codes', () => {
  it('an unknown format is a usage error (exit 2) naming what it takes', async () => {
    const r = await cli('compare', ONPE, TRANSCRIPTION, ...ELECTION, '--format-b', 'nope');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--format-b: unknown format "nope"');
    expect(r.err).toContain('onpe, sergiocorreia, ronderos');
  });

  it('a column map breaking the format is column_map_invalid at its path (exit 1)', async () => {
    const bad = write(
      'bad-map.json',
      JSON.stringify({ ...MAP, choices: { P1: 'castillo' }, oops: 1 }),
    );
    const r = await cli('compare', ONPE, TRANSCRIPTION, ...ELECTION, '--format-b', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain('column_map_invalid');
    const notJson = write('not-json.json', '{');
    expect(
      (await cli('compare', ONPE, TRANSCRIPTION, ...ELECTION, '--format-b', notJson)).err,
    ).toContain('column_map_invalid');
  });

  it('a map that misses a choice, or names a column the file lacks, refuses the file', async () => {
    const noP2 = write('no-p2.json', JSON.stringify({ ...MAP, choices: { P1: 'castillo' } }));
    const a = await cli('compare', ONPE, TRANSCRIPTION, ...ELECTION, '--format-b', noP2);
    expect(a.code).toBe(1);
    expect(a.err).toContain('columns_missing');
    expect(a.err).toContain('P2');
    const wrong = write('wrong-col.json', JSON.stringify({ ...MAP, voters: 'votos' }));
    const b = await cli('compare', ONPE, TRANSCRIPTION, ...ELECTION, '--format-b', wrong);
    expect(b.code).toBe(1);
    expect(b.err).toMatch(/columns_missing.*votos/);
  });

  it('without a format, a file of unknown columns is columns_missing; without an election, unknown_election', async () => {
    const r = await cli('compare', ONPE, TRANSCRIPTION, ...ELECTION);
    expect(r.code).toBe(1);
    expect(r.err).toContain('columns_missing');
    const u = await cli('compare', TRANSCRIPTION, TRANSCRIPTION);
    expect(u.code).toBe(1);
    expect(u.err).toContain('unknown_election');
    expect(u.err).toContain('give --election');
  });

  it('a missing file is file_unreadable (exit 1)', async () => {
    const r = await cli('compare', ONPE, join(dir, 'nowhere.csv'), ...ELECTION);
    expect(r.code).toBe(1);
    expect(r.err).toContain('file_unreadable');
  });

  it('a file that is not the one the manifest declares is refused (election_invalid), on its side', async () => {
    const election = bundledElection('pe-2021-presidencial-segunda');
    const r = await compareFiles({
      election: election!,
      a: { file: ONPE, sha256: 'f'.repeat(64) },
      b: { file: ONPE },
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['election_invalid', 'a.sha256'],
    ]);
  });
});

describe('manifest: crossCheck sources', () => {
  const base = (): Record<string, unknown> =>
    JSON.parse(
      readFileSync(dataPath('elections/pe-2021-presidencial-segunda.json'), 'utf8'),
    ) as Record<string, unknown>;
  const check = (m: Record<string, unknown>) => {
    const r = loadManifest(
      write(`m-${Math.random().toString(36).slice(2)}.json`, JSON.stringify(m)),
    );
    return r.ok ? [] : r.error.map((i) => [i.code, i.path.join('.')]);
  };
  const rebase = (m: Record<string, unknown>) => {
    // the paths of the bundled manifest are relative to data/elections/
    const fix = (s: { file: string }) => ({ ...s, file: dataPath('elections', s.file) });
    return {
      ...m,
      sources: (m['sources'] as { file: string }[]).map(fix),
      crossCheck: (m['crossCheck'] as { file: string }[]).map(fix),
      ...(m['universe'] === undefined ? {} : { universe: fix(m['universe'] as { file: string }) }),
    };
  };

  it('the bundled runoff declares onpe, sergiocorreia and ronderos', () => {
    const m = loadManifest('pe-2021-presidencial-segunda');
    expect(
      m.ok && [...m.value.manifest.sources, ...m.value.manifest.crossCheck].map((s) => s.id),
    ).toEqual(['onpe', 'sergiocorreia', 'ronderos']);
    expect(check(rebase(base()))).toEqual([]);
  });

  it('a crossCheck source needs an id; ids are unique; columns go with column-map only, and column-map with crossCheck only', () => {
    const m = rebase(base());
    const cross = m.crossCheck as Record<string, unknown>[];
    const sources = m.sources as Record<string, unknown>[];
    expect(check({ ...m, crossCheck: [{ ...cross[0], id: undefined }] })).toEqual([
      ['election_invalid', 'crossCheck.0.id'],
    ]);
    expect(check({ ...m, crossCheck: [cross[0], { ...cross[1], id: 'onpe' }] })).toEqual([
      ['election_invalid', 'crossCheck'],
    ]);
    expect(check({ ...m, crossCheck: [{ ...cross[0], columns: undefined }] })).toEqual([
      ['election_invalid', 'crossCheck.0.columns'],
    ]);
    expect(
      check({
        ...m,
        sources: [{ ...sources[0], columns: (cross[0] as { columns: unknown }).columns }],
      }),
    ).toEqual([['election_invalid', 'sources.0.columns']]);
    expect(check({ ...m, sources: [cross[0]], crossCheck: [] })).toEqual([
      ['election_invalid', 'sources.0.format'],
    ]);
  });

  it("a crossCheck source's file must exist", () => {
    const m = rebase(base());
    const cross = m.crossCheck as Record<string, unknown>[];
    expect(check({ ...m, crossCheck: [{ ...cross[0], file: join(dir, 'gone.csv.gz') }] })).toEqual([
      ['file_unreadable', 'crossCheck.0.file'],
    ]);
  });
});
