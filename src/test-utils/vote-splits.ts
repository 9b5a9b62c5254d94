/** The votes with `extra` added list by list. */
export const plus = (votes: readonly number[], extra: readonly number[]): number[] =>
  votes.map((v, i) => v + (extra[i] ?? 0));

/** A split of `total` votes among the lists, from random weights (the first takes the rounding). */
export const split = (total: number, weights: readonly number[]): number[] => {
  const w = weights.map((x) => x + 1);
  const sum = w.reduce((a, b) => a + b, 0);
  const out = w.map((x) => Math.floor((x * total) / sum));
  out[0] = (out[0] ?? 0) + total - out.reduce((a, b) => a + b, 0);
  return out;
};
