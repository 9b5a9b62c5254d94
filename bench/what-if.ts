// What-if speed: one `POST /api/v1/what-if` on an election the size of Peru's 2021 Congress —
// 130 seats in 27 circunscripciones, 21 lists: the ten lists of JNE 0602-2021 with their national
// votes and the 2,295,264 votes of the others as eleven lists, each spread over the
// circunscripciones by their 2026 electorate with a seeded ±50 % regional factor (no official
// per-circunscripción table exists: data/peru/2021/congress/PROVENANCE.md). Measured, never
// asserted. `npx tsx bench/what-if.ts`, or as part of `npm run bench` (`-- --no-what-if` skips it).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApi } from '../src/api/server.js';
import type { ElectionDef } from '../src/core/model/acta.js';
import { computeSeats } from '../src/core/pipeline/seats.js';
import { createRng } from '../src/core/random.js';
import type { ListRuleset } from '../src/core/rulesets/ruleset.js';
import { loadRuleset } from '../src/elections/rulesets.js';
import { dataPath } from '../src/io/paths.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { publishedUnit } from '../src/results/published-units.js';
import { getSeats, seatInput } from '../src/results/service.js';
import { parseWhatIfBody, whatIfSeats } from '../src/results/what-if.js';
import { requireJurisdiction } from '../src/jurisdictions/load.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

const OFFICIAL: readonly [string, number][] = [
  ['Perú Libre', 1_724_303],
  ['Fuerza Popular', 1_457_640],
  ['Renovación Popular', 1_199_663],
  ['Acción Popular', 1_159_707],
  ['Alianza para el Progreso', 969_699],
  ['Avanza País', 969_059],
  ['Juntos por el Perú', 847_570],
  ['Somos Perú', 788_488],
  ['Podemos Perú', 750_238],
  ['Partido Morado', 697_289],
];
const OTHERS = 2_295_264;

/** The national votes of the 21 lists: the official ten, the others by weights 11, 10, …, 1. */
function nationalVotes(): [string, number][] {
  const weights = Array.from({ length: 11 }, (_, i) => 11 - i);
  const sum = weights.reduce((a, b) => a + b, 0);
  const others = weights.map((w, i): [string, number] => [
    `Lista ${i + 11}`,
    Math.floor((OTHERS * w) / sum),
  ]);
  const first = others[0] as [string, number];
  first[1] += OTHERS - others.reduce((a, [, v]) => a + v, 0);
  return [...OFFICIAL, ...others];
}

/** votes[district][list]: each list's national votes over the districts, exactly. */
function spread(lists: readonly [string, number][], electorate: readonly number[]): number[][] {
  const rng = createRng(2021);
  const votes = electorate.map(() => new Array<number>(lists.length).fill(0));
  lists.forEach(([, total], p) => {
    const w = electorate.map((e) => e * (0.5 + rng.float()));
    const sum = w.reduce((a, b) => a + b, 0);
    const exact = w.map((x) => (total * x) / sum);
    const floors = exact.map(Math.floor);
    let left = total - floors.reduce((a, b) => a + b, 0);
    const order = exact.map((x, d) => [x - Math.floor(x), d] as const).sort((a, b) => b[0] - a[0]);
    for (const [, d] of order) if (left-- > 0) floors[d] = (floors[d] ?? 0) + 1;
    floors.forEach((v, d) => ((votes[d] as number[])[p] = v));
  });
  return votes;
}

async function storeElection(store: SqliteStore): Promise<void> {
  const rs = loadRuleset('pe-2021-congreso');
  if (!rs.ok || rs.value.kind !== 'list') throw new Error('pe-2021-congreso');
  const rows = readFileSync(dataPath('peru/2026/electorate_2026_by_circunscripcion.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  const electorate = rs.value.districts.map((d) => {
    const row = rows.find((r) => r[0] === d.name);
    if (!row) throw new Error(`no electorate for ${d.name}`);
    return Number(row[1]);
  });
  const lists = nationalVotes();
  const votes = spread(lists, electorate);
  const def: ElectionDef = {
    id: 'bench-congreso-2021',
    label: 'Congreso 2021 (bench: national votes spread by electorate)',
    ruleset: 'pe-2021-congreso',
    jurisdiction: 'pe',
    choices: lists.map(([name]) => ({ id: name, label: name, party: name })),
    published: {
      status: 'third-party',
      asOf: '2021-06-12',
      pctCounted: null,
      source: 'bench',
      figures: 'votes',
    },
  };
  await store.putElection(def);
  const units = rs.value.districts.map((d, i) =>
    publishedUnit(def, {
      level: 'circunscripcion',
      code: d.code ?? String(i + 1),
      name: d.name,
      votes: votes[i] ?? [],
      blank: null,
      null: null,
      blankAndNull: null,
      eligible: null,
      actas: null,
    }),
  );
  await store.putPublished(def.id, units, null);
}

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function timed(reps: number, f: (i: number) => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < 5; i++) await f(i);
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await f(i + 5);
    ms.push(performance.now() - t);
  }
  return median(ms);
}

