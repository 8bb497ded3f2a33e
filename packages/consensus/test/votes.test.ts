import { describe, expect, it } from 'vitest';
import { mulberry32, VoteStore, type VoteColumns } from '../src/index.ts';

/** The cells of a store as "row,col" → vote. */
function cells(s: VoteStore): Map<string, number> {
  const out = new Map<string, number>();
  for (let r = 0; r < s.nRows; r++) {
    if (r < s.mainRows)
      for (let k = s.rowPtr[r]!; k < s.rowPtr[r + 1]!; k++) out.set(`${s.participantIds[r]},${s.statementIds[s.cols[k]!]}`, s.vals[k]!);
    for (let k = s.xPtr[r]!; k < s.xPtr[r + 1]!; k++) out.set(`${s.participantIds[r]},${s.statementIds[s.xCols[k]!]}`, s.xVals[k]!);
  }
  return out;
}

describe('vote store', () => {
  it('incremental batches (new cells, changed main and extra cells, repeats within a batch) keep the latest vote and report every change', () => {
    const rng = mulberry32(3);
    const pIds = Array.from({ length: 60 }, (_, i) => `p${i}`);
    const sIds = Array.from({ length: 40 }, (_, i) => `s${i}`);
    const store = new VoteStore();
    const ref = new Map<string, { v: number; t: number }>();
    let time = 0;
    const batch = (n: number, participants: number): VoteColumns => {
      const participant = new Int32Array(n);
      const statement = new Int32Array(n);
      const vote = new Int8Array(n);
      const t = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        participant[i] = Math.floor(rng() * participants);
        statement[i] = Math.floor(rng() * 40);
        vote[i] = Math.floor(rng() * 3) - 1;
        // Mostly increasing times, some older votes that must lose.
        t[i] = rng() < 0.1 ? time - 50 : ++time;
      }
      return { participantIds: pIds, statementIds: sIds, participant, statement, vote, time: t };
    };
    const apply = (b: VoteColumns): void => {
      for (let i = 0; i < b.vote.length; i++) {
        const key = `${pIds[b.participant[i]!]},${sIds[b.statement[i]!]}`;
        const cur = ref.get(key);
        if (!cur || b.time![i]! >= cur.t) ref.set(key, { v: b.vote[i]!, t: b.time![i]! });
      }
    };
    const first = batch(1500, 40);
    store.add(first);
    apply(first);
    expect(store.lastDelta).toBeNull();
    for (let round = 0; round < 6; round++) {
      const before = cells(store);
      const b = batch(40, 60);
      store.add(b);
      apply(b);
      const after = cells(store);
      expect(after).toEqual(new Map([...ref].map(([k, x]) => [k, x.v])));
      const d = store.lastDelta!;
      expect(d).not.toBeNull();
      // Replaying the deltas on the old cells gives the new cells; each delta's old value is the
      // cell's value before it.
      const replay = new Map(before);
      for (let i = 0; i < d.length; i++) {
        const key = `${store.participantIds[d.row[i]!]},${store.statementIds[d.col[i]!]}`;
        expect(replay.has(key) ? replay.get(key) : -2).toBe(d.old[i]);
        replay.set(key, d.value[i]!);
      }
      expect(replay).toEqual(after);
    }
  });
});
