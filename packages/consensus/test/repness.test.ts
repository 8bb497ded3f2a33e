import { describe, expect, it } from 'vitest';
import {
  commentStats,
  groupInformedConsensus,
  propTest,
  selectConsensus,
  selectRepresentative,
  twoPropTest,
  zSig90,
  type VoteCounts,
} from '../src/index.ts';

const counts = (rows: [number, number, number][]): VoteCounts => ({
  agree: Int32Array.from(rows, (r) => r[0]),
  disagree: Int32Array.from(rows, (r) => r[1]),
  seen: Int32Array.from(rows, (r) => r[2]),
});

describe('Pol.is statistics (stats.clj)', () => {
  it('prop-test matches a hand computation', () => {
    // 2·sqrt(11)·(9/11 − 0.5) for 8 successes out of 10
    expect(propTest(8, 10)).toBeCloseTo(2 * Math.sqrt(11) * (9 / 11 - 0.5), 12);
    expect(propTest(8, 10)).toBeCloseTo(2.11058, 4);
    expect(propTest(0, 0)).toBe(0 + 2 * 1 * (1 - 0.5));
  });

  it('two-prop-test matches a hand computation, and is 0 when the pooled share is 1', () => {
    // (9/11 − 3/11) / sqrt(p̂(1 − p̂)(1/11 + 1/11)) with p̂ = 12/22
    const pHat = 12 / 22;
    const z = (9 / 11 - 3 / 11) / Math.sqrt(pHat * (1 - pHat) * (2 / 11));
    expect(twoPropTest(8, 2, 10, 10)).toBeCloseTo(z, 12);
    expect(twoPropTest(8, 2, 10, 10)).toBeCloseTo(2.569, 3);
    expect(twoPropTest(5, 5, 5, 5)).toBe(0);
  });

  it('90 % one-sided threshold is 1.2816, strict', () => {
    expect(zSig90(1.2816)).toBe(false);
    expect(zSig90(1.2817)).toBe(true);
  });
});

describe('representativeness (repness.clj)', () => {
  // Two groups, three statements: statement 0 splits them, 1 is agreed by all, 2 is thin.
  const g0 = counts([
    [9, 1, 10],
    [9, 0, 10],
    [1, 0, 1],
  ]);
  const g1 = counts([
    [1, 9, 10],
    [8, 1, 10],
    [0, 1, 1],
  ]);

  it('comment stats: pa, ratio and tests against the other groups', () => {
    const [a, b] = commentStats([g0, g1], 0);
    expect(a!.pa).toBeCloseTo(10 / 12, 12);
    expect(a!.pd).toBeCloseTo(2 / 12, 12);
    expect(a!.pat).toBeCloseTo(propTest(9, 10), 12);
    // ratio against the rest: pa / ((1 + 1)/(2 + 10))
    expect(a!.ra).toBeCloseTo(10 / 12 / (2 / 12), 12);
    expect(a!.rat).toBeCloseTo(twoPropTest(9, 1, 10, 10), 12);
    expect(b!.rd).toBeCloseTo(10 / 12 / (2 / 12), 12);
  });

  it('selects the splitting statement for both groups, agree for one and disagree for the other', () => {
    const rep = selectRepresentative([g0, g1], ['s0', 's1', 's2'], new Uint8Array(3));
    expect(rep[0]![0]).toMatchObject({ statement: 's0', repfulFor: 'agree', nSuccess: 9, nTrials: 10 });
    const r1 = rep[1]!.find((r) => r.statement === 's0');
    expect(r1).toMatchObject({ repfulFor: 'disagree', nSuccess: 9 });
    // score = ratio × ratio-test × p × p-test
    const r = rep[0]![0]!;
    expect(r.score).toBeCloseTo(r.repness * r.repnessTest * r.pSuccess * r.pTest, 12);
  });

  it('skips moderated-out statements', () => {
    const rep = selectRepresentative([g0, g1], ['s0', 's1', 's2'], Uint8Array.from([1, 0, 0]));
    expect(rep.flat().some((r) => r.statement === 's0')).toBe(false);
  });

  it('keeps at most five, agrees before disagrees', () => {
    const many = (flip: boolean): VoteCounts =>
      counts(Array.from({ length: 12 }, (_, i) => (i % 2 === (flip ? 1 : 0) ? [19, 1, 20] : [1, 19, 20]) as [number, number, number]));
    const rep = selectRepresentative(
      [many(false), many(true)],
      Array.from({ length: 12 }, (_, i) => `s${i}`),
      new Uint8Array(12),
    );
    for (const list of rep) {
      expect(list.length).toBe(5);
      const firstDisagree = list.findIndex((r) => r.repfulFor === 'disagree');
      if (firstDisagree >= 0) expect(list.slice(firstDisagree).every((r) => r.repfulFor === 'disagree')).toBe(true);
    }
  });
});

describe('consensus', () => {
  it('keeps statements with p > 0.5 and a significant test, ranked by p × test', () => {
    const all = counts([
      [18, 1, 20], // strong agree
      [12, 6, 20], // weaker agree, not significant
      [10, 10, 20], // split
      [1, 18, 20], // strong disagree
      [3, 0, 3], // too few votes: (1+3)/(2+3) = 0.8 but test 2·2·(4/4 − .5) = 2 → passes
    ]);
    const c = selectConsensus(all, ['a', 'b', 'c', 'd', 'e'], new Uint8Array(5));
    // b: 2·sqrt(21)·(13/21 − 0.5) = 1.09, not significant.
    expect(c.agree.map((s) => s.statement)).toEqual(['a', 'e']);
    expect(c.disagree.map((s) => s.statement)).toEqual(['d']);
    expect(c.agree[0]!.pSuccess).toBeCloseTo(19 / 22, 12);
    expect(c.agree[0]!.pTest).toBeCloseTo(propTest(18, 20), 12);
  });

  it('group-informed consensus is the product of (agrees + 1)/(votes + 2) over groups', () => {
    const gic = groupInformedConsensus([counts([[3, 1, 5]]), counts([[0, 4, 4]])], 1);
    expect(gic[0]).toBeCloseTo((4 / 7) * (1 / 6), 12);
  });
});
