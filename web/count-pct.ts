// The page's one rendering of a count's % (actas processed of the universe's): the headline, the
// odds sentence and the projection panel wrote 0.049, 0.048 and 0.05 for the same 42 of 86,488
// actas (poll-watcher review s35). The rule is the server's status (core percentCounted): 3
// decimals, half-up, exact in integers, never 100 while an acta is out.
import { percentCounted, percentDown, reachesShare, type Ratio } from '../src/core/ratio.js';
import { decimalText, fmt } from './ui.js';

/**
 * `counted` of `total` as a % in the page's separator (no " %"). `below`: a bound the page states
 * beside it ("odds from 10 %"): a share short of it that would round up to it is cut instead
 * (9.9996 % reads 9.999, not a 10.000 beside "below 10 %"). Null for an empty universe.
 */
export function countPctText(counted: number, total: number, below?: Ratio): string | null {
  const p = percentCounted(counted, total);
  if (p === null) return null;
  const short = below !== undefined && !reachesShare(counted, total, below);
  // the rounded figure in thousandths of a point (3 decimals always), against the bound exactly
  const crosses =
    short && Number(p.replace('.', '')) * below.denominator >= below.numerator * 100_000;
  return decimalText(crosses ? (percentDown(counted, total) ?? p) : p);
}

/**
 * A projection history point's % of actas (no " %"): from its integers by the rule above; a point
 * recorded before they were kept has only the float, written as before but never 100 under 100
 * (99.9996 reads 99.999, as countPctText would: an acta is still out).
 */
export function historyPctText(pt: {
  readonly pctCounted: number;
  readonly actasProcessed?: number | undefined;
  readonly actasTotal?: number | undefined;
}): string {
  const exact =
    pt.actasProcessed !== undefined && pt.actasTotal !== undefined
      ? countPctText(pt.actasProcessed, pt.actasTotal)
      : null;
  if (exact !== null) return exact;
  return pt.pctCounted < 100 && pt.pctCounted >= 99.9995
    ? decimalText('99.999')
    : fmt(pt.pctCounted, 3);
}
