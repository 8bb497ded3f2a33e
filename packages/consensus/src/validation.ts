/**
 * Comparison of our groups with the groups Pol.is assigned in a real conversation export, with
 * the diagnostics that explain a disagreement (used by scripts/validate.ts and a test).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { adjustedRandIndex } from './ari.ts';
import { computeConsensus, ConsensusEngine, type ConsensusResult } from './engine.ts';
import { parseCsv, readPolisExport, type PolisExport } from './polis-export.ts';
import { splitVotes } from './synthetic.ts';

/** Everything the report says about one conversation. */
export interface ConversationValidation {
  name: string;
  participants: number;
  statements: number;
  votes: number;
  moderatedOut: number;
  polisClustered: number;
  polisK: number;
  ourClustered: number;
  ourK: number;
  both: number;
  ari: number;
  silhouettes: Record<string, number>;
  /** ARI when we force Pol.is's number of groups. */
  ariForcedK: number;
  /** ARI after replaying the votes in time order in `replayBatches` warm-started updates. */
  ariReplay: number;
  replayK: number;
  replayBatches: number;
  /** Pol.is-clustered participants with fewer than min(7, statements) votes. */
  polisBelowThreshold: number;
  /** Within-group sum of squares in our projection, with Pol.is's k: our groups, Pol.is's groups. */
  wcssOurs: number;
  wcssPolis: number;
  result: ConsensusResult;
  export: PolisExport;
  texts: Map<string, string>;
}

function labels(ex: PolisExport, groups: Record<string, number>): [number[], number[], string[]] {
  const a: number[] = [];
  const b: number[] = [];
  const ids: string[] = [];
  for (const [p, g] of ex.polisGroups) {
    if (g === null) continue;
    const o = groups[p];
    if (o === undefined) continue;
    a.push(g);
    b.push(o);
    ids.push(p);
  }
  return [a, b, ids];
}

function wcss(ids: readonly string[], lab: readonly number[], pos: Record<string, [number, number]>): number {
  const sums = new Map<number, [number, number, number]>();
  ids.forEach((id, i) => {
    const p = pos[id]!;
    const s = sums.get(lab[i]!) ?? [0, 0, 0];
    s[0] += p[0];
    s[1] += p[1];
    s[2] += 1;
    sums.set(lab[i]!, s);
  });
  let total = 0;
  ids.forEach((id, i) => {
    const p = pos[id]!;
    const s = sums.get(lab[i]!)!;
    total += (p[0] - s[0] / s[2]) ** 2 + (p[1] - s[1] / s[2]) ** 2;
  });
  return total;
}

/** Runs our engine on a conversation folder and compares with Pol.is's groups. */
export function validateConversation(folder: string, replayBatches = 100): ConversationValidation {
  const ex = readPolisExport(folder);
  const result = computeConsensus({ votes: ex.votes, moderatedOut: ex.moderatedOut, statements: ex.statements.map((s) => s.id) });
  const [a, b] = labels(ex, result.groups);
  const polisK = new Set([...ex.polisGroups.values()].filter((g) => g !== null)).size;
  const forced = computeConsensus({ votes: ex.votes, moderatedOut: ex.moderatedOut, options: { forceK: polisK } });
  const [fa, fb, fids] = labels(ex, forced.groups);
  // Replay: the votes in time order, in equal batches, each followed by a warm-started run.
  const eng = new ConsensusEngine();
  eng.setModeratedOut(ex.moderatedOut);
  const n = ex.votes.vote.length;
  let replay: ConsensusResult | undefined;
  let rest = ex.votes;
  let done = 0;
  for (let i = 1; i <= replayBatches; i++) {
    const upto = Math.floor((i * n) / replayBatches);
    const [head, tail] = splitVotes(rest, upto - done);
    done = upto;
    rest = tail;
    eng.addVotes(head);
    if (eng.store.nRows >= 2 && eng.store.nCols >= 2) replay = eng.run();
  }
  const [ra, rb] = labels(ex, replay!.groups);
  const need = Math.min(7, result.statements);
  // Count latest votes, not vote events.
  const latest = new Set<string>();
  for (let i = 0; i < n; i++) latest.add(`${ex.votes.participant[i]}:${ex.votes.statement[i]}`);
  const latestPer = new Map<number, number>();
  for (const key of latest) {
    const p = Number(key.split(':')[0]);
    latestPer.set(p, (latestPer.get(p) ?? 0) + 1);
  }
  let below = 0;
  for (const [p, g] of ex.polisGroups) {
    if (g === null) continue;
    const r = ex.votes.participantIds.indexOf(p);
    if ((latestPer.get(r) ?? 0) < need) below++;
  }
  const texts = new Map<string, string>();
  const rows = parseCsv(readFileSync(path.join(folder, 'comments.csv'), 'utf8'), 'comments.csv');
  const h = rows[0]!;
  for (const r of rows.slice(1)) texts.set(r[h.indexOf('comment-id')]!, r[h.indexOf('comment-body')] ?? '');
  return {
    name: path.basename(folder),
    participants: result.participants,
    statements: result.statements,
    votes: result.votes,
    moderatedOut: ex.moderatedOut.length,
    polisClustered: [...ex.polisGroups.values()].filter((g) => g !== null).length,
    polisK,
    ourClustered: Object.keys(result.groups).length,
    ourK: result.k.chosen,
    both: a.length,
    ari: adjustedRandIndex(a, b),
    silhouettes: result.k.silhouettes,
    ariForcedK: adjustedRandIndex(fa, fb),
    ariReplay: adjustedRandIndex(ra, rb),
    replayK: replay!.k.chosen,
    replayBatches,
    polisBelowThreshold: below,
    wcssOurs: wcss(fids, fb, result.positions),
    wcssPolis: wcss(fids, fa, result.positions),
    result,
    export: ex,
    texts,
  };
}
