// `npx tsx scripts/convert-published.ts`: turns the bundled third-party captures of published
// aggregates (each in its own shape) into cifra's aggregate CSV (docs/elections.md), which one
// reader loads for every election manifest. Run once when a capture is added; the outputs are
// committed beside their sources and named in the folders' PROVENANCE.md. Values are copied,
// never computed, except the sums named below (provinces, departments and the national total of
// the 2026 first round are sums of its districts, as before).
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { dataPath } from '../src/io/paths.js';

type Row = Record<string, string | number>;

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function writeAggregate(path: string, choiceIds: readonly string[], rows: readonly Row[]): void {
  const head = [
    'level',
    'code',
    'name',
    'blank',
    'null',
    'blank_null',
    'eligible',
    'actas_counted',
    'actas_total',
    'actas_pending',
    ...choiceIds,
  ];
  const lines = [
    head.join(','),
    ...rows.map((r) => head.map((h) => csvCell(r[h] ?? '')).join(',')),
  ];
  const text = lines.join('\n') + '\n';
  writeFileSync(dataPath(path), path.endsWith('.gz') ? gzipSync(text, { level: 9 }) : text);
  console.log(`wrote data/${path} (${rows.length} units)`);
}

const gz = (p: string): string => gunzipSync(readFileSync(dataPath(p))).toString('utf8');

/** 2021 Congress, JNE R-0602-2021: national votes of the ten lists that passed; the other lists as one. */
function congress2021(): void {
  const rows = parse(
    readFileSync(
      dataPath('peru/2021/congress/congress_2021_national_official_JNE_0602-2021.csv'),
      'utf8',
    ),
    { columns: true },
  ) as Record<string, string>[];
  const totals = new Map(
    (
      parse(
        readFileSync(
          dataPath('peru/2021/congress/congress_2021_national_totals_JNE_0602-2021.csv'),
          'utf8',
        ),
        { columns: true },
      ) as Record<string, string>[]
    ).map((r) => [r['metric'], Number(r['value'])]),
  );
  const ids = rows.map((r) => r['party_short_name'] as string);
  const valid = totals.get('votos_validos') ?? 0;
  const listed = rows.reduce((a, r) => a + Number(r['valid_votes']), 0);
  const unit: Row = {
    level: 'national',
    code: 'PE',
    name: 'TOTAL',
    blank: totals.get('votos_en_blanco') ?? '',
    null: totals.get('votos_nulos') ?? '',
    OTRAS: valid - listed,
  };
  for (const r of rows) unit[r['party_short_name'] as string] = Number(r['valid_votes']);
  writeAggregate(
    'peru/2021/congress/congress_2021_national_JNE_0602-2021.results.csv',
    [...ids, 'OTRAS'],
    [unit],
  );
}

/** 2026 runoff, ONPE by department at 2026-06-10 06:24 UTC (third-party capture): 25 departments. */
function runoff2026(): void {
  const snap = JSON.parse(
    gz('peru/2026/runoff_partial_2026-06-10/onpe-territorial-snapshot.json.gz'),
  ) as {
    departments: {
      code: string;
      name: string;
      votesKeiko: number;
      votesSanchez: number;
      actasContabilizadas: number;
      actasTotal: number;
      actasPendientes: number;
    }[];
  };
  const deps: Row[] = snap.departments.map((d) => ({
    level: 'department',
    code: d.code.slice(0, 2),
    name: d.name.toUpperCase(),
    actas_counted: d.actasContabilizadas,
    actas_total: d.actasTotal,
    actas_pending: d.actasPendientes,
    FP: d.votesKeiko,
    JP: d.votesSanchez,
  }));
  deps.sort((a, b) => String(a['code']).localeCompare(String(b['code'])));
  // the snapshot has no abroad rows: the national and the Peru-ámbito units are the sum of the 25
  const sum = (k: string): number => deps.reduce((a, d) => a + Number(d[k] ?? 0), 0);
  const total = (level: string, code: string, name: string): Row => ({
    level,
    code,
    name,
    ...Object.fromEntries(
      ['actas_counted', 'actas_total', 'actas_pending', 'FP', 'JP'].map((k) => [k, sum(k)]),
    ),
  });
  writeAggregate(
    'peru/2026/runoff_partial_2026-06-10/runoff_2026-06-10_by_department.results.csv',
    ['FP', 'JP'],
    [
      total('national', 'PE', 'PERÚ (25 departamentos, sin extranjero)'),
      total('ambito', 'PERU', 'PERÚ'),
      ...deps,
    ],
  );
}

