import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElectionDef } from '../src/core/model/acta.js';
import type { PublishedSeatsFile } from '../src/core/model/manifest.js';
import { mergePatch } from '../src/core/rulesets/overrides.js';
import { readRulesetSource } from '../src/elections/rulesets.js';
import { publishedUnit } from '../src/results/published-units.js';
import type { Store } from '../src/store/store.js';

/**
 * A small list election for the what-if tests, stored as an authority's published aggregates by
 * circunscripción (as `npm start` stores an aggregate manifest), under a ruleset in the 2026 style:
 * pe-2026-diputados with three circunscripciones (14 seats) and its valla — 5 % of valid votes
 * AND a number of seats in the preliminary allocation — with 2 seats instead of 7.
 */
export const LISTS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

export const DISTRICTS = [
  { name: 'Lima Metropolitana', code: '15', seats: 7 },
  { name: 'Callao', code: '07', seats: 4 },
  { name: 'Arequipa', code: '04', seats: 3 },
] as const;

/**
 * Votes per district (rows) and list (columns A–F). National: A 480,000, B 380,000, C 255,000,
 * D 130,000 (9.665 %), E 65,000 (4.833 %), F 35,000 of 1,345,000.
 */
export const VOTES: readonly (readonly number[])[] = [
  [300_000, 210_000, 130_000, 80_000, 5_000, 20_000],
  [100_000, 120_000, 55_000, 30_000, 5_000, 10_000],
  [80_000, 50_000, 70_000, 20_000, 55_000, 5_000],
];

/**
 * A third party's seats table for the list election (14 seats: 6, 5, 3), allocated on
 * `pctCounted` % of actas when given (a provisional allocation), else on the whole count.
 */
export const thirdPartySeats = (pctCounted?: string): PublishedSeatsFile => ({
  kind: 'third-party',
  source: 'Un simulador de prueba',
  totalSeats: 14,
  seats: { A: 6, B: 5, C: 3 },
  passed: ['A', 'B', 'C'],
  seatsByDistrict: {},
  ...(pctCounted === undefined ? {} : { pctCounted }),
});

/** The 2026-style ruleset file (a merge patch onto pe-2026-diputados), written into `dir`. */
export function writeStyleRuleset(dir: string, minSeats = 2): string {
  const src = readRulesetSource('pe-2026-diputados');
  if (!src.ok) throw new Error('pe-2026-diputados');
  const threshold = structuredClone(
    (src.value.json as { threshold: { conditions: Record<string, unknown>[] } }).threshold,
  );
  (threshold.conditions[1] as Record<string, unknown>)['min'] = minSeats;
  const file = mergePatch(src.value.json, {
    id: 'test-2026-style',
    label: { es: 'Prueba al estilo 2026', en: 'A 2026-style test' },
    totalSeats: 14,
    districts: DISTRICTS.map((d) => ({ name: d.name, seats: d.seats, code: d.code })),
    apportionment: null,
    threshold,
  });
  const path = join(dir, `test-2026-style-${minSeats}.json`);
  writeFileSync(path, JSON.stringify(file, null, 2));
  return path;
}

/** Stores a list election of published aggregates by circunscripción: votes[district][list]. */
export async function putListElection(
  store: Store,
  o: {
    readonly id: string;
    readonly ruleset: string;
    readonly districts: readonly { readonly name: string; readonly code: string }[];
    readonly lists: readonly string[];
    readonly votes: readonly (readonly number[])[];
    /** Who published the votes and how far the count had come (default: provisional, % unknown). */
    readonly status?: NonNullable<ElectionDef['published']>['status'];
    readonly pctCounted?: string | null;
    /** Seats a source published (a manifest's `seats`): the page shows them instead of cifra's. */
    readonly seats?: PublishedSeatsFile;
  },
): Promise<ElectionDef> {
  const def: ElectionDef = {
    id: o.id,
    label: `Test list election ${o.id}`,
    ruleset: o.ruleset,
    jurisdiction: 'pe',
    choices: o.lists.map((l) => ({ id: l, label: `Lista ${l}`, party: l })),
    published: {
      status: o.status ?? 'provisional',
      asOf: '2026-04-13',
      pctCounted: o.pctCounted ?? null,
      source: 'cifra test',
      figures: 'votes',
    },
  };
  await store.putElection(def);
  const units = o.districts.map((d, i) =>
    publishedUnit(def, {
      level: 'circunscripcion',
      code: d.code,
      name: d.name,
      votes: o.votes[i] ?? [],
      blank: null,
      null: null,
      blankAndNull: null,
      eligible: null,
      actas: null,
    }),
  );
  await store.putPublished(def.id, units, o.seats ?? null);
  return def;
}
