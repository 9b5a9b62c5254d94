// Parties drawn side by side must be told apart (issue 13 item 5): for every bundled election,
// the parties the dashboard shows together — the top bars and every party with seats (cifra's
// or a source's) — have colours at least MIN_DELTA_E apart in CIEDE2000. Colours come from the
// manifests and data/jurisdictions/pe/party-colors.json, the same for a party in every election.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElectionDef } from '../src/core/model/acta.js';
import { builtInElectionIds, bundledElection } from '../src/elections/manifests.js';
import { nameKey } from '../src/core/names.js';
import { choiceColors } from '../src/elections/party-colors.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { dataPath } from '../src/io/paths.js';
import { buildResults } from '../src/results/documents.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { getSeats } from '../src/results/service.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { builtInContestsIds } from '../src/elections/contests.js';
import { getContestsElection } from '../src/results/contests.js';
import { ERM_NONE, ERM_OTHERS, ERM_PALETTE, ermColors, ermTop } from '../web/erm-colors.js';
import { ciede2000, deltaE, labOf } from '../src/core/color-difference.js';
import { fixedClock, tempDir } from './helpers.js';

/**
 * CIEDE2000, not CIE76: CIE76 overstates differences between saturated colours (the parties'
 * reds and blues), CIEDE2000 corrects for it. ΔE00 ≈ 2.3 is about a just-noticeable difference
 * between large patches side by side; a hemicycle's seats and the legend's chips are a few pixels,
 * where colours must differ several times more to be told apart at a glance and named (which
 * party is this seat?). 15 is about six such steps, set above the pair the 2026 Congress views drew
 * as one red (Partido del Buen Gobierno #ac0707 beside Ahora Nación #e90305: ΔE00 12.5). The
 * drills held more: four greens in Puno's top eight (Juntos por el Perú, Cooperación Popular —
 * the same base colour as Frente de la Esperanza —, Venceremos, Frente de la Esperanza: ΔE00 5–13)
 * and Ahora Nación beside Perú Libre's and Perú Primero's reds (0.7, 2.4). Six colours changed
 * (data/PROVENANCE.md), the fewest that part every such pair; the closest pair left is Partido
 * Popular Cristiano beside Victoria Nacional (15.3, Peruvians abroad in 2021), in the national
 * views Ahora Nación beside Buen Gobierno (15.9).
 */
const MIN_DELTA_E = 15;
/** As many bars as the dashboard draws (web/bars.ts: the top eight, the rest in one line). */
const BARS = 8;
/** The drills below the nation: Peru's departments and its circunscripciones (LOE art. 21). */
const DRILLS = ['department', 'circunscripcion'] as const;

const ACTAS: Readonly<Record<string, string>> = {
  'pe-2021-presidencial':
    'peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
  'pe-2021-presidencial-segunda':
    'peru/2021/presidential_r2/onpe_resultados_por_mesa_presidencial_2021_2da_vuelta.csv.gz',
};

let store: SqliteStore;

beforeAll(async () => {
  store = new SqliteStore(join(tempDir('cifra-colors-'), 'c.db'));
  await store.migrate();
  for (const id of builtInElectionIds()) {
    const file = ACTAS[id];
    if (file === undefined) {
      expect((await putPublishedElection(store, id)).ok, id).toBe(true);
      continue;
    }
    const e = bundledElection(id);
    if (!e) throw new Error(id);
    await store.putElection(e);
    expect(
      (await ingestFile(store, { file: dataPath(file), election: e, now: fixedClock })).ok,
    ).toBe(true);
  }
}, 300_000);

afterAll(() => store.close());

/** The choices of a unit's top bars (web/bars.ts: by votes, the unitemised remainder apart). */
function topBars(def: ElectionDef, votes: readonly { readonly votes: number }[]): number[] {
  return def.choices
    .map((c, i) => ({ c, i, votes: votes[i]?.votes ?? 0 }))
    .filter((x) => x.c.remainder !== true)
    .sort((a, b) => b.votes - a.votes)
    .slice(0, BARS)
    .map((x) => x.i);
}

