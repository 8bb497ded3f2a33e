/**
 * The engine against an independent solve: on 12-person pools with 4 features, every feasible
 * panel is enumerated and the leximin program is solved with a separate dense simplex
 * (test/helpers), then compared with the HiGHS column generation over types (and over
 * individuals, to check the type reduction).
 */
import { describe, expect, it } from 'vitest';
import { buildProblem, computeLeximin } from '../src/index.ts';
import { tinyInstance } from './helpers/instances.ts';
import { referenceLeximin } from './helpers/reference.ts';

// 10 instances where everyone is on some feasible panel (minimum > 0) and 4 unrestricted ones
// (where some volunteers can never be selected and the leximin still orders everyone else).
const SEEDS = [
  ...Array.from({ length: 10 }, (_, i) => ({ seed: `tiny-${i}`, everyone: true })),
  ...Array.from({ length: 4 }, (_, i) => ({ seed: `tiny-any-${i}`, everyone: false })),
];

describe('leximin equals an independent enumeration + simplex solve', () => {
  for (const { seed, everyone } of SEEDS) {
    it(`instance ${seed}`, async () => {
      const inst = tinyInstance(seed, 12, 4, everyone);
      const reference = referenceLeximin(inst.pool, inst.quotas, inst.size);
      const typed = await computeLeximin(buildProblem(inst, true));
      const individual = await computeLeximin(buildProblem(inst, false));
      const viaDualMaster = await computeLeximin(buildProblem(inst, true), { master: 'dual', relaxation: false });
      const viaColumnGeneration = await computeLeximin(buildProblem(inst, true), { relaxation: false });
      expect(viaColumnGeneration.stats.relaxationPath).toBe(false);
      expect(viaColumnGeneration.certificate.met).toBe(true);
      const engine = inst.pool.map((v) => typed.probabilities.get(v.id)!);
      const direct = inst.pool.map((v) => individual.probabilities.get(v.id)!);

      // Minimum and full sorted vector within 1e-6 of the reference.
      expect(Math.abs(typed.minProbability - Math.min(...reference))).toBeLessThan(1e-6);
      const sortedRef = [...reference].sort((a, b) => a - b);
      const sortedEngine = [...engine].sort((a, b) => a - b);
      sortedRef.forEach((p, i) => expect(Math.abs(sortedEngine[i]! - p)).toBeLessThan(1e-6));
      // The leximin vector is unique, so per person too; and types = individuals.
      reference.forEach((p, i) => expect(Math.abs(engine[i]! - p)).toBeLessThan(1e-6));
      engine.forEach((p, i) => expect(Math.abs(direct[i]! - p)).toBeLessThan(1e-6));
      inst.pool.forEach((v, i) => expect(Math.abs(viaDualMaster.probabilities.get(v.id)! - engine[i]!)).toBeLessThan(1e-6));
      inst.pool.forEach((v, i) => expect(Math.abs(viaColumnGeneration.probabilities.get(v.id)! - reference[i]!)).toBeLessThan(1e-6));
      // Probabilities sum to the panel size; the certificate holds.
      expect(Math.abs(engine.reduce((a, b) => a + b, 0) - inst.size)).toBeLessThan(1e-6);
      expect(typed.certificate.met).toBe(true);
      expect(individual.certificate.met).toBe(true);
      if (everyone) expect(Math.min(...reference)).toBeGreaterThan(0);
    });
  }

  it('the reference is not trivial: some instances have unequal probabilities', () => {
    const spreads = SEEDS.slice(0, 6).map(({ seed, everyone }) => {
      const inst = tinyInstance(seed, 12, 4, everyone);
      const r = referenceLeximin(inst.pool, inst.quotas, inst.size);
      return Math.max(...r) - Math.min(...r);
    });
    expect(Math.max(...spreads)).toBeGreaterThan(0.05);
  });
});
