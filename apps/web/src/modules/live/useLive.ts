import { useCallback, useEffect, useReducer, useRef } from 'react';
import { liveSocketRevocations, type LiveEvent, type LiveSocketRevocation } from '@shangliang/contract';
import {
  liveApi,
  type Hand,
  type LiveSession,
  type MapPlace,
  type OpinionMap,
  type Poll,
  type Statement,
  type Venue,
  type VoteCounts,
} from './api.ts';

/*
 * A live session as a page sees it: one snapshot through the API, then every event of the
 * session over the WebSocket, applied in sequence order. The last sequence number received is
 * the resume point: a dropped connection reconnects with `?after=<it>` and receives only what it
 * missed.
 */

export type Connection = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface LiveState {
  session: LiveSession | null;
  statements: Statement[];
  map: OpinionMap | null;
  /** The caller's own place on the map (a participant), told apart from the broadcast map. */
  me: MapPlace | null;
  hands: Hand[];
  polls: Poll[];
  /** The latest sequence number applied. */
  seq: number;
  connection: Connection;
  /** The statement people are voting on now: the last one created or voted on. */
  activeStatementId: string | null;
  /** Bumped by every speaker-queue event (the convener reloads the queue with full names). */
  handsVersion: number;
  /** Bumped by events that may change what the caller should vote on next. */
  statementsVersion: number;
  /** Bumped on every poll event (the convener reloads the full tallies of hidden polls). */
  pollsVersion: number;
  /** Why the server closed the channel for good (a logout, a disabled account, access withdrawn): no reconnecting then. */
  revoked: LiveSocketRevocation | null;
}

export type LiveAction =
  | {
      type: 'snapshot';
      session: LiveSession;
      statements: Statement[];
      map: OpinionMap | null;
      hands: Hand[];
      polls: Poll[];
    }
  | { type: 'session'; session: LiveSession }
  | { type: 'statements'; statements: Statement[] }
  | { type: 'polls'; polls: Poll[] }
  | { type: 'statement'; statement: Statement }
  | { type: 'poll'; poll: Poll }
  | { type: 'hands'; hands: Hand[] }
  | { type: 'event'; event: LiveEvent }
  | { type: 'me'; place: MapPlace | null }
  | { type: 'connection'; connection: Connection }
  | { type: 'revoked'; code: LiveSocketRevocation };

export const initialLive: LiveState = {
  session: null,
  statements: [],
  map: null,
  me: null,
  hands: [],
  polls: [],
  seq: 0,
  connection: 'connecting',
  activeStatementId: null,
  handsVersion: 0,
  statementsVersion: 0,
  pollsVersion: 0,
  revoked: null,
};

const revocations = new Set<string>(liveSocketRevocations);
/** The revocation an error frame of the live channel carries, if it is one (`{kind:'error', code}`). */
export function revocationOf(frame: unknown): LiveSocketRevocation | null {
  const f = frame as { kind?: unknown; code?: unknown } | null;
  return f && f.kind === 'error' && typeof f.code === 'string' && revocations.has(f.code) ? (f.code as LiveSocketRevocation) : null;
}

/** Replaces an item by id, keeping what only the caller's own answer carries (`mine`, full tallies). */
function upsert<T extends { id: string }>(list: T[], item: T, merge?: (old: T, next: T) => T): T[] {
  const i = list.findIndex((x) => x.id === item.id);
  if (i < 0) return [...list, item];
  const out = list.slice();
  out[i] = merge ? merge(list[i]!, item) : item;
  return out;
}

const keepMine = (old: Statement, next: Statement): Statement => ({ ...next, mine: old.mine || next.mine });
/** An event's poll hides its tally while results are hidden (the convener's answer has it) and carries nobody's answer. */
const keepTally = (old: Poll, next: Poll): Poll => ({
  ...next,
  tally: next.tally === null && old.tally !== null && next.state === 'open' ? old.tally : next.tally,
  mine: next.mine ?? old.mine ?? null,
});
/** The queue as events carry it marks no hand as anyone's: keep the caller's own. */
const keepMyHands = (old: Hand[], next: Hand[]): Hand[] =>
  next.map((h) => ({ ...h, mine: h.mine || !!old.find((o) => o.id === h.id)?.mine }));

function mergeVenues(old: Venue[], next: Venue[]): Venue[] {
  return next.map((v) => ({ ...v, signInCode: v.signInCode ?? old.find((o) => o.id === v.id)?.signInCode ?? null }));
}

