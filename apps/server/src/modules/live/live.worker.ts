/**
 * The opinion map's worker thread: one long-lived ConsensusEngine per session, fed the votes that
 * changed since it last saw the session, so that most recomputations are incremental (`update()`);
 * a full `run()` the first time, after moderation changes, and every `FULL_EVERY` updates, as the
 * consensus package advises (its README: update() is approximate until the next run()).
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { ConsensusEngine, type ConsensusResult, type Vote } from '@shangliang/consensus';
import { consensusAcrossGroups } from './live.policy.ts';

export interface MapRequest {
  id: number;
  sessionId: string;
  votes: Vote[];
  moderatedOut: string[];
  /** Forget the engine and start over (its votes are no longer a prefix of the database's). */
  reset: boolean;
}

export interface MapPoints {
  participants: number;
  votes: number;
  /** Every participant's place: stored with the map (each participant is told their own), never broadcast. */
  points: { participantId: string; x: number; y: number; group: number | null }[];
  /** What every client draws: the participants of a group at (nearly) one place as one spot with their number. */
  spots: { x: number; y: number; group: number | null; n: number }[];
  groups: {
    group: number;
    size: number;
    center: [number, number];
    representative: { statementId: string; direction: 'agree' | 'disagree'; pSuccess: number; score: number }[];
  }[];
  consensus: {
    statementId: string;
    direction: 'agree' | 'disagree';
    pSuccess: number;
    byGroup: { group: number; agree: number; disagree: number; pass: number }[];
  }[];
  /** Per statement: the length of its loadings on the two components (Pol.is's comment extremity, for the priority). */
  extremity: Record<string, number>;
  mode: 'run' | 'update';
}

export type MapReply = { id: number; ok: true; map: MapPoints } | { id: number; ok: false; message: string };

const FULL_EVERY = 20;

/** Positions to 4 decimals: more than a chart can show, and the map is sent to every client. */
const round = (v: number) => Math.round(v * 1e4) / 1e4;

/** Cells per axis of the grid that gathers nearby participants into spots. */
const GRID = 80;

/**
 * Gathers participants into spots: those of one group in one cell of a GRID × GRID grid over the
 * map's extent are one spot at their mean place. The broadcast map stays a few kilobytes however
 * many take part (2,000 points by id were ~140 kB for each of 2,000 clients), and no participant
 * id goes out with a place.
 */
export function toSpots(points: MapPoints['points']): MapPoints['spots'] {
  if (!points.length) return [];
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, y0] = [Math.min(...xs), Math.min(...ys)];
  const cell = Math.max(Math.max(...xs) - x0, Math.max(...ys) - y0, 1e-9) / GRID;
  const cells = new Map<string, { x: number; y: number; group: number | null; n: number }>();
  for (const p of points) {
    const key = `${p.group}|${Math.floor((p.x - x0) / cell)}|${Math.floor((p.y - y0) / cell)}`;
    const c = cells.get(key) ?? { x: 0, y: 0, group: p.group, n: 0 };
    c.x += p.x;
    c.y += p.y;
    c.n += 1;
    cells.set(key, c);
  }
  return [...cells.values()]
    .map((c) => ({ x: round(c.x / c.n), y: round(c.y / c.n), group: c.group, n: c.n }))
    .sort((a, b) => (a.group ?? -1) - (b.group ?? -1) || a.x - b.x || a.y - b.y);
}

/** Shapes an engine result as the opinion map the clients draw. */
export function toMapPoints(r: ConsensusResult, mode: 'run' | 'update'): MapPoints {
  const points = Object.entries(r.positions).map(([participantId, [x, y]]) => ({
    participantId,
    x: round(x),
    y: round(y),
    group: r.groups[participantId] ?? null,
  }));
  const groups = r.groupList.map((g) => ({
    group: g.group,
    size: g.members.length,
    center: g.center,
    representative: (r.repness[String(g.group)] ?? []).map((s) => ({
      statementId: s.statement,
      direction: s.repfulFor,
      pSuccess: s.pSuccess,
      score: s.score,
    })),
  }));
  const consensus = r.consensus.map((c) => ({
    statementId: c.statement,
    direction: c.direction,
    pSuccess: c.pSuccess,
    byGroup: r.groupList.map((g) => {
      const v = g.votes[c.statement] ?? { agree: 0, disagree: 0, pass: 0 };
      return { group: g.group, agree: v.agree, disagree: v.disagree, pass: v.pass };
    }),
  }));
  const extremity: Record<string, number> = {};
  const [c0 = [], c1 = []] = r.pca.components;
  r.pca.statementIds.forEach((sid, j) => (extremity[sid] = Math.hypot(c0[j] ?? 0, c1[j] ?? 0)));
  // Consensus across groups: a statement some group has not voted on enough is not one.
  return {
    participants: r.participants,
    votes: r.votes,
    points,
    spots: toSpots(points),
    groups,
    consensus: consensusAcrossGroups(consensus, groups),
    extremity,
    mode,
  };
}

const engines = new Map<string, { engine: ConsensusEngine; updates: number; moderated: string }>();

/** Computes one request (exported for tests that run it in the main thread). */
export function computeMap(req: MapRequest): MapPoints {
  let e = engines.get(req.sessionId);
  if (!e || req.reset) engines.set(req.sessionId, (e = { engine: new ConsensusEngine({ seed: 0 }), updates: -1, moderated: '' }));
  const moderated = [...req.moderatedOut].sort().join(',');
  const moderationChanged = moderated !== e.moderated;
  if (moderationChanged) e.engine.setModeratedOut(req.moderatedOut);
  e.moderated = moderated;
  if (req.votes.length) e.engine.addVotes(req.votes);
  const full = e.updates < 0 || moderationChanged || e.updates >= FULL_EVERY;
  const result = full ? e.engine.run() : e.engine.update();
  e.updates = full ? 0 : e.updates + 1;
  return toMapPoints(result, full ? 'run' : 'update');
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (req: MapRequest) => {
    try {
      port.postMessage({ id: req.id, ok: true, map: computeMap(req) } satisfies MapReply);
    } catch (err) {
      engines.delete(req.sessionId);
      port.postMessage({ id: req.id, ok: false, message: String((err as Error)?.message ?? err) } satisfies MapReply);
    }
  });
}
