/**
 * Covariates from the past: a unit's (or a mesa's) figures in a previous round or election, turned
 * into the columns of a regression that carries them into the current count (first round → runoff
 * transfers, one election → the next). docs/projection.md, "Covariates from the past".
 */
export interface PriorFigures {
  /** Votes per choice of the prior contest (its own choices, in its order). */
  readonly votes: readonly number[];
  /** Electors of the unit then, when known: the turnout covariate. */
  readonly eligible?: number | null | undefined;
  /** Votes emitted then (valid, blank and null), when known. */
  readonly emitted?: number | null | undefined;
}

/** The regression columns of a set of rows (units or mesas), some of which may have no prior. */
export interface PriorDesign {
  /** Covariates per row, row-major: shares of the prior's valid votes of its main choices. */
  readonly x: Float64Array;
  readonly covariates: number;
  /** 1 where the row has a prior. */
  readonly has: Uint8Array;
  /** The prior choices used as covariates (indices into the prior's choices), largest first. */
  readonly columns: readonly number[];
  /** Prior turnout per row (emitted or valid votes per elector, as `turnout` says); NaN when unknown. */
  readonly turnout: Float64Array;
}

/**
 * The design for rows' priors: the `maxCovariates` prior choices with most votes overall (the
 * last of them may stand for the rest: columns are shares, so one choice is always left out),
 * each row's shares of its prior valid votes, and its prior turnout (`emitted` per elector, or
 * valid per elector when the current figures are valid votes only).
 */
export function priorDesign(
  priors: readonly (PriorFigures | null | undefined)[],
  maxCovariates: number,
  turnout: 'emitted' | 'valid',
): PriorDesign {
  const totals: number[] = [];
  for (const p of priors)
    p?.votes.forEach((v, j) => {
      totals[j] = (totals[j] ?? 0) + v;
    });
  const order = totals
    .map((t, j) => [t, j] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .map((x) => x[1]);
  // shares sum to one: with every choice a column, the intercept would be collinear
  const columns = order.slice(0, Math.max(0, Math.min(maxCovariates, order.length - 1)));
  const J = columns.length;
  const x = new Float64Array(priors.length * J);
  const has = new Uint8Array(priors.length);
  const t = new Float64Array(priors.length).fill(Number.NaN);
  priors.forEach((p, i) => {
    if (p === null || p === undefined) return;
    const valid = p.votes.reduce((a, b) => a + b, 0);
    if (valid <= 0) return;
    has[i] = 1;
    columns.forEach((j, c) => (x[i * J + c] = (p.votes[j] ?? 0) / valid));
    const e = turnout === 'valid' ? valid : (p.emitted ?? null);
    if (e !== null && p.eligible !== null && p.eligible !== undefined && p.eligible > 0)
      t[i] = e / p.eligible;
  });
  return { x, covariates: J, has, columns, turnout: t };
}

/** The mean covariate row of the rows that have a prior (for rows without one). */
export function meanRow(d: PriorDesign): Float64Array {
  const m = new Float64Array(d.covariates);
  let n = 0;
  d.has.forEach((h, i) => {
    if (h !== 1) return;
    n++;
    for (let c = 0; c < d.covariates; c++)
      m[c] = (m[c] as number) + (d.x[i * d.covariates + c] as number);
  });
  for (let c = 0; c < d.covariates; c++) m[c] = n > 0 ? (m[c] as number) / n : 0;
  return m;
}