/** Pairs of the choices `shown` of `def` closer than MIN_DELTA_E, named with `where`. */
function closeChoices(def: ElectionDef, shown: readonly number[], where: string): string[] {
  const colors = choiceColors(def);
  const name = (i: number): string => def.choices[i]?.party || def.choices[i]?.label || '';
  const close: string[] = [];
  for (const [k, i] of shown.entries())
    for (const j of shown.slice(k + 1)) {
      const [a, b] = [colors[i] ?? '', colors[j] ?? ''];
      const d = deltaE(a, b);
      if (d < MIN_DELTA_E)
        close.push(`${where}: ${name(i)} ${a} ~ ${name(j)} ${b} (${d.toFixed(1)})`);
    }
  return close;
}

/** The choices shown together: the top bars of the national result and every party with seats. */
async function shownTogether(def: ElectionDef): Promise<Set<number>> {
  const n = (await buildResults(store, def, 'national')).units[0];
  const shown = new Set(topBars(def, n?.choices ?? []));
  const seats = await getSeats(store, def.id);
  if (!seats.ok) throw new Error(def.id);
  const doc = seats.value;
  const withSeats =
    doc.kind === 'presidential'
      ? []
      : [
          ...Object.entries(doc.result.seats),
          ...Object.entries(doc.kind === 'list' ? (doc.reported?.seats ?? {}) : {}),
        ]
          .filter(([, k]) => k > 0)
          .map(([key]) => key);
  for (const key of withSeats) {
    const i = def.choices.findIndex((c) => c.id === key || c.party === key || c.label === key);
    expect(i, `${def.id}: a party with seats, ${key}, is a choice`).toBeGreaterThanOrEqual(0);
    shown.add(i);
  }
  return shown;
}

describe('party colours shown together are told apart', () => {
  it('the ΔE00 used here is CIEDE2000 (Sharma et al. 2005, their test pairs)', () => {
    const pairs: [number[], number[], number][] = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 0, 0], [50, -1, 2], 2.3669],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[50, 2.5, 0], [61, -5, 29], 22.8977],
      [[50, 2.5, 0], [56, -27, -3], 31.903],
    ];
    for (const [p, q, e] of pairs) expect(ciede2000(p, q)).toBeCloseTo(e, 4);
    // sRGB red in CIELAB (D65): L 53.24, a 80.09, b 67.20
    expect(labOf('#ff0000').map((x) => Math.round(x * 100) / 100)).toEqual([53.24, 80.09, 67.2]);
  });

  it(`every bundled election: top ${BARS} bars and parties with seats, ΔE00 ≥ ${MIN_DELTA_E}`, async () => {
    const close: string[] = [];
    for (const id of builtInElectionIds()) {
      const def = bundledElection(id);
      if (!def) throw new Error(id);
      const shown = [...(await shownTogether(def))];
      expect(shown.length, id).toBeGreaterThan(1);
      close.push(...closeChoices(def, shown, id));
    }
    expect(close).toEqual([]);
  }, 120_000);

  it(`every bundled election's department and circunscripción drills: top ${BARS} bars of each unit, ΔE00 ≥ ${MIN_DELTA_E}`, async () => {
    const close: string[] = [];
    let drilled = 0;
    for (const id of builtInElectionIds()) {
      const def = bundledElection(id);
      if (!def) throw new Error(id);
      for (const level of DRILLS)
        for (const u of (await buildResults(store, def, level)).units) {
          drilled += 1;
          close.push(...closeChoices(def, topBars(def, u.choices), `${id} ${level} ${u.name}`));
        }
    }
    // the premise: every election has units to drill into
    expect(drilled).toBeGreaterThan(builtInElectionIds().length * 20);
    expect(close).toEqual([]);
  }, 120_000);

  it('a party has one colour in every bundled election (the palette was mended, not forked)', () => {
    const seen = new Map<string, Set<string>>();
    for (const id of builtInElectionIds()) {
      const def = bundledElection(id);
      if (!def) throw new Error(id);
      const colors = choiceColors(def);
      def.choices.forEach((c, i) => {
        if (c.remainder === true) return;
        const k = nameKey(c.party || c.label);
        seen.set(k, (seen.get(k) ?? new Set()).add(colors[i] ?? ''));
      });
    }
    // the regional and municipal elections' view draws a party in its own colour too
    for (const id of builtInContestsIds()) {
      const r = getContestsElection(id);
      if (!r.ok) throw new Error(id);
      const colors = ermColors(r.value.national.organisations);
      for (const o of r.value.national.organisations)
        if (o.color !== null) {
          const k = nameKey(o.party);
          seen.set(k, (seen.get(k) ?? new Set()).add(colors.get(o.party) ?? ''));
        }
    }
    const forked = [...seen].filter(([, cs]) => cs.size > 1).map(([k, cs]) => `${k}: ${[...cs]}`);
    expect(forked).toEqual([]);
    // the premise: parties that run in several elections
    expect(seen.get(nameKey('FUERZA POPULAR'))?.size).toBe(1);
  });
});

