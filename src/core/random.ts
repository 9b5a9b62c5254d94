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
  /** Standard normal draw (Marsaglia's polar method on the same generator). */
  normal(): number;
}

export function createRng(seed: number): Rng {
  const gen = xoroshiro128plus(seed | 0);
  // The projection draws millions of normals: read the generator's 32-bit outputs directly.
  // 32 bits per uniform are plenty for a normal draw and halve the generator calls.
  const unit = (): number => (gen.next() >>> 0) / 4294967296;
  let spare = 0;
  let hasSpare = false;
  return {
    int: (min, max) => uniformInt(gen, min, max),
    float: () => {
      const hi = uniformInt(gen, 0, (1 << 26) - 1);
      const lo = uniformInt(gen, 0, (1 << 27) - 1);
      return (hi * 134217728 + lo) / 9007199254740992;
    },
    normal: () => {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      let u = 0;
      let v = 0;
      let s = 0;
      do {
        u = 2 * unit() - 1;
        v = 2 * unit() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const f = Math.sqrt((-2 * Math.log(s)) / s);
      spare = v * f;
      hasSpare = true;
      return u * f;
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
