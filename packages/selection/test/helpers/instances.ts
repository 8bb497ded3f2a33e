/** Small seeded random instances for the tests (12 people, 4 features by default). */
import { buildProblem, isFeasible, SeededRandom, type Quota, type Volunteer } from '../../src/index.ts';
import { enumeratePanels } from './reference.ts';

export interface TinyInstance {
  readonly pool: Volunteer[];
  readonly quotas: Quota[];
  readonly size: number;
}

/**
 * A random feasible instance: `people` volunteers, `features` categories with 2-3 values drawn
 * with skew (so that some people are rare and the leximin is not uniform), panel size 3-6 and
 * quotas around proportional shares. Retries until at least two feasible panels exist (and, with
 * `everyoneSelectable`, until every volunteer is on some feasible panel, so the minimum is > 0).
 */
export function tinyInstance(seed: string, people = 12, features = 4, everyoneSelectable = false): TinyInstance {
  const rng = new SeededRandom(seed);
  for (;;) {
    const valueCounts = Array.from({ length: features }, () => 2 + rng.uniformInt(2));
    const pool = skewedPool(rng, people, valueCounts);
    const size = 3 + rng.uniformInt(4);
    const quotas: Quota[] = [];
    valueCounts.forEach((v, c) => {
      for (let j = 0; j < v; j++) {
        const have = pool.filter((p) => p.features[`c${c}`] === `v${j}`).length;
        const share = (size * have) / people;
        const min = Math.max(0, Math.min(have, Math.round(share) - rng.uniformInt(2)));
        const max = Math.max(min, Math.round(share) + rng.uniformInt(2));
        quotas.push({ category: `c${c}`, feature: `v${j}`, min, max });
      }
    });
    // Size must be allowed by every category (otherwise the input is malformed, not a test case).
    const okSums = valueCounts.every((_, c) => {
      const qs = quotas.filter((q) => q.category === `c${c}`);
      return qs.reduce((a, q) => a + q.min, 0) <= size && qs.reduce((a, q) => a + q.max, 0) >= size;
    });
    if (!okSums) continue;
    const panels = enumeratePanels(pool, quotas, size);
    if (panels.length < 2) continue;
    if (everyoneSelectable && new Set(panels.flat()).size < people) continue;
    return { pool, quotas, size };
  }
}

/**
 * A larger seeded instance without enumeration (for the decomposition tests): `people`
 * volunteers, `features` categories of 3-5 skewed values (many distinct types), panel `size`,
 * quotas from 0.8x to 1.2x (+1) of the proportional share. Retries until the quotas are feasible.
 */
export async function poolInstance(seed: string, people: number, features: number, size: number): Promise<TinyInstance> {
  const rng = new SeededRandom(seed);
  for (;;) {
    const valueCounts = Array.from({ length: features }, () => 3 + rng.uniformInt(3));
    const pool = skewedPool(rng, people, valueCounts);
    const quotas: Quota[] = [];
    valueCounts.forEach((v, c) => {
      for (let j = 0; j < v; j++) {
        const have = pool.filter((p) => p.features[`c${c}`] === `v${j}`).length;
        if (have === 0) continue;
        const share = (size * have) / people;
        quotas.push({ category: `c${c}`, feature: `v${j}`, min: Math.min(have, Math.floor(0.8 * share)), max: Math.ceil(1.2 * share) + 1 });
      }
    });
    try {
      if (await isFeasible(buildProblem({ pool, quotas, size }))) return { pool, quotas, size };
    } catch {
      // A size no quota set allows: draw again.
    }
  }
}

/** Volunteers p0, p1, … with category c<k> taking value v<j> of valueCounts[k], skewed: v0 the most common. */
function skewedPool(rng: SeededRandom, people: number, valueCounts: readonly number[]): Volunteer[] {
  const pool: Volunteer[] = [];
  for (let i = 0; i < people; i++) {
    const f: Record<string, string> = {};
    valueCounts.forEach((v, c) => {
      const u = rng.uniform();
      f[`c${c}`] = `v${Math.min(v - 1, Math.floor(u * u * v))}`;
    });
    pool.push({ id: `p${i}`, features: f });
  }
  return pool;
}