interface DistrictRow {
  readonly total_votos: number;
  readonly candidato_id: string;
  readonly departamento: string;
  readonly provincia: string;
  readonly distrito: string;
  readonly ubigeo_reniec: string;
}

const DEPARTMENT_FILES = [
  'amazonas',
  'ancash',
  'apurimac',
  'arequipa',
  'ayacucho',
  'cajamarca',
  'callao',
  'cusco',
  'huancavelica',
  'huanuco',
  'ica',
  'junin',
  'la-libertad',
  'lambayeque',
  'lima',
  'lima-provincias',
  'loreto',
  'madre-de-dios',
  'moquegua',
  'pasco',
  'piura',
  'puno',
  'san-martin',
  'tacna',
  'tumbes',
  'ucayali',
];

/** 2026 first round, ONPE by district at 27-Apr-2026 (third-party capture), abroad as one unit. */
function firstRound2026(): void {
  const read = (n: string): DistrictRow[] =>
    JSON.parse(
      gz(`peru/2026/partial_results_2026-04-27/presidencial_por_distrito/${n}.json.gz`),
    ) as DistrictRow[];
  const domestic = DEPARTMENT_FILES.flatMap(read);
  const abroad = read('extranjero');
  const ids = [...new Set([...domestic, ...abroad].map((r) => r.candidato_id))];
  const units = new Map<string, Row>();
  const add = (level: string, code: string, name: string, r: DistrictRow): void => {
    const key = `${level}:${code}`;
    const u = units.get(key) ?? { level, code, name };
    u[r.candidato_id] = Number(u[r.candidato_id] ?? 0) + r.total_votos;
    units.set(key, u);
  };
  for (const r of domestic) {
    const u = r.ubigeo_reniec;
    add('district', u, `${r.distrito}, ${r.provincia}, ${r.departamento}`.toUpperCase(), r);
    add('province', u.slice(0, 4), `${r.provincia}, ${r.departamento}`.toUpperCase(), r);
    add('department', u.slice(0, 2), r.departamento.toUpperCase(), r);
    add('ambito', 'PERU', 'PERÚ', r);
    add('national', 'PE', 'TOTAL', r);
  }
  for (const r of abroad) {
    add('ambito', 'EXTRANJERO', 'EXTRANJERO', r);
    add('national', 'PE', 'TOTAL', r);
  }
  const order = ['national', 'ambito', 'department', 'province', 'district'];
  const rows = [...units.values()].sort(
    (a, b) =>
      order.indexOf(String(a['level'])) - order.indexOf(String(b['level'])) ||
      String(a['code']).localeCompare(String(b['code'])),
  );
  writeAggregate(
    'peru/2026/partial_results_2026-04-27/presidencial_2026-04-27_by_district.results.csv.gz',
    ids,
    rows,
  );
}

interface RunoffCapture {
  readonly nacional: {
    readonly actas_contabilizadas: number;
    readonly actas_total: number;
    readonly votos_emitidos: number;
    readonly votos_validos: number;
    readonly votos: { readonly keiko: number; readonly sanchez: number };
  };
  readonly regiones: readonly {
    readonly ubigeo: number;
    readonly nombre: string;
    readonly exterior: boolean;
    readonly actas_contabilizadas: number;
    readonly actas_total: number;
    readonly votos: { readonly keiko: number; readonly sanchez: number };
  }[];
  readonly exterior_paises: readonly {
    readonly ubigeo: number;
    readonly nombre: string;
    readonly actas_contabilizadas: number;
    readonly votos: { readonly keiko: number; readonly sanchez: number };
  }[];
}

/**
 * 2026 runoff at 100 % (ONPE API, captured 2 July 2026 by a third party): the nation with blank
 * and null known only together (emitted − valid), the 25 departments and 5 continents, the
 * countries; the ámbitos PERU and EXTRANJERO are sums of their units.
 */
