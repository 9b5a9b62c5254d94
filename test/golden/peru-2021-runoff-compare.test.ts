// The observer's cross-check on the 2021 runoff: ONPE's per-mesa file against two independent
// transcriptions of the same actas (sergiocorreia, ronderos.pe), and the transcriptions against
// each other. The expected numbers are established here twice without cifra's readers or its
// comparison: a small reading of the three CSVs with csv-parse (below, the documented rules of
// docs/ingest.md "Comparing two sources"), and the literal numbers of EXPECTED, which a separate
// Python reading (csv module) of the same files gave. cifra's CLI and API must equal both.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { buildApi } from '../../src/api/server.js';
import { CompareSchema } from '../../src/api/schemas.js';
import { dataPath } from '../../src/io/paths.js';
import { openStore } from '../../src/store/open.js';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers.js';

const DIR = 'peru/2021/presidential_r2/';
const FILES = {
  onpe: dataPath(DIR + 'onpe_resultados_por_mesa_presidencial_2021_2da_vuelta.csv.gz'),
  sergiocorreia: dataPath(DIR + 'actas_electorales_sergiocorreia_via_jmcastagnetto.csv.gz'),
  ronderos: dataPath(DIR + 'actas_electorales_ronderos.pe.csv.gz'),
} as const;
type SourceId = keyof typeof FILES;

const REASONS = [
  'missing_in_a',
  'missing_in_b',
  // a mesa whose only row in a file could not be read: none here (every row of the files reads)
  'unreadable_in_a',
  'unreadable_in_b',
  // both files hold the mesa only in rows that could not be read (session 36): none here either
  'unreadable_in_both',
  'state_differs',
  'count_differs',
  'count_missing',
  'place_differs',
  'sum_mismatch_a',
  'sum_mismatch_b',
] as const;
const FIELDS = ['P1', 'P2', 'voters', 'blank', 'null', 'impugned', 'eligible'] as const;
type Field = (typeof FIELDS)[number];
interface Row {
  state: string;
  place: string;
  figures: Record<Field, number | null>;
}

const rows = (file: string): Record<string, string>[] =>
  parse(gunzipSync(readFileSync(file)).toString('utf8'), { columns: true }) as Record<
    string,
    string
  >[];
const key = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();

/** ONPE's file: its five state labels; an empty vote cell is 0, an acta without figures zeros. */
function readOnpe(): Map<string, Row> {
  const states: Record<string, string> = {
    CONTABILIZADA: 'counted',
    'COMPUTADA RESUELTA': 'resolved',
    ANULADA: 'annulled',
    'EN PROCESO': 'pending',
    'SIN INSTALAR': 'not_installed',
  };
  const out = new Map<string, Row>();
  for (const r of rows(FILES.onpe)) {
    const cells = ['N_CVAS', 'VOTOS_P1', 'VOTOS_P2', 'VOTOS_VB', 'VOTOS_VN', 'VOTOS_VI'];
    const none = cells.every((c) => r[c] === '');
    const z = (c: string): number => (r[c] === '' ? 0 : Number(r[c]));
    out.set(r['MESA_DE_VOTACION'] as string, {
      state: states[r['DESCRIP_ESTADO_ACTA'] as string] as string,
      place: r['UBIGEO'] as string,
      figures: {
        P1: z('VOTOS_P1'),
        P2: z('VOTOS_P2'),
        voters: none ? 0 : r['N_CVAS'] === '' ? null : Number(r['N_CVAS']),
        blank: z('VOTOS_VB'),
        null: z('VOTOS_VN'),
        impugned: z('VOTOS_VI'),
        eligible: Number(r['N_ELEC_HABIL']),
      },
    });
  }
  return out;
}

const LABELS = new Map(
  Object.entries({
    'ACTA ELECTORAL ANULADA': 'annulled',
    'MESA NO INSTALADA': 'not_installed',
    'ACTA ELECTORAL PENDIENTE': 'pending',
    'EN PROCESO DE DIGITACION': 'pending',
    'ACTA ELECTORAL PARA ENVIO AL JEE': 'jee',
    'ACTA ELECTORAL NORMAL': 'counted',
    'ACTA ELECTORAL RESUELTA': 'resolved',
  }),
);