export interface WhatIfTimes {
  readonly computeSeatsMs: number;
  readonly serviceMs: Record<string, number>;
  readonly httpMissMs: number;
  readonly httpHitMs: number;
  readonly responseBytes: number;
  /** A what-if that changes nothing against the plain seats of the same bundled election. */
  readonly againstPlain: readonly { election: string; plainMs: number; whatIfMs: number }[];
}

/** Bundled elections whose what-if reads blank and null votes (Spain's valla, Peru's nullity). */
const PLAIN = ['es-2023-congreso', 'pe-2026-diputados'] as const;

/**
 * The baseline of a what-if: `getSeats` of the same election, the plain result it is compared
 * with (one store read, one seat result). The what-if with no change reads the same votes and
 * computes the result twice (the election's ruleset and the changed one, here the same) plus the
 * diff, so about 2× is its floor. Interleaved, medians.
 */
async function againstPlain(
  store: SqliteStore,
  reps: number,
): Promise<WhatIfTimes['againstPlain']> {
  const out: { election: string; plainMs: number; whatIfMs: number }[] = [];
  for (const election of PLAIN) {
    const put = await putPublishedElection(store, election);
    if (!put.ok) throw new Error(JSON.stringify(put.error));
    const body = parseWhatIfBody({ election });
    if (!body.ok) throw new Error(JSON.stringify(body.issues));
    const plain: number[] = [];
    const whatIf: number[] = [];
    for (let i = 0; i < reps + 5; i++) {
      const t0 = performance.now();
      const p = await getSeats(store, election);
      const t1 = performance.now();
      const w = await whatIfSeats(store, body.value);
      const t2 = performance.now();
      if (!p.ok || !w.ok) throw new Error(election);
      if (i < 5) continue;
      plain.push(t1 - t0);
      whatIf.push(t2 - t1);
    }
    out.push({ election, plainMs: median(plain), whatIfMs: median(whatIf) });
  }
  return out;
}

/** Times of the what-if on the 2021-Congress-sized election (medians). */
export async function whatIfBenchmarks(reps = 50): Promise<WhatIfTimes> {
  const dir = mkdtempSync(join(tmpdir(), 'cifra-bench-what-if-'));
  const store = new SqliteStore(join(dir, 'what-if.db'));
  try {
    await store.migrate();
    await storeElection(store);
    const def = await store.getElection('bench-congreso-2021');
    if (!def) throw new Error('election');
    const own = loadRuleset('pe-2021-congreso');
    if (!own.ok || own.value.kind !== 'list') throw new Error('pe-2021-congreso');
    const ownList: ListRuleset = own.value;
    const { votes } = await seatInput(store, def, requireJurisdiction('pe'), ownList);
    const computeSeatsMs = await timed(reps, () => computeSeats(ownList, { votes }));
    const diputados = JSON.parse(readFileSync(dataPath('rulesets/pe-2026-diputados.json'), 'utf8'));
    const cases: Record<string, Record<string, unknown>> = {
      unchanged: {},
      'threshold 4%': { whatIf: { threshold: '4%' } },
      'sainte-lague': { whatIf: { method: 'sainte-lague' } },
      'pe-2026-diputados file': { rules: diputados },
    };
    const serviceMs: Record<string, number> = {};
    for (const [name, body] of Object.entries(cases)) {
      const parsed = parseWhatIfBody({ election: def.id, ...body });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      serviceMs[name] = await timed(reps, async () => {
        const r = await whatIfSeats(store, parsed.value);
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
      });
    }
    const app = await buildApi({ store, tokenHash: null });
    let responseBytes = 0;
    const post = async (seed: number) => {
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/what-if',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ election: def.id, whatIf: { threshold: '4%' }, seed }),
      });
      if (r.statusCode !== 200) throw new Error(r.body);
      responseBytes = Math.max(responseBytes, r.rawPayload.length);
    };
    const httpMissMs = await timed(reps, (i) => post(i)); // a new seed: a new cache key
    const httpHitMs = await timed(reps, () => post(0));
    await app.close();
    const plain = await againstPlain(store, reps);
    return { computeSeatsMs, serviceMs, httpMissMs, httpHitMs, responseBytes, againstPlain: plain };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('what-if.ts') || process.argv[1]?.endsWith('what-if.js'))
  console.log(JSON.stringify(await whatIfBenchmarks(), null, 2));