function runoff2026Final(): void {
  const c = JSON.parse(
    gz('peru/2026/final/runoff_2026_onpe_100pct_latest.json.gz'),
  ) as RunoffCapture;
  const two = (v: { keiko: number; sanchez: number }) => ({ FP: v.keiko, JP: v.sanchez });
  const n = c.nacional;
  const regions: Row[] = c.regiones.map((r) => ({
    level: 'department',
    code: String(r.ubigeo).padStart(6, '0').slice(0, 2),
    name: r.nombre.toUpperCase(),
    actas_counted: r.actas_contabilizadas,
    actas_total: r.actas_total,
    ...two(r.votos),
  }));
  const countries: Row[] = c.exterior_paises.map((p) => ({
    level: 'province',
    code: String(p.ubigeo).slice(0, 4),
    name: p.nombre.toUpperCase(),
    actas_counted: p.actas_contabilizadas,
    actas_total: p.actas_contabilizadas,
    ...two(p.votos),
  }));
  const ambito = (code: string, name: string, abroad: boolean): Row => {
    const rs = c.regiones.filter((r) => r.exterior === abroad);
    const s = (f: (r: (typeof rs)[number]) => number): number => rs.reduce((a, r) => a + f(r), 0);
    return {
      level: 'ambito',
      code,
      name,
      actas_counted: s((r) => r.actas_contabilizadas),
      actas_total: s((r) => r.actas_total),
      FP: s((r) => r.votos.keiko),
      JP: s((r) => r.votos.sanchez),
    };
  };
  const national: Row = {
    level: 'national',
    code: 'PE',
    name: 'TOTAL',
    blank_null: n.votos_emitidos - n.votos_validos,
    actas_counted: n.actas_contabilizadas,
    actas_total: n.actas_total,
    ...two(n.votos),
  };
  writeAggregate(
    'peru/2026/final/runoff_2026_final.results.csv',
    ['FP', 'JP'],
    [
      national,
      ambito('PERU', 'PERÚ', false),
      ambito('EXTRANJERO', 'EXTRANJERO', true),
      ...regions,
      ...countries,
    ],
  );
}

/** The runoff's count course: the nation after each captured ONPE update (8 June – 2 July 2026). */
function runoff2026Course(): void {
  const rows = parse(gz('peru/2026/final/runoff_2026_national_count_series.csv.gz'), {
    columns: true,
  }) as Record<string, string>[];
  writeAggregate(
    'peru/2026/final/runoff_2026_count_course.results.csv',
    ['FP', 'JP'],
    rows.map((r) => ({
      level: 'course',
      code: r['timestamp_utc'] as string,
      name: r['timestamp_utc'] as string,
      blank_null: Number(r['emitidos']) - Number(r['validos']),
      actas_counted: Number(r['actas_contab']),
      actas_total: Number(r['actas_total']),
      FP: Number(r['keiko']),
      JP: Number(r['sanchez']),
    })),
  );
}

/**
 * 2026 first round at 100 %, nationally, for what is itemised: the top seven; the other 29
 * candidates as one remainder of the candidates' sum (variant B: 16,749,424 valid, 1,045,425
 * null). ONPE's summary field gives 16,738,039 / 1,056,811: the manifest keeps both.
 */
function firstRound2026Final(): void {
  const top: [string, number][] = [
    ['keiko-fujimori', 2_877_678],
    ['roberto-sanchez', 2_015_114],
    ['rafael-lopez-aliaga', 1_993_905],
    ['jorge-nieto', 1_837_517],
    ['ricardo-belmont', 1_698_903],
    ['carlos-alvarez', 1_326_717],
    ['alfonso-lopez-chau', 1_221_272],
  ];
  const valid = 16_749_424;
  const unit: Row = {
    level: 'national',
    code: 'PE',
    name: 'TOTAL',
    blank: 2_372_896,
    null: 1_045_425,
    actas_counted: 92_766,
    actas_total: 92_766,
  };
  for (const [id, v] of top) unit[id] = v;
  unit['otros'] = valid - top.reduce((a, [, v]) => a + v, 0);
  writeAggregate(
    'peru/2026/final/first_round_2026_final_national.results.csv',
    [...top.map(([id]) => id), 'otros'],
    [unit],
  );
}

congress2021();
runoff2026();
firstRound2026();
runoff2026Final();
runoff2026Course();
firstRound2026Final();