/** A transcription: the first state column with a known label decides; NA is no figure. */
function readTranscription(
  file: string,
  cols: { mesa: string; states: string[] } & Record<Field | 'place', string>,
): Map<string, Row> {
  const out = new Map<string, Row>();
  for (const r of rows(file)) {
    const mesa = (r[cols.mesa] as string).padStart(6, '0');
    const label = cols.states.map((c) => LABELS.get(key(r[c] as string))).find((s) => s);
    expect(label, mesa).toBeDefined();
    const n = (c: string): number | null =>
      r[c] === 'NA' || r[c] === '' ? null : Number(r[c] as string);
    const figures = Object.fromEntries(FIELDS.map((f) => [f, n(cols[f])])) as Row['figures'];
    if (!out.has(mesa))
      out.set(mesa, {
        state: label as string,
        place: (r[cols.place] as string).padStart(6, '0'),
        figures,
      });
  }
  return out;
}

/** A net effect without its zero entries (the total always kept). */
const nonzero = (net: Readonly<Record<string, number>>): Record<string, number> =>
  Object.fromEntries(Object.entries(net).filter(([k, v]) => v !== 0 || k === 'total'));

const sumWrong = (x: Row): boolean => {
  const v = [x.figures.P1, x.figures.P2, x.figures.blank, x.figures.null, x.figures.impugned];
  if (x.figures.voters === null || v.some((n) => n === null)) return false;
  return v.reduce((s: number, n) => s + (n as number), 0) !== x.figures.voters;
};

/** The comparison, written from the documented rules: reasons in order, net A − B by primary. */
function expectedComparison(a: Map<string, Row>, b: Map<string, Row>) {
  const mesas = [...new Set([...a.keys(), ...b.keys()])].sort();
  const reasons = Object.fromEntries(REASONS.map((r) => [r, { mesas: 0, primary: 0 }]));
  const fieldMesas = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<Field, number>;
  const net = {
    P1: { total: 0 } as Record<string, number>,
    P2: { total: 0 } as Record<string, number>,
  };
  let disagree = 0;
  for (const m of mesas) {
    const [x, y] = [a.get(m), b.get(m)];
    const rs: string[] = [];
    if (!x) rs.push('missing_in_a');
    if (!y) rs.push('missing_in_b');
    if (x && y) {
      if (x.state !== y.state) rs.push('state_differs');
      const differ = FIELDS.filter((f) => {
        const [p, q] = [x.figures[f], y.figures[f]];
        return p !== null && q !== null && p !== q;
      });
      for (const f of differ) fieldMesas[f]++;
      if (differ.length > 0) rs.push('count_differs');
      if (FIELDS.some((f) => (x.figures[f] === null) !== (y.figures[f] === null)))
        rs.push('count_missing');
      if (x.place !== y.place) rs.push('place_differs');
    }
    if (x && sumWrong(x)) rs.push('sum_mismatch_a');
    if (y && sumWrong(y)) rs.push('sum_mismatch_b');
    if (rs.length === 0) continue;
    disagree++;
    for (const r of rs) (reasons[r] as { mesas: number }).mesas++;
    (reasons[rs[0] as string] as { primary: number }).primary++;
    for (const f of ['P1', 'P2'] as const) {
      const d = (x?.figures[f] ?? 0) - (y?.figures[f] ?? 0);
      net[f].total = (net[f].total ?? 0) + d;
      net[f][rs[0] as string] = (net[f][rs[0] as string] ?? 0) + d;
    }
  }
  return { mesas: mesas.length, disagree, reasons, fieldMesas, net };
}

const SOURCES: Readonly<Record<SourceId, Map<string, Row>>> = (() => {
  const onpe = readOnpe();
  const sergiocorreia = readTranscription(FILES.sergiocorreia, {
    mesa: 'num_mesa',
    states: ['observacion', 'observacion_detalle'],
    place: 'ubigeo',
    P1: 'votos_perulibre',
    P2: 'votos_fuerzapopular',
    voters: 'num_votos',
    blank: 'votos_blanco',
    null: 'votos_nulos',
    impugned: 'votos_impugnados',
    eligible: 'num_electores',
  });
  const ronderos = readTranscription(FILES.ronderos, {
    mesa: 'mesa',
    states: ['v2_OBSERVACION', 'v2_OBSERVACION_TXT'],
    place: 'v2_CCODI_UBIGEO',
    P1: 'v2_perulibre',
    P2: 'v2_fp',
    voters: 'v2_TOT_CIUDADANOS_VOTARON',
    blank: 'v2_blanco',
    null: 'v2_nulos',
    impugned: 'v2_impugnados',
    eligible: 'v2_NNUME_HABILM',
  });
  return { onpe, sergiocorreia, ronderos };
})();
const expected = (a: SourceId, b: SourceId) => expectedComparison(SOURCES[a], SOURCES[b]);