function applyEvent(st: LiveState, e: LiveEvent): LiveState {
  if (e.seq <= st.seq) return st;
  const next = { ...st, seq: e.seq };
  const data = e.data as Record<string, unknown>;
  switch (e.type) {
    case 'statement.created':
    case 'statement.updated':
    case 'statement.pending': {
      const s = data as unknown as Statement;
      return {
        ...next,
        statements: upsert(st.statements, s, keepMine),
        activeStatementId: e.type === 'statement.created' && s.state === 'published' ? s.id : st.activeStatementId,
        statementsVersion: st.statementsVersion + 1,
      };
    }
    case 'vote.counts':
    case 'hands.counts': {
      const { statementId, counts } = data as { statementId: string; counts: VoteCounts };
      const key = e.type === 'vote.counts' ? 'counts' : 'hands';
      return {
        ...next,
        statements: st.statements.map((s) => (s.id === statementId ? { ...s, [key]: counts } : s)),
        activeStatementId: statementId,
      };
    }
    case 'map.updated':
      return { ...next, map: data as unknown as OpinionMap };
    case 'statement.current': {
      const { statementId, statement } = data as { statementId: string | null; statement: Statement | null };
      return {
        ...next,
        statements: statement ? upsert(st.statements, statement, keepMine) : st.statements,
        session: st.session ? { ...st.session, currentStatementId: statementId } : st.session,
        activeStatementId: statementId ?? st.activeStatementId,
        statementsVersion: st.statementsVersion + 1,
      };
    }
    case 'speaker.queue':
      return { ...next, hands: keepMyHands(st.hands, (data as { hands: Hand[] }).hands), handsVersion: st.handsVersion + 1 };
    case 'poll.opened':
    case 'poll.results':
    case 'poll.closed':
      return { ...next, polls: upsert(st.polls, data as unknown as Poll, keepTally), pollsVersion: st.pollsVersion + 1 };
    case 'venue.presence':
      return st.session
        ? { ...next, session: { ...st.session, venues: mergeVenues(st.session.venues, (data as { venues: Venue[] }).venues) } }
        : next;
    case 'session.updated':
      return st.session ? { ...next, session: { ...st.session, ...(data as Partial<LiveSession>) } } : next;
    default:
      return next;
  }
}

export function liveReducer(st: LiveState, a: LiveAction): LiveState {
  switch (a.type) {
    case 'snapshot': {
      const newest = [...a.statements].filter((s) => s.state === 'published').sort((x, y) => y.createdAt.localeCompare(x.createdAt))[0];
      return {
        ...st,
        session: a.session,
        statements: a.statements,
        map: a.map,
        me: a.map?.me ?? null,
        hands: a.hands,
        polls: a.polls,
        seq: Math.max(st.seq, a.session.lastSeq),
        activeStatementId: a.session.currentStatementId ?? st.activeStatementId ?? newest?.id ?? null,
        statementsVersion: st.statementsVersion + 1,
      };
    }
    case 'session':
      return { ...st, session: { ...a.session, venues: mergeVenues(st.session?.venues ?? [], a.session.venues) } };
    case 'statements':
      return { ...st, statements: a.statements.map((s) => ({ ...s, mine: s.mine || !!st.statements.find((o) => o.id === s.id)?.mine })) };
    case 'polls':
      return { ...st, polls: a.polls };
    case 'statement':
      return { ...st, statements: upsert(st.statements, a.statement, keepMine) };
    case 'poll':
      return { ...st, polls: upsert(st.polls, a.poll, keepTally) };
    case 'hands':
      return { ...st, hands: keepMyHands(st.hands, a.hands) };
    case 'event':
      return applyEvent(st, a.event);
    case 'connection':
      return { ...st, connection: st.revoked ? 'closed' : a.connection };
    case 'revoked':
      return { ...st, revoked: a.code, connection: 'closed' };
    case 'me':
      return { ...st, me: a.place };
  }
}

export interface UseLive {
  state: LiveState;
  error: unknown;
  /** Loads the snapshot again (after joining, or when a page needs what no event carries). */
  reload: () => Promise<void>;
  reloadSession: () => Promise<void>;
  reloadStatements: () => Promise<void>;
  reloadPolls: () => Promise<void>;
  /** Applies the caller's own answer at once (the event follows). */
  put: (a: { statement?: Statement; poll?: Poll; hands?: Hand[] }) => void;
}

export interface UseLiveOptions {
  /** The speaker queue as everyone sees it (names masked), even for the convener: the room's screen. */
  publicQueue?: boolean;
}

