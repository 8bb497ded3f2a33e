import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '@shangliang/contract';
import type { Hand, LiveSession, Poll, Statement } from './api.ts';
import { clock, initialLive, liveReducer, revocationOf, secondsLeft, type LiveState } from './useLive.ts';

const session = (lastSeq: number): LiveSession => ({
  id: 's1',
  deliberationId: 'd1',
  deliberationTitle: '加装电梯',
  kind: 'hybrid',
  joinPolicy: 'link',
  moderation: 'post',
  state: 'open',
  title: '加装电梯',
  closesAt: null,
  currentStatementId: null,
  venues: [{ id: 'v1', sessionId: 's1', name: '议事室', main: true, videoUrl: null, present: 0, signInCode: 'CODE123' }],
  lastSeq,
  joinUrl: 'https://example.org/live/s1',
  createdAt: '2026-12-01T08:00:00.000Z',
  me: null,
  abilities: {},
  nextActions: [],
  itemActions: { hand: { own: {}, others: {} }, poll: { own: {}, others: {} }, statement: { own: {}, others: {} } },
});
const statement = (id: string, over: Partial<Statement> = {}): Statement => ({
  id,
  sessionId: 's1',
  text: `观点 ${id}`,
  state: 'published',
  origin: 'seed',
  mine: false,
  counts: { agree: 0, disagree: 0, pass: 0 },
  hands: null,
  createdAt: `2026-12-01T08:00:0${id.length}.000Z`,
  ...over,
});
const poll: Poll = {
  id: 'p1',
  sessionId: 's1',
  question: '同意吗？',
  kind: 'consent',
  options: [],
  results: 'hidden',
  state: 'open',
  tally: { agree: 2, abstain: 0, disagree: 1, block: 0 },
  responses: 3,
  mine: null,
  createdAt: '2026-12-01T08:00:00.000Z',
  closedAt: null,
};
const ev = (seq: number, type: LiveEvent['type'], data: unknown): LiveEvent => ({ seq, type, at: '2026-12-01T08:01:00.000Z', data });

function snapshot(lastSeq = 5): LiveState {
  return liveReducer(initialLive, {
    type: 'snapshot',
    session: session(lastSeq),
    statements: [statement('a', { mine: true }), statement('b')],
    map: null,
    hands: [],
    polls: [poll],
  });
}

