// The simulation's fast paths against the simple code they replaced (kept here as the reference):
// the draw loop over packed coefficients and buffered normals, and the quantiles by one
// multi-selection. Both must give the same numbers bit for bit, for every frame and seed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import { shareDims, type FrameGroup, type ProjectionFrame } from './frame.js';
import { centralTotals, interval, quantile, simulatedTotals } from './simulate.js';

/** The draw as it was: one closure call per normal, reading the frame's objects. */
function referenceDraw(
  frame: ProjectionFrame,
  next: (() => number) | null,
  theta: Float64Array,
  q: Float64Array,
  common: Float64Array,
  out: Float64Array,
): void {
  const S = shareDims(frame);
  const D = S + 1;
  const z = next ?? (() => 0);
  frame.regions.forEach((r, i) => {
    out.set(r.counted, i * S);
    for (let k = 0; k < D; k++)
      theta[i * D + k] = (r.mean[k] as number) + (r.sd[k] as number) * z();
  });
  for (let k = 0; k < D; k++) common[k] = z();
  const priorCommon = frame.groups.some((g) => g.cp !== undefined);
  if (priorCommon) for (let k = 0; k < D; k++) common[D + k] = z();
  for (const g of frame.groups) {
    const base = g.region * D;
    let sum = 0;
    for (let k = 0; k < D; k++) {
      let x =
        (g.c0[k] as number) +
        (g.c1[k] as number) * (theta[base + k] as number) +
        (g.sd[k] as number) * z() +
        (g.cb[k] as number) * (common[k] as number);
      if (priorCommon && g.cp !== undefined) x += (g.cp[k] as number) * (common[D + k] as number);
      if (x < 0) x = 0;
      q[k] = x;
      if (k < S) sum += x;
    }
    const rate = Math.min(q[S] as number, frame.rateMax);
    const emitted = g.base * rate;
    if (sum <= 0 || emitted <= 0) continue;
    const at = g.region * S;
    for (let k = 0; k < S; k++)
      out[at + k] = (out[at + k] as number) + (emitted * (q[k] as number)) / sum;
  }
}

function referenceTotals(frame: ProjectionFrame, seed: number | null, sims: number): Float64Array {
  const S = shareDims(frame);
  const R = frame.regions.length;
  const next = seed === null ? null : createRng(seed).normal;
  const theta = new Float64Array(R * (S + 1));
  const q = new Float64Array(S + 1);
  const common = new Float64Array(2 * (S + 1));
  const all = new Float64Array(sims * R * S);
  for (let s = 0; s < sims; s++)
    referenceDraw(frame, next, theta, q, common, all.subarray(s * R * S, (s + 1) * R * S));
  return all;
}

const coef = fc.double({ min: -2, max: 2, noNaN: true });
const vec = (n: number): fc.Arbitrary<Float64Array> =>
  fc.array(coef, { minLength: n, maxLength: n }).map((xs) => Float64Array.from(xs));

/** Frames of every shape the model builds: some groups with the second common term, some not. */
const frames: fc.Arbitrary<ProjectionFrame> = fc
  .record({ K: fc.integer({ min: 1, max: 4 }), R: fc.integer({ min: 1, max: 4 }) })
  .chain(({ K, R }) => {
    const S = K + 2;
    const D = S + 1;
    const region = fc.record({
      counted: fc
        .array(fc.nat(5000), { minLength: S, maxLength: S })
        .map((xs) => Float64Array.from(xs)),
      mean: vec(D),
      sd: vec(D).map((xs) => xs.map(Math.abs)),
    });
    const group: fc.Arbitrary<FrameGroup> = fc
      .record({
        region: fc.integer({ min: 0, max: R - 1 }),
        base: fc.nat(3000),
        c0: vec(D),
        c1: vec(D),
        sd: vec(D),
        cb: vec(D),
        cp: fc.option(vec(D), { nil: undefined }),
      })
      .map(({ cp, ...g }) => (cp === undefined ? g : { ...g, cp }));
    return fc.record({
      choices: fc.constant(Array.from({ length: K }, (_, i) => `C${i}`)),
      regions: fc
        .array(region, { minLength: R, maxLength: R })
        .map((rs) => rs.map((r, i) => ({ ...r, code: `R${i}`, label: `R${i}` }))),
      groups: fc.array(group, { maxLength: 6 }),
      rateMax: fc.constantFrom(1, Number.POSITIVE_INFINITY),
      actasProcessed: fc.constant(1),
      actasTotal: fc.constant(2),
      unitsWithoutData: fc.constant([]),
    });
  });

/** Bit for bit: the same doubles, -0 and +0 told apart. */
const bytes = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('the packed draw loop', () => {
  it('draws the same final counts as the reference, for every frame and seed', () => {
    fc.assert(
      fc.property(frames, fc.integer(), fc.integer({ min: 1, max: 8 }), (frame, seed, sims) => {
        expect(bytes(simulatedTotals(frame, seed, sims))).toEqual(
          bytes(referenceTotals(frame, seed, sims)),
        );
        expect(bytes(centralTotals(frame))).toEqual(bytes(referenceTotals(frame, null, 1)));
      }),
    );
  });
});

describe('interval by multi-selection', () => {
  const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
  it('gives the quantiles of the sorted values, for any values and length', () => {
    // few distinct values as well as many: ties at the order statistics are the hard case
    const value = fc.oneof(
      fc.integer({ min: -3, max: 3 }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x + 0),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 600 }), (xs) => {
        const sorted = Float64Array.from(xs).sort();
        const at = (p: number): number => round(quantile(sorted, p), 3);
        expect(interval(Float64Array.from(xs), 3)).toEqual({
          lo90: at(0.05),
          lo80: at(0.1),
          median: at(0.5),
          hi80: at(0.9),
          hi90: at(0.95),
        });
      }),
    );
  });
});
