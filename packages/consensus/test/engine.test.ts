import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, computeConsensus, ConsensusEngine, ConsensusInputError, type Vote } from '../src/index.ts';
import { holdOut, plantedConversation } from '../src/synthetic.ts';

const planted = plantedConversation({ participants: 600, statements: 60, density: 0.4, groupShares: [0.5, 0.3, 0.2], seed: 4 });
const truthOf = (groups: Record<string, number>): [number[], number[]] => {
  const a: number[] = [];
  const b: number[] = [];
  planted.votes.participantIds.forEach((id, i) => {
    if (groups[id] === undefined) return;
    a.push(planted.truth[i]!);
    b.push(groups[id]!);
  });
  return [a, b];
};

describe('engine on planted groups', () => {
  const res = computeConsensus({ votes: planted.votes });

  it('recovers the three planted groups', () => {
    expect(res.k.chosen).toBe(3);
    const [a, b] = truthOf(res.groups);
    expect(a.length).toBe(600);
    expect(adjustedRandIndex(a, b)).toBeGreaterThan(0.95);
  });

  it('group vote shares add up to the totals', () => {
    for (const st of ['0', '17', '59']) {
      const sum = res.groupList.reduce((s, g) => s + g.votes[st]!.seen, 0);
      expect(sum).toBe(res.totals[st]!.seen);
    }
    expect(res.groupList.reduce((s, g) => s + g.members.length, 0)).toBe(600);
  });

  it('every group has representative statements, and consensus is sorted', () => {
    for (let g = 0; g < 3; g++) expect(res.repness[String(g)]!.length).toBeGreaterThan(0);
    const agree = res.consensus.filter((c) => c.direction === 'agree');
    for (let i = 1; i < agree.length; i++) {
      expect(agree[i - 1]!.pSuccess * agree[i - 1]!.pTest).toBeGreaterThanOrEqual(agree[i]!.pSuccess * agree[i]!.pTest);
    }
    expect(res.divisive.length).toBe(5);
    expect(res.mostPassed.length).toBe(5);
  });

  it('is deterministic for a given input and seed', () => {
    const again = computeConsensus({ votes: planted.votes });
    expect(JSON.stringify(again)).toBe(JSON.stringify(res));
    expect(JSON.stringify(again.state)).toBe(JSON.stringify(res.state));
  });

  it('the result is JSON without the state, and the state warm-starts a new engine', () => {
    expect(Object.keys(JSON.parse(JSON.stringify(res)))).not.toContain('state');
    const warm = computeConsensus({ votes: planted.votes, previous: JSON.parse(JSON.stringify(res.state)) });
    expect(warm.pca.iterations).toBeLessThan(res.pca.iterations);
    const [a, b] = truthOf(warm.groups);
    expect(adjustedRandIndex(a, b)).toBeGreaterThan(0.95);
  });
});

describe('orientation', () => {
  it('keeps the sign of each component from one run to the next, and through an update', () => {
    const dot = (x: ArrayLike<number>, y: ArrayLike<number>): number => {
      let s = 0;
      for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!;
      return s;
    };
    for (let seed = 1; seed <= 6; seed++) {
      const { votes } = plantedConversation({ participants: 300, statements: 30, density: 0.4, groupShares: [0.5, 0.3, 0.2], seed });
      const [a, b] = holdOut(votes, 0.05, seed);
      const eng = new ConsensusEngine();
      eng.addVotes(a);
      const first = eng.run().pca.components.map((v) => Float64Array.from(v));
      eng.addVotes(b);
      const inc = eng.update().pca.components;
      const again = eng.run().pca.components;
      for (let q = 0; q < 2; q++) {
        expect(dot(first[q]!, inc[q]!)).toBeGreaterThan(0.99);
        expect(dot(first[q]!, again[q]!)).toBeGreaterThan(0.99);
      }
    }
  });
});

