/**
 * Seeded pseudo-random numbers (mulberry32). Pol.is draws an unseeded random start vector for its
 * power iteration (pca.clj `rand-starting-vec`); we seed it so that a run is reproducible.
 */

/** Returns a generator of uniform numbers in [0, 1) determined entirely by `seed`. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