/**
 * What a separate Python reading of the same files gave (csv module, the same documented rules):
 * mesas compared, mesas that disagree, [mesas, primary] per reason that occurs, net A − B per
 * candidate (P1 Castillo, P2 Fujimori) overall and by primary reason.
 */
interface Expected {
  readonly mesas: number;
  readonly disagree: number;
  readonly reasons: Readonly<Partial<Record<(typeof REASONS)[number], readonly [number, number]>>>;
  readonly net: Readonly<Record<'P1' | 'P2', Readonly<Record<string, number>>>>;
}
const EXPECTED: Readonly<Record<string, Expected>> = {
  'onpe-sergiocorreia': {
    mesas: 86488,
    disagree: 3020,
    reasons: {
      state_differs: [3019, 3019],
      count_differs: [2771, 1],
      count_missing: [147, 0],
      sum_mismatch_b: [621, 0],
    },
    net: {
      P1: { total: 85434, state_differs: 85282, count_differs: 152 },
      P2: { total: 74567, state_differs: 74567 },
    },
  },
  'onpe-ronderos': {
    mesas: 86488,
    disagree: 21,
    reasons: { state_differs: [20, 20], count_differs: [2, 1] },
    net: {
      P1: { total: 317, state_differs: 165, count_differs: 152 },
      P2: { total: 34, state_differs: 34 },
    },
  },
  'sergiocorreia-ronderos': {
    mesas: 86488,
    disagree: 3016,
    reasons: {
      state_differs: [3016, 3016],
      count_differs: [2769, 0],
      count_missing: [147, 0],
      sum_mismatch_a: [621, 0],
    },
    net: {
      P1: { total: -85117, state_differs: -85117 },
      P2: { total: -74533, state_differs: -74533 },
    },
  },
};

/**
 * What each source counts, Σ per candidate over its whole file (the documented rule, actaCounts:
 * counted and resolved actas add their votes; an annulled acta books its votes as null; pending,
 * at the JEE or not installed add nothing — the runoff does not count a pending acta's figures).
 */
function countedTotals(id: SourceId): { P1: number; P2: number } {
  const t = { P1: 0, P2: 0 };
  for (const x of SOURCES[id].values())
    if (x.state === 'counted' || x.state === 'resolved')
      for (const f of ['P1', 'P2'] as const) t[f] += x.figures[f] ?? 0;
  return t;
}

/** A − B of what each counts (Castillo, Fujimori), as the independent reading gives them. */
const COUNTED: Readonly<Record<string, readonly [number, number]>> = {
  'onpe-sergiocorreia': [185276, 226501],
  'onpe-ronderos': [-1213, -1605],
  'sergiocorreia-ronderos': [-186489, -228106],
};

const PAIRS: readonly [SourceId, SourceId][] = [
  ['onpe', 'sergiocorreia'],
  ['onpe', 'ronderos'],
  ['sergiocorreia', 'ronderos'],
];

/** A cifra report in the shape of the expectations. */
function shapeOf(r: ReturnType<typeof CompareSchema.parse>) {
  const reasons = Object.fromEntries(
    r.reasons.map((x) => [x.reason, { mesas: x.mesas, primary: x.primary }]),
  );
  const fieldMesas = Object.fromEntries(r.countDiffers.map((c) => [c.field, c.mesas]));
  const net = Object.fromEntries(
    r.net
      .filter((n) => n.field === 'P1' || n.field === 'P2')
      .map((n) => [n.field, nonzero({ total: n.total, ...n.byReason })]),
  );
  return { mesas: r.mesas.compared, disagree: r.mesas.disagree, reasons, fieldMesas, net };
}