describe('incremental update', () => {
  it('approximates a full run after 1 % new votes', () => {
    const [before, after] = holdOut(planted.votes, 0.01, 9);
    const eng = new ConsensusEngine();
    eng.addVotes(before);
    eng.run();
    eng.addVotes(after);
    const inc = eng.update();
    const full = computeConsensus({ votes: planted.votes });
    expect(inc.pca.iterations).toBe(0); // no pass over all votes: the kept pass is patched
    for (let q = 0; q < 2; q++) {
      const dot = inc.pca.components[q]!.reduce((s, x, i) => s + x * full.pca.components[q]![i]!, 0);
      expect(1 - Math.abs(dot)).toBeLessThan(1e-3);
    }
    const ids = Object.keys(full.groups);
    expect(
      adjustedRandIndex(
        ids.map((id) => full.groups[id]!),
        ids.map((id) => inc.groups[id]!),
      ),
    ).toBeGreaterThan(0.99);
    // Counts patched from the changed cells equal a recount.
    expect(inc.totals).toEqual(full.totals);
    const recount = eng.run();
    expect(recount.groupList.map((g) => g.votes)).toEqual(inc.groupList.map((g) => g.votes));
  });

  it('the kept k-means state: same base clusters as clean-start from the previous clusters, bounds stay valid, vote counts equal a recount', () => {
    type Kept = {
      rows: Int32Array;
      points: Float64Array;
      bounds: { assign: Int32Array; upper: Float64Array; lower: Float64Array; valid: boolean };
      cx: Float64Array;
      cy: Float64Array;
    };
    const internals = (e: ConsensusEngine): { baseKept?: Kept; cache?: { votesOfRow: Int32Array } } =>
      e as unknown as { baseKept?: Kept; cache?: { votesOfRow: Int32Array } };
    const [before, after] = holdOut(planted.votes, 0.03, 13);
    const third = after.vote.length / 3;
    const part = (lo: number, hi: number): typeof after => ({
      ...after,
      participant: after.participant.subarray(lo, hi),
      statement: after.statement.subarray(lo, hi),
      vote: after.vote.subarray(lo, hi),
      time: after.time!.subarray(lo, hi),
    });
    // New participants too: the last batch brings 12 of them.
    const late: Vote[] = [];
    for (let i = 0; i < 12; i++)
      for (let st = 0; st < 9; st++)
        late.push({ participant: `new${i}`, statement: String(st), vote: i % 2 ? 1 : -1, time: 2e9 + i * 9 + st });
    const kept = new ConsensusEngine({ baseK: 30 });
    const general = new ConsensusEngine({ baseK: 30 });
    for (const e of [kept, general]) {
      e.addVotes(before);
      e.run();
    }
    for (const [k, batch] of [part(0, third), part(third, 2 * third), part(2 * third, after.vote.length)].entries()) {
      for (const e of [kept, general]) {
        e.addVotes(batch);
        if (k === 2) e.addVotes(late);
      }
      internals(general).baseKept = undefined; // the general path: clean-start from the previous clusters
      const a = kept.update();
      const b = general.update();
      expect(Array.from(a.groupOf)).toEqual(Array.from(b.groupOf));
      expect(a.state.baseClusters).toEqual(b.state.baseClusters);
      const st = internals(kept).baseKept!;
      expect(st.bounds.valid).toBe(true);
      for (let i = 0; i < st.rows.length; i++) {
        const r = st.rows[i]!;
        expect([st.points[2 * i], st.points[2 * i + 1]]).toEqual([a.xy[2 * r], a.xy[2 * r + 1]]);
        const d = Array.from(st.cx, (x, j) => Math.hypot(st.points[2 * i]! - x, st.points[2 * i + 1]! - st.cy[j]!));
        const own = st.bounds.assign[i]!;
        expect(st.bounds.upper[i]! + 1e-12).toBeGreaterThanOrEqual(d[own]!);
        expect(st.bounds.lower[i]! - 1e-12).toBeLessThanOrEqual(Math.min(...d.filter((_, j) => j !== own)));
      }
      const votesOfRow = internals(kept).cache!.votesOfRow;
      for (let r = 0; r < kept.store.nRows; r++) expect(votesOfRow[r]).toBe(kept.store.rowLength(r));
    }
    expect(kept.store.nRows).toBe(planted.votes.participantIds.length + 12);
  });

  it('successive updates with a new statement and new participants keep exact counts', () => {
    const [before, after] = holdOut(planted.votes, 0.02, 11);
    const [a1, a2] = [
      {
        ...after,
        participant: after.participant.subarray(0, after.vote.length >> 1),
        statement: after.statement.subarray(0, after.vote.length >> 1),
        vote: after.vote.subarray(0, after.vote.length >> 1),
        time: after.time!.subarray(0, after.vote.length >> 1),
      },
      {
        ...after,
        participant: after.participant.subarray(after.vote.length >> 1),
        statement: after.statement.subarray(after.vote.length >> 1),
        vote: after.vote.subarray(after.vote.length >> 1),
        time: after.time!.subarray(after.vote.length >> 1),
      },
    ];
    const eng = new ConsensusEngine();
    eng.addVotes(before);
    eng.run();
    eng.addVotes(a1);
    eng.update();
    eng.addVotes(a2);
    const extra: Vote[] = Array.from({ length: 30 }, (_, i) => ({
      participant: `late${i}`,
      statement: 'brand-new',
      vote: 1,
      time: 1e9 + i,
    }));
    for (let i = 0; i < 30; i++)
      for (let s = 0; s < 8; s++) extra.push({ participant: `late${i}`, statement: String(s), vote: -1, time: 1e9 + 100 + i * 8 + s });
    eng.addVotes(extra);
    const inc = eng.update();
    expect(inc.statements).toBe(61);
    expect(inc.groups['late3']).toBeDefined();
    // Patched group counts equal a recount with the update's membership.
    const st = eng.store;
    const recount = inc.groupList.map(() => new Map<string, number[]>());
    for (let r = 0; r < st.nRows; r++) {
      const g = inc.groups[st.participantIds[r]!];
      if (g === undefined) continue;
      const cells: [number, number][] = [];
      if (r < st.mainRows) for (let k = st.rowPtr[r]!; k < st.rowPtr[r + 1]!; k++) cells.push([st.cols[k]!, st.vals[k]!]);
      for (let k = st.xPtr[r]!; k < st.xPtr[r + 1]!; k++) cells.push([st.xCols[k]!, st.xVals[k]!]);
      for (const [c, v] of cells) {
        const id = st.statementIds[c]!;
        const a = recount[g]!.get(id) ?? [0, 0, 0];
        a[v > 0 ? 0 : v < 0 ? 1 : 2]!++;
        recount[g]!.set(id, a);
      }
    }
    inc.groupList.forEach((grp, g) => {
      for (const [id, sv] of Object.entries(grp.votes)) {
        const [a, d, p] = recount[g]!.get(id) ?? [0, 0, 0];
        expect([sv.agree, sv.disagree, sv.pass]).toEqual([a, d, p]);
      }
    });
    const full = eng.run();
    expect(inc.totals).toEqual(full.totals);
    const ids = Object.keys(full.groups);
    expect(
      adjustedRandIndex(
        ids.map((id) => full.groups[id]!),
        ids.map((id) => inc.groups[id]!),
      ),
    ).toBeGreaterThan(0.98);
  });

  it('a changed vote replaces the old one (latest by time wins)', () => {
    const base: Vote[] = [];
    for (let p = 0; p < 20; p++)
      for (let s = 0; s < 8; s++) base.push({ participant: p, statement: s, vote: (((p + s) % 3) - 1) as -1 | 0 | 1, time: 1 });
    const eng = new ConsensusEngine();
    eng.addVotes(base);
    const r1 = eng.run();
    const before = r1.totals['3']!;
    eng.addVotes([
      { participant: 0, statement: 3, vote: 1, time: 5 },
      { participant: 0, statement: 3, vote: -1, time: 4 }, // older: ignored
      { participant: 'new', statement: 3, vote: 1, time: 6 },
    ]);
    const r2 = eng.update();
    const old = ((0 + 3) % 3) - 1; // participant 0's old vote on 3 was -1
    expect(old).toBe(-1);
    expect(r2.totals['3']).toEqual({
      agree: before.agree + 2,
      disagree: before.disagree - 1,
      pass: before.pass,
      seen: before.seen + 1,
    });
    expect(eng.run().totals).toEqual(r2.totals);
  });
});

