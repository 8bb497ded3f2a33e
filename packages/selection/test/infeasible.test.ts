/** Infeasible quotas are explained: an irreducible conflict and the smallest relaxation. */
import { describe, expect, it } from 'vitest';
import { buildProblem, InfeasibleQuotasError, isFeasible, selectPanel, type Quota, type Volunteer } from '../src/index.ts';

// 10 volunteers: women are all young, men are all old; 3 women in total.
const pool: Volunteer[] = [
  ...Array.from({ length: 3 }, (_, i) => ({ id: `w${i}`, features: { gender: 'f', age: 'young' } })),
  ...Array.from({ length: 7 }, (_, i) => ({ id: `m${i}`, features: { gender: 'm', age: 'old' } })),
];

const quotas: Quota[] = [
  { category: 'gender', feature: 'f', min: 2, max: 4 },
  { category: 'gender', feature: 'm', min: 2, max: 4 },
  { category: 'age', feature: 'young', min: 0, max: 1 }, // but women are young and >= 2 women are needed
  { category: 'age', feature: 'old', min: 0, max: 6 },
];

async function explain(qs: Quota[], size: number): Promise<InfeasibleQuotasError> {
  try {
    await selectPanel({ pool, quotas: qs, size, seed: 1 });
  } catch (e) {
    expect(e).toBeInstanceOf(InfeasibleQuotasError);
    return e as InfeasibleQuotasError;
  }
  throw new Error('feasible');
}

describe('infeasible quotas', () => {
  it('names the conflicting bounds and the smallest relaxation', async () => {
    const e = await explain(quotas, 5);
    const conflict = e.conflict.map((b) => `${b.category}=${b.feature}:${b.bound}`).sort();
    expect(conflict).toEqual(['age=young:max', 'gender=f:min']);
    expect(e.totalSlack).toBe(1);
    expect(e.relaxation).toHaveLength(1);
    const r = e.relaxation[0]!;
    // Either lower the women's minimum to 1 or raise the young maximum to 2.
    expect([`${r.category}=${r.feature} ${r.relaxedMin}-${r.relaxedMax}`]).toSatisfy(
      (s: string[]) => s[0] === 'gender=f 1-4' || s[0] === 'age=young 0-2',
    );
    expect(e.message).toMatch(/cannot be met together/);
  });

  it('the conflict is irreducible and the relaxation is feasible', async () => {
    const qs: Quota[] = [
      { category: 'gender', feature: 'f', min: 4, max: 5 }, // only 3 women exist
      { category: 'gender', feature: 'm', min: 1, max: 5 },
      { category: 'age', feature: 'young', min: 0, max: 5 },
      { category: 'age', feature: 'old', min: 3, max: 5 },
    ];
    const e = await explain(qs, 6);
    expect(e.conflict.map((b) => `${b.feature}:${b.bound}`)).toEqual(['f:min']);
    // Dropping any one conflicting bound makes the rest feasible.
    for (const b of e.conflict) {
      const relaxed = qs.map((q) =>
        q.category === b.category && q.feature === b.feature ? { ...q, ...(b.bound === 'min' ? { min: 0 } : { max: 6 }) } : q,
      );
      expect(await isFeasible(buildProblem({ pool, quotas: relaxed, size: 6 }))).toBe(true);
    }
    // Applying the relaxation makes the quotas feasible, at 1 seat.
    const applied = qs.map((q) => {
      const r = e.relaxation.find((x) => x.category === q.category && x.feature === q.feature);
      return r ? { ...q, min: r.relaxedMin, max: r.relaxedMax } : q;
    });
    expect(await isFeasible(buildProblem({ pool, quotas: applied, size: 6 }))).toBe(true);
    expect(e.totalSlack).toBe(1);
  });
});
