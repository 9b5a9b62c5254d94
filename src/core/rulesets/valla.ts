import { parseShare, type Ratio } from '../ratio.js';

/**
 * The valla's common levers over a ruleset's threshold as written (option switches resolved): its
 * share, its seat minimum (preliminary seats) and how the two combine. One function reads them
 * and one rebuilds the threshold, for `cifra seats --threshold` and the dashboard's what-if
 * alike, so that a changed lever keeps everything else of the condition — its base
 * (valid+blank in Spain, LOREG art. 163.1.a), its scope (per province), `strict`, alliances.
 */
export interface VallaLevers {
  /** The first share condition's share; null when the valla has none (or only Hare quotas). */
  readonly share: Ratio | null;
  /** The first seat-minimum condition's `min`; 0 when there is none. */
  readonly min: number;
  /** How the conditions combine: `any` only when the threshold says so. */
  readonly comb: 'all' | 'any';
}

/** What to change: absent, as the ruleset has it; a null share removes the share conditions. */
export interface VallaChange {
  readonly share?: string | null | undefined;
  readonly min?: number | undefined;
  readonly comb?: 'all' | 'any' | undefined;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const compound = (c: Obj): boolean =>
  (c['kind'] === 'all' || c['kind'] === 'any') && Array.isArray(c['conditions']);

/** The threshold's conditions, compounds flattened (a lone condition is a list of one). */
function flat(threshold: unknown): Obj[] {
  if (!isObj(threshold)) return [];
  return compound(threshold) ? (threshold['conditions'] as unknown[]).flatMap(flat) : [threshold];
}

const isShare = (c: Obj): boolean => c['kind'] === 'share' && typeof c['share'] === 'string';
const isMin = (c: Obj): boolean => c['kind'] === 'preliminary-seats';

/** The levers as a threshold sets them. */
export function vallaLevers(threshold: unknown): VallaLevers {
  const conditions = flat(threshold);
  const share = conditions.find(isShare);
  const min = conditions.find(isMin);
  return {
    share: share === undefined ? null : parseShare(String(share['share'])),
    min: typeof min?.['min'] === 'number' ? min['min'] : 0,
    comb: isObj(threshold) && threshold['kind'] === 'any' ? 'any' : 'all',
  };
}

/** One condition (compound or not) with the share and seat-minimum changes; null: dropped. */
function changed(c: Obj, w: VallaChange): Obj | null {
  if (compound(c)) {
    const kept = (c['conditions'] as unknown[])
      .filter(isObj)
      .map((x) => changed(x, w))
      .filter((x): x is Obj => x !== null);
    return kept.length === 0 ? null : { ...c, conditions: kept };
  }
  if (isShare(c) && w.share !== undefined)
    return w.share === null ? null : { ...c, share: w.share };
  if (isMin(c) && w.min !== undefined) return w.min === 0 ? null : { ...c, min: w.min };
  return c;
}

/**
 * The threshold with the levers changed (`source` cites a condition the change adds): every
 * share condition takes the new share and every seat minimum the new minimum, each keeping its
 * other fields; a share (or minimum) where the valla had none is added — a share of valid votes
 * nationally, the common case — and combined by `comb`; null when no condition is left.
 */
export function withValla(threshold: unknown, w: VallaChange, source: string): unknown {
  const before = flat(threshold);
  const top = isObj(threshold) ? changed(threshold, w) : null;
  const added: Obj[] = [
    ...(typeof w.share === 'string' && !before.some(isShare)
      ? [{ kind: 'share', share: w.share, base: 'valid', scope: 'national', source }]
      : []),
    ...(w.min !== undefined && w.min > 0 && !before.some(isMin)
      ? [{ kind: 'preliminary-seats', min: w.min, source }]
      : []),
  ];
  const conditions =
    top === null
      ? added
      : compound(top)
        ? [...(top['conditions'] as Obj[]), ...added]
        : [top, ...added];
  if (conditions.length <= 1) return conditions[0] ?? null;
  const kind = w.comb ?? vallaLevers(threshold).comb;
  return top !== null && compound(top) ? { ...top, kind, conditions } : { kind, conditions };
}