/** Pairs of `parties` whose colours are closer than MIN_DELTA_E, named with the view. */
function closePairs(view: string, parties: readonly string[], color: (p: string) => string) {
  const close: string[] = [];
  for (const [k, p] of parties.entries())
    for (const q of parties.slice(k + 1)) {
      const d = deltaE(color(p), color(q));
      if (d < MIN_DELTA_E)
        close.push(`${view}: ${p} ${color(p)} ~ ${q} ${color(q)} (${d.toFixed(1)})`);
    }
  return close;
}

/**
 * The ERM view (web/erm.ts, web/erm-colors.ts) draws a national party in its own colour (the
 * party table's, as in every election) and the regional movements, most with no colour of their
 * own, in palette colours by rank, leaving out those near a party's own; past the palette they
 * share one grey. Shown together: the national table's top organisations, the governors' map and
 * the capitals' mayors' map (their legends), and a council's lists. The bound guaranteed: the
 * table and both maps draw no grey and every pair in them differs by ΔE00 ≥ 15; any two palette
 * colours, and a palette colour beside a party's own, differ by as much, and from the grey, the
 * map's "no result" and the page. A council may hold several lists past the palette: those share
 * the grey, and the seats table beside the hemicycle names each.
 */
describe('ERM: the organisations shown together are told apart', () => {
  it(`the palette: every pair, and each against the grey, "no result" and white, ΔE00 ≥ ${MIN_DELTA_E}`, () => {
    const close = closePairs('palette', [...ERM_PALETTE], (c) => c);
    for (const c of ERM_PALETTE)
      for (const other of [ERM_OTHERS, ERM_NONE, '#ffffff'])
        if (deltaE(c, other) < MIN_DELTA_E) close.push(`${c} ~ ${other}`);
    expect(close).toEqual([]);
    expect(new Set(ERM_PALETTE.map((c) => c.toLowerCase())).size).toBe(ERM_PALETTE.length);
  });

  it('each ERM election: the national table and both maps, in palette colours, ΔE00 ≥ 15', () => {
    const close: string[] = [];
    const ids = builtInContestsIds();
    expect(ids).toEqual(expect.arrayContaining(['pe-erm-2022', 'pe-erm-2026']));
    for (const id of ids) {
      const r = getContestsElection(id);
      if (!r.ok) throw new Error(id);
      const doc = r.value;
      const colors = ermColors(doc.national.organisations);
      const color = (p: string): string => colors.get(p) ?? ERM_OTHERS;
      // the maps draw a decided winner, and a lead not decided (pale) in the leader's colour
      const winners = (kind: string): string[] => [
        ...new Set(
          doc.contests.flatMap((c) => {
            const p = c.winner ?? (c.decided === null && !c.secondRound ? c.leader : null);
            return c.kind === kind && p ? [p] : [];
          }),
        ),
      ];
      const views: [string, string[]][] = [
        ['table', ermTop(doc.national.organisations).map((o) => o.party)],
        ['governors', winners('governor')],
        ['mayors', winners('provincial-council')],
      ];
      for (const [view, parties] of views) {
        expect(parties.length, `${id} ${view}`).toBeGreaterThan(view === 'table' ? 1 : -1);
        const grey = parties.filter((p) => !colors.has(p));
        expect(grey, `${id} ${view}: drawn grey`).toEqual([]);
        close.push(...closePairs(`${id} ${view}`, parties, color));
      }
    }
    expect(close).toEqual([]);
  });
});
