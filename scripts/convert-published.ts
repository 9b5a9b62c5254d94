// `npx tsx scripts/convert-published.ts`: turns the bundled third-party captures of published
// aggregates (each in its own shape) into cifra's aggregate CSV (docs/elections.md), which one
// reader loads for every election manifest. Run once when a capture is added; the outputs are
// committed beside their sources and named in the folders' PROVENANCE.md. Values are copied,
// never computed, except the sums named below (provinces, departments and the national total of
// the 2026 first round are sums of its districts, as before).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { AGGREGATE_FIGURES } from '../src/elections/aggregate.js';
import { nameKey } from '../src/core/names.js';
import { dataPath } from '../src/io/paths.js';

type Row = Record<string, string | number>;

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function writeAggregate(path: string, choiceIds: readonly string[], rows: readonly Row[]): void {
  const head = ['level', 'code', 'name', ...AGGREGATE_FIGURES, ...choiceIds];
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

interface CongressRow {
  readonly cargo: string;
  readonly circunscripcion: string;
  readonly seats: string;
  readonly party: string;
  readonly votes: string;
}

const BLANK_ROW = 'VOTOS EN BLANCO';
const NULL_ROW = 'VOTOS NULOS';
/** The capture's names that are not the pe jurisdiction's circunscripción names. */
const CAPTURE_CIRCUNSCRIPCIONES: Readonly<Record<string, string>> = { LIMA: '15', PEX: '27' };

/** The pe jurisdiction's circunscripciones: name key → code and name (and the capture's names). */
function circunscripciones(): Map<string, { code: string; name: string }> {
  const j = JSON.parse(readFileSync(dataPath('jurisdictions/pe/jurisdiction.json'), 'utf8')) as {
    levels: { id: string; names?: Record<string, string> }[];
  };
  const names = j.levels.find((l) => l.id === 'circunscripcion')?.names ?? {};
  const m = new Map(Object.entries(names).map(([code, name]) => [nameKey(name), { code, name }]));
  for (const [alias, code] of Object.entries(CAPTURE_CIRCUNSCRIPCIONES))
    m.set(alias, { code, name: names[code] ?? code });
  return m;
}

/** A choice id from a party name: lower case, no accents, words joined by '-'. */
function slug(party: string): string {
  return nameKey(party)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A party's words without the legal form ("PARTIDO POLÍTICO", "ALIANZA ELECTORAL"), for colours. */
function partyWords(party: string): string[] {
  return nameKey(party)
    .replace(/^(PARTIDO POLITICO|PARTIDO|ALIANZA ELECTORAL|ALIANZA) /, '')
    .split(/[^A-Z0-9]+/)
    .filter((w) => w !== '');
}

/**
 * The colour the 2026 first-round manifest gives the party (a party keeps its colour across
 * elections): the same words, or the only party whose words contain all of this one's.
 */
function colourOf(party: string, colours: ReadonlyMap<string, string>): string | undefined {
  const words = partyWords(party);
  const key = words.join('');
  const exact = [...colours].filter(([p]) => partyWords(p).join('') === key);
  if (exact.length === 1) return exact[0]?.[1];
  const within = (a: string[], b: string[]): boolean => a.every((w) => b.includes(w));
  const near = [...colours].filter(
    ([p]) => within(partyWords(p), words) || within(words, partyWords(p)),
  );
  return near.length === 1 ? near[0]?.[1] : undefined;
}

/** A unit of a chamber: party → votes, with the blank and null rows. */
interface ChamberUnit {
  readonly level: string;
  readonly code: string;
  readonly name: string;
  readonly votes: Map<string, number>;
}

/** The capture's rows of some cargos as units: one per circunscripción, or one national unit. */
function unitsOf(
  rows: readonly CongressRow[],
  cargo: string,
  circ: ReadonlyMap<string, { code: string; name: string }>,
  national: { code: string; name: string } | null,
): ChamberUnit[] {
  const units = new Map<string, ChamberUnit>();
  for (const r of rows.filter((x) => x.cargo === cargo)) {
    const c = national ?? circ.get(nameKey(r.circunscripcion));
    if (c === undefined) throw new Error(`unknown circunscripción ${r.circunscripcion}`);
    const level = national ? 'national' : 'circunscripcion';
    const u = units.get(c.code) ?? { level, code: c.code, name: c.name, votes: new Map() };
    if (u.votes.has(r.party)) throw new Error(`duplicate row ${cargo} ${c.code} ${r.party}`);
    u.votes.set(r.party, Number(r.votes));
    units.set(c.code, u);
  }
  return [...units.values()].sort((a, b) => Number(a.code) - Number(b.code));
}

/**
 * Writes one chamber's aggregate CSV and puts its choices (by votes, most first) and the CSV's
 * SHA-256 into its manifest (data/elections/<id>.json, which must exist; other fields are kept).
 */
function writeChamber(
  id: string,
  file: string,
  units: ChamberUnit[],
  colours: ReadonlyMap<string, string>,
): void {
  const total = new Map<string, number>();
  for (const u of units)
    for (const [p, v] of u.votes)
      if (p !== BLANK_ROW && p !== NULL_ROW) total.set(p, (total.get(p) ?? 0) + v);
  const parties = [...total].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([p]) => p);
  const rows: Row[] = units.map((u) => {
    const row: Row = {
      level: u.level,
      code: u.code,
      name: u.name,
      blank: u.votes.get(BLANK_ROW) ?? '',
      null: u.votes.get(NULL_ROW) ?? '',
    };
    // a party without a list in the unit has no cell: the source gives no figure
    for (const p of parties) if (u.votes.has(p)) row[slug(p)] = u.votes.get(p) as number;
    return row;
  });
  writeAggregate(file, parties.map(slug), rows);
  const path = dataPath('elections', `${id}.json`);
  if (!existsSync(path)) throw new Error(`write the manifest ${path} first`);
  const m = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  m['choices'] = parties.map((p) => {
    const color = colourOf(p, colours);
    return { id: slug(p), label: p, party: p, ...(color === undefined ? {} : { color }) };
  });
  const sha256 = createHash('sha256')
    .update(readFileSync(dataPath(file)))
    .digest('hex');
  m['sources'] = (m['sources'] as Record<string, unknown>[]).map((s) => ({ ...s, sha256 }));
  writeFileSync(path, JSON.stringify(m, null, 2) + '\n');
  const plain = parties.filter((p) => colourOf(p, colours) === undefined);
  console.log(
    `wrote data/elections/${id}.json (${parties.length} lists; no colour: ${plain.join(', ')})`,
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

/**
 * 2026 Congress, ONPE at ~86 % of actas (11-May-2026 17:46, third-party capture): Deputies per
 * circunscripción, the national row their sum; the Senate's regional lists per circunscripción
 * and its national list (DEU) as the national row — a ballot of its own, not a sum.
 */
function congress2026(): void {
  const rows = parse(gz('peru/2026/final/congress_2026_votes_by_district_partial86pct.csv.gz'), {
    columns: true,
  }) as CongressRow[];
  const circ = circunscripciones();
  const first = JSON.parse(
    readFileSync(dataPath('elections/pe-2026-presidencial-distritos.json'), 'utf8'),
  ) as {
    choices: { party: string; color?: string }[];
  };
  const colours = new Map(
    first.choices.flatMap((c) => (c.color === undefined ? [] : [[c.party, c.color] as const])),
  );
  const deputies = unitsOf(rows, 'diputado', circ, null);
  const sum = new Map<string, number>();
  for (const u of deputies) for (const [p, v] of u.votes) sum.set(p, (sum.get(p) ?? 0) + v);
  writeChamber(
    'pe-2026-diputados',
    'peru/2026/final/diputados_2026_86pct.results.csv',
    [{ level: 'national', code: 'PE', name: 'TOTAL', votes: sum }, ...deputies],
    colours,
  );
  const deu = unitsOf(rows, 'senado_nacional', circ, {
    code: 'PE',
    name: 'LISTA NACIONAL (DEU)',
  });
  writeChamber(
    'pe-2026-senado',
    'peru/2026/final/senado_2026_86pct.results.csv',
    [...deu, ...unitsOf(rows, 'senado_regional', circ, null)],
    colours,
  );
}

/** A Spanish choice id from an acronym: no dots ("B.N.G." → "bng"), other signs as '-'. */
function slugEs(acronym: string): string {
  return slug(acronym.replace(/\./g, ''));
}

const csvRows = (p: string): Record<string, string>[] =>
  parse(p.endsWith('.gz') ? gz(p) : readFileSync(dataPath(p), 'utf8'), {
    columns: true,
  }) as Record<string, string>[];

/**
 * Spain 2023 Congreso (data/spain/2023, the Ministry's final count as a third party copied it):
 * one unit per province, the national row their sum. A province's PSOE and SUMAR candidacies
 * (PSC, SUMAR - ECP, …) are counted under their formation, as formations_congreso_2023.csv says;
 * no province has two of one formation. The published seats are the official table's, summed
 * per formation; the manifest's choices (by votes, most first) and SHA-256 are filled in.
 */
function spainCongreso2023(): void {
  const dir = 'spain/2023';
  const formation = new Map(
    csvRows(`${dir}/formations_congreso_2023.csv`).map((r) => [r['party'], r['formation']]),
  );
  const of = (party: string): string => formation.get(party) ?? party;
  const provinces = csvRows(`${dir}/districts_congreso_2023.csv`);
  const national = new Map<string, number>();
  const units: Row[] = provinces.map((d) => ({
    level: 'province',
    code: d['district_code'] ?? '',
    name: d['district'] ?? '',
    blank: Number(d['blank']),
    null: Number(d['null']),
  }));
  const byName = new Map(units.map((u) => [u.name, u]));
  for (const v of csvRows(`${dir}/votes_congreso_2023.csv.gz`)) {
    const u = byName.get(v['district'] ?? '');
    const id = slugEs(of(v['party'] ?? ''));
    if (u === undefined || id in u) throw new Error(`${v['district']} ${v['party']}`);
    u[id] = Number(v['votes']);
    national.set(of(v['party'] ?? ''), (national.get(of(v['party'] ?? '')) ?? 0) + u[id]);
  }
  const sum = (col: string): number => units.reduce((a, u) => a + Number(u[col]), 0);
  const total: Row = { level: 'national', code: 'ES', name: 'TOTAL', blank: sum('blank') };
  total['null'] = sum('null');
  const parties = [...national].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [p, v] of parties) total[slugEs(p)] = v;
  const ids = parties.map(([p]) => slugEs(p));
  if (new Set(ids).size !== ids.length) throw new Error('two formations share an id');
  const file = `${dir}/congreso_2023_by_province.results.csv`;
  writeAggregate(file, ids, [total, ...units]);
  const seats: Record<string, number> = {};
  for (const s of csvRows(`${dir}/seats_official_congreso_2023.csv`))
    seats[of(s['party'] ?? '')] = (seats[of(s['party'] ?? '')] ?? 0) + Number(s['seats']);
  const path = dataPath('elections', 'es-2023-congreso.json');
  const m = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  m['choices'] = parties.map(([p]) => ({ id: slugEs(p), label: p, party: p }));
  const sha256 = createHash('sha256')
    .update(readFileSync(dataPath(file)))
    .digest('hex');
  m['sources'] = (m['sources'] as Record<string, unknown>[]).map((s) => ({ ...s, sha256 }));
  const published = m['seats'] as Record<string, unknown>;
  published['seats'] = Object.fromEntries(Object.entries(seats).sort((a, b) => b[1] - a[1]));
  published['passed'] = [];
  writeFileSync(path, JSON.stringify(m, null, 2) + '\n');
  console.log(`wrote data/elections/es-2023-congreso.json (${parties.length} formations)`);
}

const CONVERSIONS: Readonly<Record<string, () => void>> = {
  'congress-2021': congress2021,
  'runoff-2026': runoff2026,
  'first-round-2026': firstRound2026,
  'runoff-2026-final': runoff2026Final,
  'runoff-2026-course': runoff2026Course,
  'first-round-2026-final': firstRound2026Final,
  'congress-2026': congress2026,
  'spain-congreso-2023': spainCongreso2023,
};
const asked = process.argv.slice(2);
for (const [name, run] of Object.entries(CONVERSIONS))
  if (asked.length === 0 || asked.includes(name)) run();
