/**
 * Seeded synthetic conversations with planted opinion groups, for tests and the benchmark.
 * Each group has a stance per statement (agree, disagree or pass); a participant votes on a random
 * subset of statements and follows the group's stance with probability `fidelity`, else votes at
 * random.
 */
import { mulberry32 } from './prng.ts';
import type { VoteColumns } from './votes.ts';

/** Parameters of {@link plantedConversation}. */
export interface PlantedOptions {
  participants: number;
  statements: number;
  /** Share of the participant × statement cells that carry a vote. */
  density: number;
  /** Relative group sizes, e.g. [0.5, 0.3, 0.2]. */
  groupShares: readonly number[];
  fidelity?: number;
  seed?: number;
}

/** A synthetic conversation and the planted group of each participant (by participant index). */
export interface PlantedConversation {
  votes: VoteColumns;
  truth: Int32Array;
}

/** Generates a conversation with planted groups; votes arrive participant by participant. */
export function plantedConversation(o: PlantedOptions): PlantedConversation {
  const rng = mulberry32(o.seed ?? 1);
  const fidelity = o.fidelity ?? 0.8;
  const G = o.groupShares.length;
  const S = o.statements;
  const stance = new Int8Array(G * S);
  for (let g = 0; g < G; g++) {
    for (let s = 0; s < S; s++) {
      const u = rng();
      stance[g * S + s] = u < 0.45 ? 1 : u < 0.9 ? -1 : 0;
    }
  }
  const cum: number[] = [];
  let tot = 0;
  for (const w of o.groupShares) cum.push((tot += w));
  const truth = new Int32Array(o.participants);
  const perP = Math.max(1, Math.round(o.density * S));
  // Votes per participant vary between 50 % and 150 % of the mean (capped at S).
  const counts = new Int32Array(o.participants);
  let total = 0;
  for (let p = 0; p < o.participants; p++) {
    const u = rng() * tot;
    let g = 0;
    while (g < G - 1 && u >= cum[g]!) g++;
    truth[p] = g;
    counts[p] = Math.min(S, Math.max(1, Math.round(perP * (0.5 + rng()))));
    total += counts[p]!;
  }
  const participant = new Int32Array(total);
  const statement = new Int32Array(total);
  const vote = new Int8Array(total);
  const time = new Float64Array(total);
  const stamp = new Int32Array(S);
  let k = 0;
  for (let p = 0; p < o.participants; p++) {
    const g = truth[p]!;
    const mark = p + 1;
    for (let i = 0; i < counts[p]!; i++) {
      let s: number;
      do s = Math.floor(rng() * S);
      while (stamp[s] === mark);
      stamp[s] = mark;
      participant[k] = p;
      statement[k] = s;
      vote[k] = rng() < fidelity ? stance[g * S + s]! : ((Math.floor(rng() * 3) - 1) as -1 | 0 | 1);
      time[k] = k;
      k++;
    }
  }
  const participantIds = Array.from({ length: o.participants }, (_, i) => `p${i}`);
  const statementIds = Array.from({ length: S }, (_, i) => String(i));
  return { votes: { participantIds, statementIds, participant, statement, vote, time }, truth };
}

/** Splits columnar votes at index `at` (e.g. to hold back the last 1 % as an incremental update). */
export function splitVotes(v: VoteColumns, at: number): [VoteColumns, VoteColumns] {
  const part = (lo: number, hi: number): VoteColumns => ({
    participantIds: v.participantIds,
    statementIds: v.statementIds,
    participant: v.participant.subarray(lo, hi),
    statement: v.statement.subarray(lo, hi),
    vote: v.vote.subarray(lo, hi),
    ...(v.time ? { time: v.time.subarray(lo, hi) } : {}),
  });
  return [part(0, at), part(at, v.vote.length)];
}

/** Holds back a random `share` of the votes (seeded): returns [the rest, the held-back votes]. */
export function holdOut(v: VoteColumns, share: number, seed = 7): [VoteColumns, VoteColumns] {
  const rng = mulberry32(seed);
  const n = v.vote.length;
  const held = new Uint8Array(n);
  let nh = 0;
  for (let i = 0; i < n; i++) {
    if (rng() < share) {
      held[i] = 1;
      nh++;
    }
  }
  const pick = (want: number, size: number): VoteColumns => {
    const participant = new Int32Array(size);
    const statement = new Int32Array(size);
    const vote = new Int8Array(size);
    const time = new Float64Array(size);
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (held[i] !== want) continue;
      participant[k] = v.participant[i]!;
      statement[k] = v.statement[i]!;
      vote[k] = v.vote[i]!;
      time[k] = v.time ? v.time[i]! : i;
      k++;
    }
    return { participantIds: v.participantIds, statementIds: v.statementIds, participant, statement, vote, time };
  };
  return [pick(0, n - nh), pick(1, nh)];
}
