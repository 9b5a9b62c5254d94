import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { ElectionDef } from '../core/model/acta.js';
import { percentHalfUp } from '../core/ratio.js';
import { dataPath } from '../io/paths.js';
import type { ResultUnit } from '../results/documents.js';
import type { PublishedUnit } from '../store/store.js';

/** An election known from published aggregates, ready for Store.putPublished. */
export interface PublishedElection {
  readonly def: ElectionDef;
  readonly units: readonly PublishedUnit[];
  /** Official seats, when the source publishes them. */
  readonly seats: OfficialSeats | null;
}

export interface OfficialSeats {
  readonly kind: 'official';
  readonly source: string;
  readonly totalSeats: number;
  readonly seats: Record<string, number>;
  readonly passed: readonly string[];
  readonly valla: string;
  readonly seatsByDistrict: Record<string, number>;
}

function unit(
  level: ResultUnit['level'],
  code: string,
  name: string,
  def: ElectionDef,
  votes: readonly number[],
  f: {
    blank: number;
    null: number;
    eligible: number;
    actas?: { counted: number; total: number; pending: number };
  },
): ResultUnit {
  const valid = votes.reduce((a, b) => a + b, 0);
  const emitted = valid + f.blank + f.null;
  const a = f.actas ?? { counted: 0, total: 0, pending: 0 };
  return {
    level,
    code,
    name,
    choices: def.choices.map((c, i) => ({
      id: c.id,
      label: c.label,
      party: c.party,
      votes: votes[i] ?? 0,
      pctValid: percentHalfUp(votes[i] ?? 0, valid),
      pctEmitted: percentHalfUp(votes[i] ?? 0, emitted),
    })),
    valid,
    blank: f.blank,
    null: f.null,
    impugned: 0,
    emitted,
    eligible: f.eligible,
    participation: percentHalfUp(emitted, f.eligible),
    blankPctEmitted: percentHalfUp(f.blank, emitted),
    nullPctEmitted: percentHalfUp(f.null, emitted),
    actas: {
      total: a.total,
      counted: a.counted,
      resolved: 0,
      annulled: 0,
      notInstalled: 0,
      pending: a.pending,
      jee: 0,
      pendingWithFigures: 0,
      processed: a.counted,
      pctProcessed: percentHalfUp(a.counted, a.total),
    },
    eligibleRemaining: 0,
  };
}

/** Congress 2021: JNE 0602-2021 — national valid votes of the ten lists that passed, the totals, the seats. */
export function congress2021(): PublishedElection {
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
  const districts = parse(
    readFileSync(dataPath('peru/2021/congress/seats_by_district_2021.csv'), 'utf8'),
    { columns: true },
  ) as Record<string, string>[];
  const valid = totals.get('votos_validos') ?? 0;
  const listed = rows.reduce((a, r) => a + Number(r['valid_votes']), 0);
  const def: ElectionDef = {
    id: 'pe-2021-congreso',
    label: 'Perú 2021 — Congreso (JNE 0602-2021, resultado oficial nacional)',
    ruleset: 'pe-2021-congreso',
    jurisdiction: 'pe',
    choices: [
      ...rows.map((r) => ({
        id: r['party_short_name'] ?? '',
        label: r['party_short_name'] ?? '',
        party: r['party_onpe_name'] ?? '',
      })),
      { id: 'OTRAS', label: 'Otras listas (no superaron la valla)', party: 'OTRAS LISTAS' },
    ],
    published: {
      status: 'final',
      asOf: '2021-06-12',
      pctCounted: '100.000',
      source: 'JNE, Resolución N.° 0602-2021-JNE (Andina, 12-Jun-2021)',
      figures: 'votes',
    },
  };
  const votes = [...rows.map((r) => Number(r['valid_votes'])), valid - listed];
  const national = unit('national', 'PE', 'TOTAL', def, votes, {
    blank: totals.get('votos_en_blanco') ?? 0,
    null: totals.get('votos_nulos') ?? 0,
    eligible: 0,
  });
  return {
    def,
    units: [{ level: 'national', code: 'PE', doc: national }],
    seats: {
      kind: 'official',
      source: 'JNE, Resolución N.° 0602-2021-JNE',
      totalSeats: Number(totals.get('seats_total') ?? 130),
      seats: Object.fromEntries(rows.map((r) => [r['party_short_name'] ?? '', Number(r['seats'])])),
      passed: rows.map((r) => r['party_short_name'] ?? ''),
      valla: `LOE art. 20 (2021): 5 % of ${valid.toLocaleString('en-US')} valid votes = ${Math.ceil(valid / 20).toLocaleString('en-US')}, or 7 seats in more than one circunscripción; the ten lists passed by the 5 % route, the other lists did not`,
      seatsByDistrict: Object.fromEntries(
        districts.map((d) => [d['electoral_district'] ?? '', Number(d['seats_2021'])]),
      ),
    },
  };
}