describe('Pol.is rules', () => {
  it('clusters participants with at least min(7, statements) votes, topped up to 15 by vote count', () => {
    const votes: Vote[] = [];
    // 10 participants with 7 votes, 10 with 3, 5 with 1, on 10 statements.
    for (let p = 0; p < 25; p++) {
      const n = p < 10 ? 7 : p < 20 ? 3 : 1;
      for (let s = 0; s < n; s++) votes.push({ participant: `p${p}`, statement: s, vote: (p + s) % 2 ? 1 : -1 });
    }
    for (let s = 7; s < 10; s++) votes.push({ participant: 'p0', statement: s, vote: 1 });
    const res = computeConsensus({ votes });
    const clustered = Object.keys(res.groups);
    expect(clustered.length).toBe(15);
    for (let p = 0; p < 15; p++) expect(clustered).toContain(`p${p}`); // 10 qualify + 5 top voters (ties by first vote)
    expect(clustered).not.toContain('p20');
  });

  it('moderated-out statements count as zero: no variance, no consensus, no repness', () => {
    const mod = computeConsensus({ votes: planted.votes, moderatedOut: ['0', '1'] });
    const i0 = mod.pca.statementIds.indexOf('0');
    expect(mod.pca.components[0]![i0]).toBe(0);
    expect(mod.pca.components[1]![i0]).toBe(0);
    const mentioned = [...mod.consensus, ...Object.values(mod.repness).flat(), ...mod.divisive, ...mod.mostPassed].map((s) => s.statement);
    expect(mentioned).not.toContain('0');
    expect(mentioned).not.toContain('1');
    expect(mod.groupInformedConsensus['0']).toBeUndefined();
  });

  it('keeps the previous k until a new best k has won 4 updates in a row', () => {
    const res = computeConsensus({ votes: planted.votes });
    expect(res.k.best).toBe(3);
    const forced = { ...res.state, kSmoother: { lastK: 2, lastKCount: 5, smoothedK: 2 } };
    const eng = new ConsensusEngine({}, forced);
    eng.addVotes(planted.votes);
    const chosen = [1, 2, 3, 4].map(() => eng.run().k.chosen);
    expect(chosen).toEqual([2, 2, 2, 3]);
  });
});

describe('input errors', () => {
  it('rejects an unknown vote value, naming the vote', () => {
    expect(() => computeConsensus({ votes: [{ participant: 1, statement: 1, vote: 2 as never }] })).toThrow(
      /votes\[0\]: unknown vote value 2/,
    );
  });
  it('rejects a vote on a statement that does not exist', () => {
    expect(() => computeConsensus({ votes: [{ participant: 1, statement: 9, vote: 1 }], statements: [1, 2] })).toThrow(ConsensusInputError);
    expect(() => computeConsensus({ votes: [{ participant: 1, statement: 9, vote: 1 }], statements: [1, 2] })).toThrow(
      /statement "9" does not exist/,
    );
  });
  it('rejects no votes and mixed timed/untimed votes', () => {
    expect(() => computeConsensus({ votes: [] })).toThrow(/no votes/);
    expect(() =>
      computeConsensus({
        votes: [
          { participant: 1, statement: 1, vote: 1, time: 3 },
          { participant: 2, statement: 1, vote: 1 },
        ],
      }),
    ).toThrow(/either every vote has a time or none/);
  });
});