describe('cifra compare on the 2021 runoff (ONPE and two independent transcriptions)', () => {
  it('the independent csv-parse reading agrees with the Python reading', () => {
    for (const [a, b] of PAIRS) {
      const e = expected(a, b);
      const lit = EXPECTED[`${a}-${b}`] as Expected;
      expect([a, b, e.mesas, e.disagree]).toEqual([a, b, lit.mesas, lit.disagree]);
      for (const r of REASONS)
        expect([a, b, r, e.reasons[r]]).toEqual([
          a,
          b,
          r,
          {
            mesas: lit.reasons[r]?.[0] ?? 0,
            primary: lit.reasons[r]?.[1] ?? 0,
          },
        ]);
      for (const f of ['P1', 'P2'] as const) expect(nonzero(e.net[f])).toEqual(lit.net[f]);
      const [ta, tb] = [countedTotals(a), countedTotals(b)];
      expect([a, b, ta.P1 - tb.P1, ta.P2 - tb.P2]).toEqual([a, b, ...(COUNTED[`${a}-${b}`] ?? [])]);
    }
  });

  it.each(PAIRS)(
    'cifra compare %s %s (the election and readers found by SHA-256) gives those numbers',
    async (a, b) => {
      const r = await cli('compare', FILES[a], FILES[b], '--format', 'json');
      expect(r.code).toBe(0);
      expect(r.err).toContain('pe-2021-presidencial-segunda declares the files');
      const report = CompareSchema.parse(JSON.parse(r.out));
      expect([report.a.id, report.b.id]).toEqual([a, b]);
      expect([report.a.actas, report.b.actas, report.a.unreadable, report.b.unreadable]).toEqual([
        86488, 86488, 0, 0,
      ]);
      const got = shapeOf(report);
      const e = expected(a, b);
      expect(got.mesas).toBe(e.mesas);
      expect(got.disagree).toBe(e.disagree);
      expect(got.reasons).toEqual(e.reasons);
      expect(got.fieldMesas).toEqual(e.fieldMesas);
      for (const f of ['P1', 'P2'] as const) expect(got.net[f]).toEqual(nonzero(e.net[f]));
      // what each source counts, A − B: its whole file's counted totals, not the raw figures
      const counted = (f: string) => report.counted?.find((c) => c.field === f)?.total;
      const [ta, tb] = [countedTotals(a), countedTotals(b)];
      expect([counted('P1'), counted('P2')]).toEqual([ta.P1 - tb.P1, ta.P2 - tb.P2]);
      expect(report.disagreements).toHaveLength(e.disagree);
    },
  );

  it("the one mesa both transcriptions read alike and ONPE's file does not: 012438", async () => {
    const r = await cli('compare', FILES.onpe, FILES.ronderos, '--format', 'csv');
    const lines = r.out.split('\n');
    const head = (lines[0] as string).split(',');
    const row = lines.find((l) => l.startsWith('012438,'))?.split(',') ?? [];
    const at = (c: string) => row[head.indexOf(c)];
    expect([at('primary'), at('P1_a'), at('P1_b'), at('voters_a'), at('voters_b')]).toEqual([
      'count_differs',
      '152',
      '0',
      '300',
      '118',
    ]);
  });

  it("GET /api/v1/compare serves the same numbers for the manifest's source ids, paged, cached", async () => {
    const store = openStore(':memory:');
    await store.migrate();
    const app = await buildApi({ store, tokenHash: null });
    try {
      const url =
        '/api/v1/compare?election=pe-2021-presidencial-segunda&a=onpe&b=ronderos&limit=5&offset=3';
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toMatch(/^public/);
      const report = CompareSchema.parse(res.json());
      const e = expected('onpe', 'ronderos');
      expect(shapeOf(report).reasons).toEqual(e.reasons);
      expect(report.page).toEqual({ offset: 3, limit: 5, total: e.disagree });
      expect(report.disagreements).toHaveLength(5);
      expect(report.a.file).toBe('onpe_resultados_por_mesa_presidencial_2021_2da_vuelta.csv.gz');
      const again = await app.inject({
        url,
        headers: { 'if-none-match': String(res.headers['etag']) },
      });
      expect(again.statusCode).toBe(304);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