/** 2026 runoff, provisional: ONPE by department at 2026-06-10 06:24 UTC (25 domestic departments). */
export function runoff2026(): PublishedElection {
  const snap = JSON.parse(
    gunzipSync(
      readFileSync(
        dataPath('peru/2026/runoff_partial_2026-06-10/onpe-territorial-snapshot.json.gz'),
      ),
    ).toString('utf8'),
  ) as {
    timestamp: string;
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
  const def0: ElectionDef = {
    id: 'pe-2026-presidencial-segunda',
    label: 'Perú 2026 — Presidencial, segunda vuelta (PROVISIONAL, ONPE por departamento)',
    ruleset: 'pe-2026-presidencial-segunda',
    jurisdiction: 'pe',
    choices: [
      { id: 'FP', label: 'KEIKO FUJIMORI', party: 'FUERZA POPULAR' },
      { id: 'JP', label: 'ROBERTO SÁNCHEZ', party: 'JUNTOS POR EL PERÚ' },
    ],
  };
  const deps = snap.departments.map((d) => ({
    code: d.code.slice(0, 2),
    name: d.name.toUpperCase(),
    votes: [d.votesKeiko, d.votesSanchez],
    actas: { counted: d.actasContabilizadas, total: d.actasTotal, pending: d.actasPendientes },
  }));
  const sum = (f: (d: (typeof deps)[number]) => number): number =>
    deps.reduce((a, d) => a + f(d), 0);
  const counted = sum((d) => d.actas.counted);
  const total = sum((d) => d.actas.total);
  const def: ElectionDef = {
    ...def0,
    published: {
      status: 'provisional',
      asOf: snap.timestamp,
      pctCounted: percentHalfUp(counted, total),
      source:
        'ONPE resultados segunda vuelta, captura por departamento (repositorio chrisbacale/elecciones-peru-2026); sin el voto en el extranjero',
      figures: 'valid-only',
    },
  };
  const units: PublishedUnit[] = deps.map((d) => ({
    level: 'department',
    code: d.code,
    doc: unit('department', d.code, d.name, def, d.votes, {
      blank: 0,
      null: 0,
      eligible: 0,
      actas: d.actas,
    }),
  }));
  const national = unit(
    'national',
    'PE',
    'PERÚ (25 departamentos, sin extranjero)',
    def,
    [sum((d) => d.votes[0] ?? 0), sum((d) => d.votes[1] ?? 0)],
    {
      blank: 0,
      null: 0,
      eligible: 0,
      actas: { counted, total, pending: sum((d) => d.actas.pending) },
    },
  );
  units.push(
    { level: 'national', code: 'PE', doc: national },
    {
      level: 'ambito',
      code: 'PERU',
      doc: { ...national, level: 'ambito', code: 'PERU', name: 'PERÚ' },
    },
  );
  return { def, units, seats: null };
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

interface DistrictRow {
  readonly total_votos: number;
  readonly candidato_id: string;
  readonly candidato: string;
  readonly partido: string;
  readonly departamento: string;
  readonly provincia: string;
  readonly distrito: string;
  readonly ubigeo_reniec: string;
  readonly hora: string;
}

/** 2026 first round, provisional: ONPE presidential votes by district (27-Apr-2026, ~96 %) and abroad. */
export function firstRound2026(): PublishedElection {
  const read = (name: string): DistrictRow[] =>
    JSON.parse(
      gunzipSync(
        readFileSync(
          dataPath(
            `peru/2026/partial_results_2026-04-27/presidencial_por_distrito/${name}.json.gz`,
          ),
        ),
      ).toString('utf8'),
    ) as DistrictRow[];
  const domestic = DEPARTMENT_FILES.flatMap(read);
  const abroad = read('extranjero');
  const total = JSON.parse(
    gunzipSync(
      readFileSync(dataPath('peru/2026/partial_results_2026-04-27/resultados_total_2026.json.gz')),
    ).toString('utf8'),
  ) as { departamento: string; conteo: number; hora: string }[];
  const nationalRow = total.find((r) => r.departamento === 'TOTAL');
  const ids = [...new Set([...domestic, ...abroad].map((r) => r.candidato_id))];
  const first = new Map([...domestic, ...abroad].map((r) => [r.candidato_id, r]));
  const def: ElectionDef = {
    id: 'pe-2026-presidencial',
    label: 'Perú 2026 — Presidencial, primera vuelta (PROVISIONAL, ONPE por distrito)',
    ruleset: 'pe-2026-presidencial',
    jurisdiction: 'pe',
    choices: ids.map((id) => ({
      id,
      label: (first.get(id)?.candidato ?? id).toUpperCase(),
      party: (first.get(id)?.partido ?? '').toUpperCase(),
    })),
    published: {
      status: 'provisional',
      asOf: `${domestic[0]?.hora ?? ''} (Lima)`,
      pctCounted: nationalRow ? nationalRow.conteo.toFixed(3) : null,
      source:
        'ONPE resultados primera vuelta, captura por distrito (repositorio antoniocuga/2026-peru-elecciones)',
      figures: 'valid-only',
    },
  };
  const index = new Map(ids.map((id, i) => [id, i]));
  const groups = new Map<
    string,
    { level: ResultUnit['level']; code: string; name: string; votes: number[] }
  >();
  const add = (level: ResultUnit['level'], code: string, name: string, r: DistrictRow): void => {
    const key = `${level}:${code}`;
    let g = groups.get(key);
    if (!g)
      groups.set(key, (g = { level, code, name, votes: new Array<number>(ids.length).fill(0) }));
    const i = index.get(r.candidato_id) as number;
    g.votes[i] = (g.votes[i] ?? 0) + r.total_votos;
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
  const units: PublishedUnit[] = [...groups.values()].map((g) => ({
    level: g.level,
    code: g.code,
    doc: unit(g.level, g.code, g.name, def, g.votes, { blank: 0, null: 0, eligible: 0 }),
  }));
  return { def, units, seats: null };
}

/**
 * 2026 Chamber of Deputies: the seat projection a third party (antoniocuga/2026-peru-elecciones)
 * computed from ONPE's partial count of 27-Apr-2026 (~82 % of actas) with its own valla reading.
 * Not official, and not cifra's computation (the per-district votes of every list are not in the
 * snapshot); shown as provisional, with its source.
 */
export function deputies2026Projection(): PublishedElection {
  const d = JSON.parse(
    readFileSync(dataPath('peru/2026/partial_results_2026-04-27/congreso_final.json'), 'utf8'),
  ) as {
    generated_at: string;
    seats_total: number;
    partidos: { partido_id: string; partido: string; curules: number }[];
  };
  const def: ElectionDef = {
    id: 'pe-2026-diputados',
    label: 'Perú 2026 — Cámara de Diputados (PROYECCIÓN de terceros, conteo parcial)',
    ruleset: 'pe-2026-diputados',
    jurisdiction: 'pe',
    choices: d.partidos.map((p) => ({ id: p.partido, label: p.partido, party: p.partido_id })),
    published: {
      status: 'provisional',
      asOf: `${d.generated_at} (Lima)`,
      pctCounted: null,
      source:
        'Proyección de escaños de antoniocuga/2026-peru-elecciones sobre el conteo parcial de ONPE (~82 % de actas); no oficial, no calculada por cifra',
      figures: 'valid-only',
    },
  };
  return {
    def,
    units: [],
    seats: {
      kind: 'official',
      source:
        'third-party projection (antoniocuga/2026-peru-elecciones, congreso_final.json) — not official',
      totalSeats: d.seats_total,
      seats: Object.fromEntries(d.partidos.map((p) => [p.partido, p.curules])),
      passed: d.partidos.map((p) => p.partido),
      valla:
        'as applied by that projection: 5 % of valid votes and 7 deputies (Renovación Popular let through by its single-constituency reading)',
      seatsByDistrict: {},
    },
  };
}

export const PUBLISHED_ELECTIONS: readonly (() => PublishedElection)[] = [
  congress2021,
  firstRound2026,
  runoff2026,
  deputies2026Projection,
];
