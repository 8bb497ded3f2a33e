/**
 * Synthetic pools and quotas of the published instance sizes (the real pools are not public).
 *
 * Model: a volunteer belongs to one of three latent segments (55 / 30 / 15 %); each segment has
 * its own distribution over the values of every category (the population marginal of the
 * category template, perturbed per segment), which correlates the categories as real volunteer
 * pools are. The pool over-represents the first values of every category (self-selection:
 * weight x1.6 for the first value, x0.6 for the last), while the quotas follow the population
 * marginals: min = floor(0.9 k s) - 1 and max = ceil(1.1 k s) + 1 for population share s, the
 * gap between pool and quotas that makes some volunteers' probabilities small. Everything is
 * drawn from the package's SeededRandom, so the instances are the same on every machine.
 */
import { isFeasible, buildProblem, SeededRandom, type Quota, type Volunteer } from '@shangliang/selection';

interface CategoryTemplate {
  readonly name: string;
  readonly values: readonly string[];
  readonly share: readonly number[];
}

const TEMPLATES: readonly CategoryTemplate[] = [
  { name: 'gender', values: ['female', 'male', 'other'], share: [0.5, 0.48, 0.02] },
  { name: 'age', values: ['16-24', '25-34', '35-44', '45-54', '55-64', '65+'], share: [0.13, 0.17, 0.17, 0.18, 0.16, 0.19] },
  { name: 'region', values: ['north', 'south', 'east', 'west', 'centre', 'islands'], share: [0.25, 0.22, 0.18, 0.15, 0.12, 0.08] },
  { name: 'education', values: ['primary', 'secondary', 'vocational', 'university'], share: [0.15, 0.4, 0.2, 0.25] },
  { name: 'ethnicity', values: ['a', 'b', 'c', 'd', 'e'], share: [0.72, 0.1, 0.08, 0.06, 0.04] },
  { name: 'area', values: ['urban', 'suburban', 'rural'], share: [0.45, 0.35, 0.2] },
  { name: 'attitude', values: ['very', 'somewhat', 'little', 'none'], share: [0.2, 0.35, 0.3, 0.15] },
  { name: 'housing', values: ['owner', 'tenant', 'social'], share: [0.55, 0.3, 0.15] },
];

const SEGMENTS = [0.55, 0.3, 0.15];

function pick(rng: SeededRandom, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let u = rng.uniform() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** A generated instance: pool, quotas, panel size. */
export interface GeneratedInstance {
  readonly pool: Volunteer[];
  readonly quotas: Quota[];
  readonly size: number;
  readonly types: number;
}

/** Generate a feasible instance with `poolSize` volunteers, panel `size` and `categories` categories. */
export async function generateInstance(name: string, poolSize: number, size: number, categories: number): Promise<GeneratedInstance> {
  const rng = new SeededRandom(`shangliang-bench/${name}`);
  const cats = TEMPLATES.slice(0, categories);
  // Per segment and category: volunteer weights = population share x self-selection bias x noise.
  const segmentWeights = SEGMENTS.map(() =>
    cats.map((c) =>
      c.share.map((s, i) => {
        const bias = 1.6 - (1.0 * i) / Math.max(1, c.values.length - 1);
        return s * bias * (0.4 + 1.2 * rng.uniform());
      }),
    ),
  );
  const pool: Volunteer[] = [];
  for (let i = 0; i < poolSize; i++) {
    const seg = pick(rng, SEGMENTS);
    const features: Record<string, string> = {};
    cats.forEach((c, ci) => (features[c.name] = c.values[pick(rng, segmentWeights[seg]![ci]!)]!));
    pool.push({ id: String(i), features });
  }
  for (let widen = 0; ; widen++) {
    const quotas: Quota[] = cats.flatMap((c) =>
      c.values.map((value, i) => {
        const target = size * c.share[i]!;
        return {
          category: c.name,
          feature: value,
          min: Math.max(0, Math.floor(0.9 * target) - 1 - widen),
          max: Math.ceil(1.1 * target) + 1 + widen,
        };
      }),
    );
    // Values nobody in the pool has: keep them (min 0) so every value is named.
    for (const q of quotas) if (!pool.some((v) => v.features[q.category] === q.feature)) (q as { min: number }).min = 0;
    const problem = buildProblem({ pool, quotas, size });
    if (await isFeasible(problem)) return { pool, quotas, size, types: problem.types.length };
  }
}
