/**
 * Parts of the fast path's decomposition: the local search (bit-set feasibility, sorted scan)
 * against a brute-force 1-exchange, and the cover phase, including a pool where it cannot cover
 * every type and the engine must fall back to the column generation.
 */
import { describe, expect, it } from 'vitest';
import { buildProblem, computeLeximin, SeededRandom } from '../src/index.ts';
import { LocalSearch, type Column } from '../src/leximin.ts';
import type { Problem } from '../src/model.ts';
import { tinyInstance } from './helpers/instances.ts';
import { referenceLeximin } from './helpers/reference.ts';

function columnOf(x: ArrayLike<number>): Column {
  const support: number[] = [];
  const amount: number[] = [];
  for (let t = 0; t < x.length; t++)
    if (x[t]! > 0) {
      support.push(t);
      amount.push(x[t]!);
    }
  return { support: Int32Array.from(support), amount: Int32Array.from(amount) };
}

function meetsQuotas(problem: Problem, x: ArrayLike<number>): boolean {
  let total = 0;
  for (let t = 0; t < x.length; t++) {
    if (x[t]! < 0 || x[t]! > problem.counts[t]!) return false;
    total += x[t]!;
  }
  if (total !== problem.size) return false;
  return problem.quotas.every((q, i) => {
    const n = problem.quotaTypes[i]!.reduce((a, t) => a + x[t]!, 0);
    return n >= q.min && n <= q.max;
  });
}

/** The best gain of a single seat exchange from x that keeps every quota (brute force). */
function bestExchange(problem: Problem, x: Int32Array, w: Float64Array): number {
  let best = 0;
  const T = x.length;
  for (let a = 0; a < T; a++)
    for (let b = 0; b < T; b++) {
      if (a === b || x[a]! === 0 || x[b]! >= problem.counts[b]!) continue;
      const y = Int32Array.from(x);
      y[a] = y[a]! - 1;
      y[b] = y[b]! + 1;
      if (meetsQuotas(problem, y)) best = Math.max(best, w[b]! - w[a]!);
    }
  return best;
}

describe('decomposition local search', () => {
  it('returns quota-meeting panels at least as good as the best single exchange', async () => {
    let improved = 0;
    for (const seed of ['mid-0', 'mid-1', 'mid-2']) {
      const problem = buildProblem(tinyInstance(seed, 40, 5, true));
      const T = problem.counts.length;
      const start = (await computeLeximin(problem)).compositions.map((c) => columnOf(c.counts));
      const search = new LocalSearch(problem);
      const rng = new SeededRandom(`ls-${seed}`);
      for (let trial = 0; trial < 8; trial++) {
        const w = Float64Array.from({ length: T }, () => rng.uniform());
        const c = start[trial % start.length]!;
        const x0 = new Int32Array(T);
        c.support.forEach((t, i) => (x0[t] = c.amount[i]!));
        let v0 = 0;
        for (let t = 0; t < T; t++) v0 += w[t]! * x0[t]!;
        const gain = bestExchange(problem, x0, w);
        for (const pairs of [false, true]) {
          const found = search.improveMany(w, [c], v0 + 1e-9, 1, pairs);
          if (gain > 1e-9) expect(found.length).toBe(1);
          for (const x of found) {
            expect(meetsQuotas(problem, x)).toBe(true);
            let v = 0;
            for (let t = 0; t < T; t++) v += w[t]! * x[t]!;
            expect(v).toBeGreaterThanOrEqual(v0 + gain - 1e-9);
            improved++;
          }
        }
      }
    }
    expect(improved).toBeGreaterThan(10);
  });
});

describe('cover phase', () => {
  it('runs on larger pools and gives the same probabilities as without it', async () => {
    for (const seed of ['mid-0', 'mid-1']) {
      const problem = buildProblem(tinyInstance(seed, 40, 5, true));
      const lines: string[] = [];
      // The cover phase runs when peeling stops short; switched off here to exercise it.
      const a = await computeLeximin(problem, { peeling: false, log: (l) => lines.push(l) });
      const b = await computeLeximin(problem, { peeling: false, coverPhase: false });
      expect(lines.some((l) => l.startsWith('cover phase:'))).toBe(true);
      expect(a.stats.relaxationPath).toBe(true);
      expect(a.certificate.met).toBe(true);
      expect(b.certificate.met).toBe(true);
      for (const v of problem.pool) expect(Math.abs(a.probabilities.get(v.id)! - b.probabilities.get(v.id)!)).toBeLessThan(1e-6);
    }
  });

  it('falls back when a type of positive relaxed target is in no panel (tiny-any-4)', async () => {
    const inst = tinyInstance('tiny-any-4', 12, 4, false);
    const lines: string[] = [];
    const a = await computeLeximin(buildProblem(inst), { log: (l) => lines.push(l) });
    expect(lines.some((l) => l.includes('is in no panel of the face'))).toBe(true);
    expect(a.stats.relaxationPath).toBe(false);
    expect(a.certificate.met).toBe(true);
    const reference = referenceLeximin(inst.pool, inst.quotas, inst.size);
    inst.pool.forEach((v, i) => expect(Math.abs(a.probabilities.get(v.id)! - reference[i]!)).toBeLessThan(1e-6));
  });
});
