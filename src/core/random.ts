import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';

/**
 * Seeded randomness for the pure core: xoroshiro128+ (pure-rand). The core never calls
 * Math.random; whoever needs a draw passes an Rng made from a recorded seed.
 */
export interface Rng {
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  /** Uniform float in [0, 1), 53 bits. */
  float(): number;
  /** Standard normal draw (the ziggurat method on the same generator). */
  normal(): number;
}

// Ziggurat tables for the standard normal (Marsaglia & Tsang, "The Ziggurat Method for Generating
// Random Variables", J. Stat. Softw. 5(8), 2000): 128 layers; ~99 % of draws take one 32-bit
// output, a multiplication and a comparison. Computed once, deterministically.
const ZIG_R = 3.442619855899;
const KN = new Float64Array(128);
const WN = new Float64Array(128);
const FN = new Float64Array(128);
{
  const m1 = 2147483648;
  const vn = 9.91256303526217e-3;
  let dn = ZIG_R;
  let tn = dn;
  const q = vn / Math.exp(-0.5 * dn * dn);
  KN[0] = Math.floor((dn / q) * m1);
  KN[1] = 0;
  WN[0] = q / m1;
  WN[127] = dn / m1;
  FN[0] = 1;
  FN[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = Math.floor((dn / tn) * m1);
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / m1;
  }
}

export function createRng(seed: number): Rng {
  const gen = xoroshiro128plus(seed | 0);
  /** Uniform in (0, 1), never 0: the ziggurat's tails take its logarithm. */
  const open01 = (): number => ((gen.next() >>> 0) + 0.5) / 4294967296;
  const slow = (hz0: number): number => {
    let hz = hz0;
    let iz = hz & 127;
    for (;;) {
      const x = hz * (WN[iz] as number);
      if (iz === 0) {
        // the tail beyond R
        let t = 0;
        let y = 0;
        do {
          t = -Math.log(open01()) / ZIG_R;
          y = -Math.log(open01());
        } while (y + y < t * t);
        return hz > 0 ? ZIG_R + t : -ZIG_R - t;
      }
      if (
        (FN[iz] as number) + open01() * ((FN[iz - 1] as number) - (FN[iz] as number)) <
        Math.exp(-0.5 * x * x)
      )
        return x;
      hz = gen.next();
      iz = hz & 127;
      if (Math.abs(hz) < (KN[iz] as number)) return hz * (WN[iz] as number);
    }
  };
  return {
    int: (min, max) => uniformInt(gen, min, max),
    float: () => {
      const hi = uniformInt(gen, 0, (1 << 26) - 1);
      const lo = uniformInt(gen, 0, (1 << 27) - 1);
      return (hi * 134217728 + lo) / 9007199254740992;
    },
    normal: () => {
      const hz = gen.next(); // a signed 32-bit integer
      const iz = hz & 127;
      return Math.abs(hz) < (KN[iz] as number) ? hz * (WN[iz] as number) : slow(hz);
    },
  };
}

/** Fisher–Yates shuffle of a copy, driven by the seeded Rng. */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const t = a[i] as T;
    a[i] = a[j] as T;
    a[j] = t;
  }
  return a;
}
