import { describe, expect, it } from 'vitest';
import { QUALITY_WEIGHTS, qualityScore, type QualityInputs } from './quality.ts';

const base: QualityInputs = {
  topicSource: 'resident',
  topicSupports: 4,
  researchReport: true,
  researchTasks: 2,
  researchTasksDone: 1,
  accepted: 12,
  signedIn: 9,
  publicCount: 4,
  requiredPublic: 4,
  interactions: 1,
  recommendations: 2,
  recommendationsWithResponsibility: 1,
  responsibilities: 4,
  responsibilitiesDone: 2,
  responsibilitiesOnTime: 3,
  ratings: { satisfied: 2, basicallySatisfied: 1, unsatisfied: 1 },
};

describe('quality rubric (docs/quality-rubric.md)', () => {
  it('computes each part from its formula', () => {
    const q = qualityScore(base);
    expect(q.parts).toEqual({
      topic: 80, // 60 + 5 × 4
      research: 75, // 50 + 50 × 1/2
      participation: 88, // 50 × 1 + 50 × 9/12 = 87.5 → 88
      interaction: 50,
      outcome: 50, // 60 × 1/2 + 40 × 2/4
      timeliness: 75, // 3/4
      satisfaction: 65, // (200 + 60) / 4
    });
    const expected = Math.round(
      Object.entries(q.parts).reduce((a, [k, v]) => a + v * QUALITY_WEIGHTS[k as keyof typeof QUALITY_WEIGHTS], 0) / 100,
    );
    expect(q.total).toBe(expected);
    expect(q.satisfactionRate).toBe(0.75);
  });

  it('weights sum to 100 and an empty record scores low, a full one 100', () => {
    expect(Object.values(QUALITY_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
    const empty = qualityScore({
      ...base,
      topicSupports: 0,
      researchReport: false,
      researchTasks: 0,
      researchTasksDone: 0,
      signedIn: 0,
      publicCount: 0,
      interactions: 0,
      recommendations: 0,
      recommendationsWithResponsibility: 0,
      responsibilities: 0,
      responsibilitiesDone: 0,
      responsibilitiesOnTime: 0,
      ratings: { satisfied: 0, basicallySatisfied: 0, unsatisfied: 0 },
    });
    expect(empty.total).toBe(6); // only the grassroots topic's base 60 × 10 %
    const full = qualityScore({
      ...base,
      topicSupports: 10,
      researchTasksDone: 2,
      signedIn: 12,
      interactions: 2,
      recommendationsWithResponsibility: 2,
      responsibilitiesDone: 4,
      responsibilitiesOnTime: 4,
      ratings: { satisfied: 5, basicallySatisfied: 0, unsatisfied: 0 },
    });
    expect(full.total).toBe(100);
  });
});