/** Loads a live session and keeps it up to date over the WebSocket. */
export function useLive(id: string, options: UseLiveOptions = {}): UseLive {
  const publicQueue = !!options.publicQueue;
  const [state, dispatch] = useReducer(liveReducer, initialLive);
  const errorRef = useRef<unknown>(null);
  const [, force] = useReducer((n: number) => n + 1, 0);
  const seqRef = useRef(0);
  seqRef.current = state.seq;

  const load = useCallback(async () => {
    try {
      // The session first: its lastSeq is the resume point, and the lists are at least that new.
      const session = await liveApi.get(id);
      const [statements, map, hands, polls] = await Promise.all([
        liveApi.statements(id),
        liveApi.map(id),
        liveApi.queue(id, publicQueue),
        liveApi.polls(id),
      ]);
      errorRef.current = null;
      dispatch({ type: 'snapshot', session, statements: statements.items, map, hands: hands.items, polls: polls.items });
    } catch (e) {
      errorRef.current = e;
      force();
    }
  }, [id, publicQueue]);

  useEffect(() => {
    void load();
  }, [load]);

  // Queue events mask names; the convener and staff read the queue again with them.
  const runs = !!state.session?.abilities.run && !publicQueue;
  useEffect(() => {
    if (!runs || state.handsVersion === 0) return;
    liveApi
      .queue(id)
      .then((q) => dispatch({ type: 'hands', hands: q.items }))
      .catch(() => undefined);
  }, [id, runs, state.handsVersion]);

  const ready = state.session !== null;
  const open = state.session?.state === 'open';
  useEffect(() => {
    if (!ready) return;
    let socket: WebSocket | null = null;
    let stopped = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      if (stopped) return;
      dispatch({ type: 'connection', connection: attempt === 0 ? 'connecting' : 'reconnecting' });
      const ws = new WebSocket(liveApi.socketUrl(id, seqRef.current));
      socket = ws;
      ws.onmessage = (m) => {
        let frame: unknown;
        try {
          frame = JSON.parse(String(m.data));
        } catch {
          return;
        }
        // Events come in arrays (a batch per frame); control frames are objects with a `kind`.
        if (Array.isArray(frame)) {
          for (const e of frame as LiveEvent[]) if (typeof e?.seq === 'number') dispatch({ type: 'event', event: e });
          return;
        }
        const revoked = revocationOf(frame);
        if (revoked) {
          // For good: reconnecting would only be refused again.
          stopped = true;
          dispatch({ type: 'revoked', code: revoked });
          return;
        }
        if ((frame as { kind?: string }).kind === 'me') {
          dispatch({ type: 'me', place: (frame as { place: MapPlace | null }).place });
        } else if ((frame as { kind?: string }).kind === 'ready') {
          attempt = 0;
          dispatch({ type: 'connection', connection: 'live' });
        }
      };
      ws.onclose = () => {
        if (stopped) return;
        attempt += 1;
        dispatch({ type: 'connection', connection: 'reconnecting' });
        // Back off 1, 2, 4 … up to 15 seconds, then resume from the last sequence number.
        timer = setTimeout(connect, Math.min(15_000, 1000 * 2 ** Math.min(attempt - 1, 4)));
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      socket?.close();
      dispatch({ type: 'connection', connection: 'closed' });
    };
  }, [id, ready, open]);

  const reloadSession = useCallback(async () => {
    dispatch({ type: 'session', session: await liveApi.get(id) });
  }, [id]);
  const reloadStatements = useCallback(async () => {
    dispatch({ type: 'statements', statements: (await liveApi.statements(id)).items });
  }, [id]);
  const reloadPolls = useCallback(async () => {
    dispatch({ type: 'polls', polls: (await liveApi.polls(id)).items });
  }, [id]);
  const put = useCallback((a: { statement?: Statement; poll?: Poll; hands?: Hand[] }) => {
    if (a.statement) dispatch({ type: 'statement', statement: a.statement });
    if (a.poll) dispatch({ type: 'poll', poll: a.poll });
    if (a.hands) dispatch({ type: 'hands', hands: a.hands });
  }, []);

  return { state, error: errorRef.current, reload: load, reloadSession, reloadStatements, reloadPolls, put };
}

/** Seconds left of a speech given the floor at `floorAt` for `seconds`; negative when over time. */
export function secondsLeft(h: Pick<Hand, 'floorAt' | 'seconds'>, now: number): number | null {
  if (!h.floorAt || h.seconds === null) return null;
  return Math.round(h.seconds - (now - Date.parse(h.floorAt)) / 1000);
}

/** m:ss, with a minus sign when over time. */
export function clock(s: number): string {
  const a = Math.abs(s);
  return `${s < 0 ? '-' : ''}${Math.floor(a / 60)}:${String(a % 60).padStart(2, '0')}`;
}

/** A clock that ticks every second while `on`. */
export function useNow(on: boolean): number {
  const [now, setNow] = useReducer((_: number, n: number) => n, Date.now());
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [on]);
  return now;
}
