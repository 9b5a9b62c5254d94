/**
 * The between-unit variance of a share when only k units have counted (issue 13, run 11;
 * docs/projection.md). With k = 2 or 3 units the sample variance has 1–2 degrees of freedom: two
 * departments that happen to vote alike gave τ = 2.4 pp where departments differ by ~15 pp, and
 * every uncounted department then rested on their mean at p = 0.999.
 *
 * A choice's between-unit variance is scaled by m(1 − m) (its mean share: the binomial scale, so
 * that a 5 % list and a 50 % candidate share one constant) and given a scaled-inverse-χ² prior
 * (ν₀, s₀²) fitted on a complete election; the k units update it conjugately (Gelman et al.,
 * Bayesian Data Analysis, 3rd ed., §2.6), and the unit's predictive variance is the posterior
 * mean of τ², ν s² / (ν − 2): a normal with the variance of the Student-t predictive.
 */
export interface BetweenPrior {
  /** ν₀: the prior's weight in degrees of freedom (> 2), or 0 for no prior (the sample variance). */
  readonly df: number;
  /** s₀²: the prior's scale, in units of m(1 − m). */
  readonly scale: number;
}

/**
 * The predictive between-unit variance from the sample variance of k units (k − 1 degrees of
 * freedom) around a mean share m. Without a prior (df 0) it is the sample variance itself.
 */
export function betweenVariance(sample: number, k: number, m: number, prior: BetweenPrior): number {
  if (prior.df === 0) return sample;
  if (!(prior.df > 2) || !(prior.scale > 0)) throw new Error('between prior: df > 2, scale > 0');
  const mm = Math.min(0.999, Math.max(0.001, m));
  const df = Math.max(0, k - 1);
  const nu = prior.df + df;
  const s2 = (prior.df * prior.scale * mm * (1 - mm) + df * Math.max(0, sample)) / nu;
  return (s2 * nu) / (nu - 2);
}

/**
 * Fits the prior on a complete election's units (e.g. the 2021 first round's departments): per
 * choice among the `top` largest, the ratio r of its between-unit variance to m(1 − m); the
 * precisions 1 / r are taken as gamma(ν₀ / 2, ν₀ s₀² / 2), i.e. r as scaled-inverse-χ²(ν₀, s₀²),
 * and fitted by moments: s₀² = 1 / mean(1 / r), ν₀ = 2 mean(1 / r)² / var(1 / r).
 */
export function fitBetweenPrior(
  shares: readonly (readonly number[])[],
  top: number,
): BetweenPrior & { readonly ratios: number[] } {
  const S = shares[0]?.length ?? 0;
  const n = shares.length;
  if (n < 3 || S === 0) throw new Error('fitBetweenPrior: at least three units');
  const means = Array.from({ length: S }, (_, k) => shares.reduce((a, s) => a + s[k]!, 0) / n);
  const chosen = [...means.keys()].sort((a, b) => means[b]! - means[a]!).slice(0, top);
  const ratios = chosen.map((k) => {
    const m = means[k]!;
    const v = shares.reduce((a, s) => a + (s[k]! - m) ** 2, 0) / (n - 1);
    return v / (m * (1 - m));
  });
  const prec = ratios.map((r) => 1 / r);
  const mp = prec.reduce((a, b) => a + b, 0) / prec.length;
  const vp = prec.reduce((a, b) => a + (b - mp) ** 2, 0) / (prec.length - 1);
  return { df: (2 * mp * mp) / vp, scale: 1 / mp, ratios };
}
