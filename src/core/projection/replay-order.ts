import { shuffled, type Rng } from '../random.js';

export const REPLAY_ORDERS = ['urban-first', 'odpe', 'random', 'department', 'file'] as const;
export type ReplayOrder = (typeof REPLAY_ORDERS)[number];

/**
 * A replay order in words: the rehearsal's labels (src/projection/replay.ts) and the dashboard's
 * status line (web/i18n.ts replayOrder) both say these, so the two cannot drift apart.
 */
export const ORDER_WORDS: Readonly<Record<ReplayOrder, { es: string; en: string }>> = {
  'urban-first': { es: 'urbanas primero', en: 'urban areas first' },
  odpe: { es: 'por ODPE', en: 'by ODPE' },
  random: { es: 'al azar', en: 'random' },
  department: { es: 'por departamento', en: 'department by department' },
  file: { es: 'del archivo', en: 'file order' },
};

/** An order's words in `lang`; an id no order has (a newer server's), as it is. */
export function orderWords(order: string, lang: 'es' | 'en'): string {
  return (
    (ORDER_WORDS as Readonly<Record<string, { es: string; en: string }>>)[order]?.[lang] ?? order
  );
}

export interface OrderableMesa {
  readonly ubigeo: string;
  readonly eligible: number;
}

/**
 * The urban-first score of ONPE's count (docs/projection.md): actas reach the counting centres
 * (ODPE) first from large urban districts and Lima, last from remote rural districts and from
 * abroad (consulates ship them to Lima). Score = log10(electors of the mesa's district)
 * + 0.75 for Lima Metropolitana and Callao − 2 abroad + N(0, 0.35²) per district (distance,
 * transport) + N(0, 0.5²) per mesa (processing); higher arrives earlier.
 */
export const URBAN_FIRST = {
  limaBonus: 0.75,
  abroadPenalty: 2,
  districtSd: 0.35,
  mesaSd: 0.5,
} as const;

/**
 * The decentralised count (LOE art. 301: each ODPE computes the actas of its area in the order it
 * receives them): every department counts at once, each urban-first within itself (the same
 * score as `urban-first`, without the Lima bonus), at its own pace (× e^N(0, 0.25²)); abroad
 * actas are shipped to Lima and start later (+ 0.3 of the night).
 */
export const ODPE = { paceSd: 0.25, abroadDelay: 0.3 } as const;

/**
 * The order in which a replay feeds the mesas: indices into `mesas`. Pure; the randomness is
 * the seeded Rng's.
 */
export function replayOrder(
  mesas: readonly OrderableMesa[],
  order: ReplayOrder,
  rng: Rng,
): number[] {
  const idx = mesas.map((_, i) => i);
  switch (order) {
    case 'file':
      return idx;
    case 'random':
      return shuffled(idx, rng);
    case 'department': {
      // Whole departments one after another, in a seeded order; mesas shuffled within each.
      const deps = [...new Set(mesas.map((m) => m.ubigeo.slice(0, 2)))].sort();
      const rank = new Map(shuffled(deps, rng).map((d, i) => [d, i]));
      const key = shuffled(idx, rng);
      const pos = new Float64Array(mesas.length);
      key.forEach((m, i) => (pos[m] = i));
      return idx.sort(
        (a, b) =>
          (rank.get((mesas[a] as OrderableMesa).ubigeo.slice(0, 2)) as number) -
            (rank.get((mesas[b] as OrderableMesa).ubigeo.slice(0, 2)) as number) ||
          (pos[a] as number) - (pos[b] as number),
      );
    }
    case 'odpe':
      return odpeOrder(mesas, rng);
    case 'urban-first': {
      const districtSize = new Map<string, number>();
      for (const m of mesas)
        districtSize.set(m.ubigeo, (districtSize.get(m.ubigeo) ?? 0) + m.eligible);
      const districtNoise = new Map<string, number>();
      for (const d of [...districtSize.keys()].sort())
        districtNoise.set(d, URBAN_FIRST.districtSd * rng.normal());
      const score = new Float64Array(mesas.length);
      mesas.forEach((m, i) => {
        const u = m.ubigeo;
        const abroad = u.startsWith('9');
        const lima = u.startsWith('1401') || u.startsWith('24');
        score[i] =
          Math.log10(Math.max(1, districtSize.get(u) as number)) +
          (lima ? URBAN_FIRST.limaBonus : 0) -
          (abroad ? URBAN_FIRST.abroadPenalty : 0) +
          (districtNoise.get(u) as number) +
          URBAN_FIRST.mesaSd * rng.normal();
      });
      return idx.sort((a, b) => (score[b] as number) - (score[a] as number) || a - b);
    }
  }
}

/** Urban-first score without the Lima bonus or the abroad penalty (the ODPE order's ranking). */
function sizeScores(mesas: readonly OrderableMesa[], rng: Rng): Float64Array {
  const districtSize = new Map<string, number>();
  for (const m of mesas) districtSize.set(m.ubigeo, (districtSize.get(m.ubigeo) ?? 0) + m.eligible);
  const districtNoise = new Map<string, number>();
  for (const d of [...districtSize.keys()].sort())
    districtNoise.set(d, URBAN_FIRST.districtSd * rng.normal());
  const score = new Float64Array(mesas.length);
  mesas.forEach((m, i) => {
    score[i] =
      Math.log10(Math.max(1, districtSize.get(m.ubigeo) as number)) +
      (districtNoise.get(m.ubigeo) as number) +
      URBAN_FIRST.mesaSd * rng.normal();
  });
  return score;
}

function odpeOrder(mesas: readonly OrderableMesa[], rng: Rng): number[] {
  const score = sizeScores(mesas, rng);
  const byDep = new Map<string, number[]>();
  mesas.forEach((m, i) => {
    const d = m.ubigeo.slice(0, 2);
    let list = byDep.get(d);
    if (list === undefined) byDep.set(d, (list = []));
    list.push(i);
  });
  const time = new Float64Array(mesas.length);
  for (const d of [...byDep.keys()].sort()) {
    const list = byDep.get(d) as number[];
    const pace = Math.exp(ODPE.paceSd * rng.normal());
    const delay = d.startsWith('9') ? ODPE.abroadDelay : 0;
    list
      .sort((a, b) => (score[b] as number) - (score[a] as number) || a - b)
      .forEach((m, rank) => (time[m] = delay + ((rank + 0.5) / list.length) * pace));
  }
  return mesas.map((_, i) => i).sort((a, b) => (time[a] as number) - (time[b] as number) || a - b);
}