describe('the live state', () => {
  it('starts from the snapshot’s sequence number and ignores events it already holds', () => {
    let st = snapshot(5);
    expect(st.seq).toBe(5);
    st = liveReducer(st, { type: 'event', event: ev(5, 'vote.counts', { statementId: 'a', counts: { agree: 9, disagree: 0, pass: 0 } }) });
    expect(st.statements[0]!.counts.agree).toBe(0);
    st = liveReducer(st, { type: 'event', event: ev(6, 'vote.counts', { statementId: 'a', counts: { agree: 1, disagree: 0, pass: 0 } }) });
    expect(st.seq).toBe(6);
    expect(st.statements[0]!.counts.agree).toBe(1);
    expect(st.activeStatementId).toBe('a');
  });

  it('keeps what only the caller’s own answers carry: authorship, hidden tallies, sign-in codes', () => {
    let st = snapshot();
    st = liveReducer(st, { type: 'event', event: ev(6, 'statement.updated', { ...statement('a'), state: 'withdrawn' }) });
    expect(st.statements[0]).toMatchObject({ state: 'withdrawn', mine: true });
    st = liveReducer(st, { type: 'event', event: ev(7, 'poll.results', { ...poll, tally: null, responses: 4 }) });
    expect(st.polls[0]).toMatchObject({ responses: 4, tally: poll.tally });
    expect(st.pollsVersion).toBe(1);
    st = liveReducer(st, {
      type: 'event',
      event: ev(8, 'venue.presence', { venues: [{ ...session(0).venues[0]!, present: 3, signInCode: null }] }),
    });
    expect(st.session!.venues[0]).toMatchObject({ present: 3, signInCode: 'CODE123' });
  });

  it('adds new statements and makes them the one on screen; applies the queue, the map and the session', () => {
    let st = snapshot();
    st = liveReducer(st, { type: 'event', event: ev(6, 'statement.created', statement('c')) });
    expect(st.statements.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(st.activeStatementId).toBe('c');
    st = liveReducer(st, { type: 'event', event: ev(7, 'speaker.queue', { hands: [{ id: 'h1', state: 'waiting' }] }) });
    expect(st.hands).toHaveLength(1);
    st = liveReducer(st, {
      type: 'event',
      event: ev(8, 'session.updated', { state: 'closed', title: '加装电梯', closesAt: null, moderation: 'pre' }),
    });
    expect(st.session).toMatchObject({ state: 'closed', moderation: 'pre' });
  });

  it('follows the statement the convener puts before the room, and keeps it on screen while votes arrive elsewhere', () => {
    let st = snapshot();
    st = liveReducer(st, { type: 'event', event: ev(6, 'statement.current', { statementId: 'b', statement: statement('b') }) });
    expect(st.session!.currentStatementId).toBe('b');
    expect(st.activeStatementId).toBe('b');
    st = liveReducer(st, { type: 'event', event: ev(7, 'statement.current', { statementId: null, statement: null }) });
    expect(st.session!.currentStatementId).toBeNull();
    // A statement waiting for moderation (sent to the convener only) joins the list.
    st = liveReducer(st, { type: 'event', event: ev(8, 'statement.pending', statement('p', { state: 'pending' })) });
    expect(st.statements.find((x) => x.id === 'p')?.state).toBe('pending');
    expect(st.activeStatementId).toBe('b');
  });

  it('keeps the caller’s own hand and poll answer when events (which carry nobody’s) arrive', () => {
    let st = snapshot();
    const hand = { id: 'h1', state: 'waiting', name: '访客 AB12', mine: true } as unknown as Hand;
    st = liveReducer(st, { type: 'hands', hands: [hand] });
    st = liveReducer(st, { type: 'event', event: ev(6, 'speaker.queue', { hands: [{ ...hand, state: 'speaking', mine: false }] }) });
    expect(st.hands[0]).toMatchObject({ state: 'speaking', mine: true });
    expect(st.handsVersion).toBe(1);
    st = liveReducer(st, { type: 'poll', poll: { ...poll, mine: { consent: 'agree' } } });
    st = liveReducer(st, { type: 'event', event: ev(7, 'poll.results', { ...poll, responses: 5, mine: null }) });
    expect(st.polls[0]).toMatchObject({ responses: 5, mine: { consent: 'agree' } });
  });

  it('counts a speech’s time down, and past zero', () => {
    const floorAt = '2026-12-01T08:00:00.000Z';
    expect(secondsLeft({ floorAt, seconds: 180 }, Date.parse(floorAt) + 30_000)).toBe(150);
    expect(clock(150)).toBe('2:30');
    expect(clock(-5)).toBe('-0:05');
    expect(secondsLeft({ floorAt: null, seconds: null }, 0)).toBeNull();
  });
});

describe('the channel closed for good', () => {
  it('tells a revocation apart from other error frames, and stays closed once revoked', () => {
    expect(revocationOf({ kind: 'error', code: 'session_ended', message: 'x' })).toBe('session_ended');
    expect(revocationOf({ kind: 'error', code: 'too_slow', message: 'x' })).toBeNull();
    expect(revocationOf({ kind: 'ready', lastSeq: 3 })).toBeNull();
    expect(revocationOf(null)).toBeNull();
    let st = liveReducer(initialLive, { type: 'connection', connection: 'live' });
    st = liveReducer(st, { type: 'revoked', code: 'access_revoked' });
    expect(st).toMatchObject({ revoked: 'access_revoked', connection: 'closed' });
    // A late close event of the old socket does not bring back 'reconnecting'.
    expect(liveReducer(st, { type: 'connection', connection: 'reconnecting' }).connection).toBe('closed');
  });
});
