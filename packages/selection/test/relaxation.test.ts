/**
 * The LP-relaxation fast path: where the leximin over the LP relaxation of the composition
 * polytope is a mixture of panels the engine certifies it directly; where it is not (the
 * relaxation is not integral with 3+ categories), the engine must fall back to the column
 * generation and still agree with the independent enumeration.
 */
import { describe, expect, it } from 'vitest';
import { buildProblem, computeLeximin } from '../src/index.ts';
import { relaxedLeximin } from '../src/relaxation.ts';
import { getHighs } from '../src/solver.ts';
import { tinyInstance } from './helpers/instances.ts';
import { referenceLeximin } from './helpers/reference.ts';

describe('LP-relaxation path', () => {
  it('is used and certified where the relaxation optimum is a mixture of panels', async () => {
    for (const seed of ['tiny-0', 'tiny-1', 'tiny-any-0']) {
      const inst = tinyInstance(seed, 12, 4, seed.startsWith('tiny-') && !seed.includes('any'));
      const a = await computeLeximin(buildProblem(inst));
      expect(a.stats.relaxationPath).toBe(true);
      expect(a.certificate.met).toBe(true);
      const reference = referenceLeximin(inst.pool, inst.quotas, inst.size);
      inst.pool.forEach((v, i) => expect(Math.abs(a.probabilities.get(v.id)! - reference[i]!)).toBeLessThan(1e-6));
    }
  });

  it('falls back to the column generation where the relaxation is not integral (tiny-any-4)', async () => {
    const inst = tinyInstance('tiny-any-4', 12, 4, false);
    const problem = buildProblem(inst);
    const relaxed = relaxedLeximin(await getHighs(), problem);
    const reference = referenceLeximin(inst.pool, inst.quotas, inst.size);
    // The relaxation's leximin differs from the true one: it gives someone a probability no
    // mixture of panels gives them.
    const relaxedPerPerson = problem.typeOfVolunteer.map((t) => relaxed.fixed[t]!);
    expect(Math.max(...relaxedPerPerson.map((p, i) => Math.abs(p - reference[i]!)))).toBeGreaterThan(0.01);
    const a = await computeLeximin(problem);
    expect(a.stats.relaxationPath).toBe(false);
    expect(a.certificate.met).toBe(true);
    inst.pool.forEach((v, i) => expect(Math.abs(a.probabilities.get(v.id)! - reference[i]!)).toBeLessThan(1e-6));
  });

  it('agrees with the column generation on larger pools (face pricing: 2-exchanges, dives)', async () => {
    for (const seed of ['mid-0', 'mid-1', 'mid-2']) {
      const inst = tinyInstance(seed, 40, 5, true);
      const problem = buildProblem(inst);
      const fast = await computeLeximin(problem);
      const slow = await computeLeximin(problem, { relaxation: false });
      expect(fast.stats.relaxationPath).toBe(true);
      expect(problem.types.length).toBeGreaterThan(15);
      expect(fast.certificate.met).toBe(true);
      expect(slow.certificate.met).toBe(true);
      for (const v of inst.pool) expect(Math.abs(fast.probabilities.get(v.id)! - slow.probabilities.get(v.id)!)).toBeLessThan(1e-6);
      // The distribution meets the probabilities it reports and is a distribution.
      const total = fast.compositions.reduce((a, c) => a + c.probability, 0);
      expect(Math.abs(total - 1)).toBeLessThan(1e-9);
      expect(fast.certificate.maxShortfall).toBeLessThan(1e-9);
    }
  });
});
