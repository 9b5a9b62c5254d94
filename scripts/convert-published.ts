// `npx tsx scripts/convert-published.ts`: turns the bundled third-party captures of published
// aggregates (each in its own shape) into cifra's aggregate CSV (docs/elections.md), which one
// reader loads for every election manifest. Run once when a capture is added; the outputs are
// committed beside their sources and named in the folders' PROVENANCE.md. Values are copied,
// never computed, except the sums named below (provinces, departments and the national total of
// the 2026 first round are sums of its districts, as before).
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
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
  writeFileSync(dataPath(path), lines.join('\n') + '\n');
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
    'peru/2026/partial_results_2026-04-27/presidencial_2026-04-27_by_district.results.csv',
    ids,
    rows,
  );
}

congress2021();
runoff2026();
firstRound2026();
