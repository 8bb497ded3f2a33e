import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type {
  Hand,
  JoinPolicy,
  LiveSession,
  LiveSocketRevocation,
  LiveVote,
  OpinionMap,
  Poll,
  Statement,
  createPollBody,
  finishSpeechBody,
  handsBody,
  openLiveSessionBody,
  pollResponseBody,
  raiseHandBody,
  updateLiveSessionBody,
  venueBody,
} from '@shangliang/contract';
import { audit, type AuditSource } from '../../platform/audit/audit.ts';
import { now, nowIso } from '../../platform/clock.ts';
import type { Executor, Trx } from '../../platform/db/index.ts';
import { isUniqueViolation } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors.ts';
import { createStream, lastSeq, readEvents, transactWithEvents, type Emit } from '../../platform/events/index.ts';
import type { Deps } from '../../platform/deps.ts';
import type { AuthedContext, RequestContext } from '../../platform/http/route.ts';
import { newId } from '../../platform/ids.ts';
import { maskName } from '../../platform/privacy.ts';
import { addRecommendationIn, findDeliberation, findParticipant, recordSpeechIn } from '../deliberations/index.ts';
import {
  actionsByState,
  handLifecycle,
  nextActionsOn,
  pollLifecycle,
  sessionLifecycle,
  statementLifecycle,
  takeAutomaticTransition,
  takeTransition,
  type LiveActor,
} from './live.lifecycle.ts';
import type { MapScheduler, StoredMap } from './live.map.ts';
import type { VoteWriter } from './live.votes.ts';
import * as policy from './live.policy.ts';
import { badField, clash, notAllowed, refusal, wrongState } from './live.refusals.ts';
import * as store from './live.store.ts';

/** Where a pseudonymous participant's token travels besides the header. */
export const LIVE_COOKIE = 'sl_live';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const MINUTE = 60_000;

/** The caller of a live route: a logged-in account, a pseudonymous participant, or nobody yet. */
interface Caller {
  runner: boolean;
  overseer: boolean;
  participant: store.LiveParticipantRow | null;
  invitation: { id: string; name: string; category: string } | null;
  mayJoin: boolean;
}

async function loadSession(db: Executor, id: string) {
  const s = await store.findSession(db, id);
  if (!s) throw notFound('live session');
  return s;
}

function tokenOf(ctx: RequestContext): string | null {
  const h = ctx.request.headers['x-live-token'];
  const header = Array.isArray(h) ? h[0] : h;
  const q = (ctx.request.query as { token?: unknown } | undefined)?.token;
  const t = header ?? (typeof q === 'string' ? q : undefined) ?? ctx.request.cookies?.[LIVE_COOKIE];
  return t && /^[A-Za-z0-9_-]{16,100}$/.test(t) ? t : null;
}

async function callerOf(db: Executor, ctx: RequestContext, s: store.SessionView): Promise<Caller> {
  const actor = ctx.actor;
  const runner = policy.isRunner(actor, s.room_path);
  const overseer = policy.isOverseer(actor, s.room_path);
  let participant: store.LiveParticipantRow | null = null;
  let invitation = null;
  if (actor) {
    participant = (await store.participantByAccount(db, s.id, actor.accountId)) ?? null;
    invitation = (await store.invitationOf(db, s.deliberation_id, actor.accountId)) ?? null;
    // Joined as an invited person who has since declined: in a session for the invited, no longer one of its participants.
    if (participant?.deliberation_participant_id && !invitation && s.join_policy === 'invited') participant = null;
  } else {
    const token = tokenOf(ctx);
    if (token) participant = (await store.participantByToken(db, s.id, sha256(token))) ?? null;
  }
  const mayJoin = policy.mayJoin(s.join_policy as JoinPolicy, { account: !!actor, invited: !!invitation });
  return { runner, overseer, participant, invitation, mayJoin };
}

/** The caller as the lifecycles see them. */
const actorOf = (c: Caller): LiveActor => ({ runner: c.runner, participantId: c.participant?.id ?? null });

/** Reading a session: its runners and overseers, its participants, and whoever may join it. */
function ensureReadable(ctx: RequestContext, s: store.SessionView, c: Caller) {
  if (c.runner || c.overseer || c.participant || c.mayJoin) return;
  if (!ctx.actor) throw loginFirst();
  throw invitedOnly();
}

const loginFirst = () => refusal(401, 'unauthenticated', 'loginFirst', 'please log in to take part in this session');
const invitedOnly = () => notAllowed('invitedOnly', 'this session is for the invited participants of the deliberation');

function ensureRunner(c: Caller, what: string) {
  if (!c.runner) throw notAllowed('runnersOnly', `only the room's convener or staff may ${what}`);
}

function ensureOpen(s: store.SessionView) {
  if (s.state !== 'open') throw sessionClosed();
  if (s.closes_at && s.closes_at <= nowIso())
    throw wrongState('sessionClosedAt', `the live session closed at ${s.closes_at}`, { params: { at: s.closes_at } });
}

const sessionClosed = () => wrongState('sessionClosed', 'the live session is closed');

function statementNotPublished(state: string, field?: string) {
  return clash('statementNotPublished', `the statement is ${state}`, { field, params: { state } });
}

async function limit(ctx: RequestContext, key: string, max: number, windowMs: number, what: string) {
  if (!(await ctx.limiter.hit(key, max, windowMs))) {
    throw refusal(429, 'rate_limited', 'rateLimited', `too many ${what}; wait a moment`, {
      params: { retryAfterSeconds: Math.ceil(windowMs / 1000) },
    });
  }
}

/** The caller's participant, joining them first when they are logged in and may join. */
async function requireParticipant(ctx: RequestContext, trx: Executor, s: store.SessionView, c: Caller): Promise<store.LiveParticipantRow> {
  if (c.participant) return c.participant;
  if (!ctx.actor) {
    if (s.join_policy === 'link') throw refusal(401, 'unauthenticated', 'joinFirst', 'join the session first (POST …/join)');
    throw loginFirst();
  }
  if (!c.mayJoin) throw invitedOnly();
  return joinAccount(trx, ctx as AuthedContext, s, c);
}

async function joinAccount(trx: Executor, ctx: AuthedContext, s: store.SessionView, c: Caller) {
  const row: store.LiveParticipantRow = {
    id: newId(),
    session_id: s.id,
    account_id: ctx.actor.accountId,
    token_hash: null,
    pseudonym: c.invitation?.name ?? ctx.actor.displayName,
    deliberation_participant_id: c.invitation?.id ?? null,
    venue_id: null,
    venue_signed_in_at: null,
    joined_at: nowIso(),
  };
  await trx.insertInto('live_participant').values(row).execute();
  await audit(trx, ctx, {
    entity: 'live_participant',
    entityId: row.id,
    action: 'join',
    after: { sessionId: s.id, accountId: row.account_id },
  });
  return row;
}

/**
 * A statement as a reply or an event carries it; with the caller, a reply also lists their next
 * actions on it (events, the same for everyone, do not).
 */
function toStatement(
  r: store.StatementRow & { counts: { agree: number; disagree: number; pass: number } },
  mine = false,
  caller?: Caller,
): Statement {
  return {
    id: r.id,
    sessionId: r.session_id,
    text: r.text,
    state: r.state as Statement['state'],
    origin: r.origin as Statement['origin'],
    mine,
    counts: r.counts,
    hands: r.hands_agree === null ? null : { agree: r.hands_agree, disagree: r.hands_disagree ?? 0, pass: r.hands_pass ?? 0 },
    createdAt: r.created_at,
    ...(caller
      ? {
          nextActions: nextActionsOn(statementLifecycle, r.state as Statement['state'], actorOf(caller), r.participant_id),
        }
      : {}),
  };
}
/** A statement as events carry it (the same for everyone). */
const publicStatement = ({ nextActions: _n, ...s }: Statement) => ({ ...s, mine: false });

async function venuesOf(db: Executor, sessionId: string, runner: boolean) {
  return (await store.listVenues(db, sessionId)).map((v) => ({
    id: v.id,
    sessionId: v.session_id,
    name: v.name,
    main: v.main === 1,
    videoUrl: v.video_url,
    present: v.present,
    signInCode: runner ? v.sign_in_code : null,
  }));
}

async function sessionView(db: Executor, ctx: RequestContext, s: store.SessionView, c: Caller): Promise<LiveSession> {
  const p = c.participant;
  return {
    id: s.id,
    deliberationId: s.deliberation_id,
    deliberationTitle: s.deliberation_title,
    kind: s.kind as LiveSession['kind'],
    joinPolicy: s.join_policy as JoinPolicy,
    moderation: s.moderation as LiveSession['moderation'],
    state: s.state as LiveSession['state'],
    title: s.title,
    closesAt: s.closes_at,
    currentStatementId: s.current_statement_id,
    venues: await venuesOf(db, s.id, c.runner),
    lastSeq: await lastSeq(db, s.id),
    joinUrl: `${ctx.config.PUBLIC_URL.replace(/\/$/, '')}/live/${s.id}`,
    createdAt: s.created_at,
    me: p ? { participantId: p.id, pseudonym: p.pseudonym, venueId: p.venue_id } : null,
    abilities: policy.abilitiesOf(
      { state: s.state, joinPolicy: s.join_policy as JoinPolicy },
      { runner: c.runner, joined: !!p, mayJoin: c.mayJoin },
    ),
    nextActions: nextActionsOn(sessionLifecycle, s.state as LiveSession['state'], actorOf(c), null),
    itemActions: {
      hand: actionsByState(handLifecycle, actorOf(c)),
      poll: actionsByState(pollLifecycle, actorOf(c)),
      statement: actionsByState(statementLifecycle, actorOf(c)),
    },
  };
}

const closesAtPast = () => badField('body.closesAt', 'closesAtPast', 'must be in the future');
const duplicateStatement = (field: string) => clash('statementDuplicate', 'the same statement is already in this session', { field });

const signInCode = () => randomBytes(9).toString('base64url');

/** Opens a live session on a deliberation (its convener or staff). */
export async function openSession(ctx: AuthedContext, body: z.output<typeof openLiveSessionBody>) {
  const id = newId();
  await transactWithEvents(ctx, async (trx, emit) => {
    const d = await findDeliberation(trx, body.deliberationId);
    if (!d) throw badField('body.deliberationId', 'noSuchDeliberation', 'no such deliberation');
    if (!policy.isRunner(ctx.actor, d.room_path))
      throw notAllowed('runnersOnly', "only the room's convener or staff may open a live session");
    if (!['preparing', 'scheduled', 'inSession'].includes(d.state))
      throw wrongState('deliberationState', `a live session opens while the deliberation is prepared or in session (it is ${d.state})`, {
        params: { state: d.state },
      });
    if (body.kind === 'online' && !body.closesAt)
      throw badField('body.closesAt', 'closesAtRequired', 'an online session needs the time it closes');
    if (body.closesAt && Date.parse(body.closesAt) <= now().getTime()) throw closesAtPast();
    if (body.kind === 'remote' && !body.venues.length)
      throw badField('body.venues', 'venueRequired', 'a remote session needs at least one sub-venue');
    if (body.kind !== 'remote' && body.venues.length)
      throw badField('body.venues', 'venuesRemoteOnly', 'only a remote session has sub-venues');
    const open = await trx
      .selectFrom('live_session')
      .select('id')
      .where('deliberation_id', '=', d.id)
      .where('state', '=', 'open')
      .executeTakeFirst();
    if (open) throw clash('alreadyOpen', 'this deliberation already has an open live session', { params: { sessionId: open.id } });
    const t = nowIso();
    const row = {
      id,
      deliberation_id: d.id,
      kind: body.kind,
      join_policy: body.joinPolicy,
      moderation: body.moderation,
      state: 'open',
      title: body.title ?? d.title,
      closes_at: body.closesAt ? new Date(body.closesAt).toISOString() : null,
      current_statement_id: null,
      votes_version: 0,
      created_by: ctx.actor.accountId,
      created_at: t,
      updated_at: t,
      closed_at: null,
    };
    await trx.insertInto('live_session').values(row).execute();
    await createStream(trx, id);
    // The room is the main venue of a hybrid or remote meeting: votes and speeches there carry it.
    const venues =
      body.kind === 'online'
        ? []
        : [{ name: d.place ?? d.room_name, videoUrl: undefined, main: 1 }, ...body.venues.map((v) => ({ ...v, main: 0 }))];
    for (const v of venues) {
      await trx
        .insertInto('live_venue')
        .values({
          id: newId(),
          session_id: id,
          name: v.name,
          main: v.main,
          video_url: v.videoUrl ?? null,
          sign_in_code: signInCode(),
          created_at: t,
        })
        .execute();
    }
    await audit(trx, ctx, { entity: 'live_session', entityId: id, action: 'open', after: { ...row, venues } });
    await emit(id, 'session.updated', { state: 'open', title: row.title, closesAt: row.closes_at, moderation: row.moderation });
  });
  return getSession(ctx, id);
}

/** One session as the caller sees it. */
export async function getSession(ctx: RequestContext, id: string) {
  const s = await loadSession(ctx.db, id);
  const c = await callerOf(ctx.db, ctx, s);
  ensureReadable(ctx, s, c);
  return sessionView(ctx.db, ctx, s, c);
}

/** The sessions of a deliberation the caller may see. */
export async function listSessions(ctx: AuthedContext, deliberationId: string) {
  const items = [];
  for (const { id } of await store.listSessionIds(ctx.db, deliberationId)) {
    const s = (await store.findSession(ctx.db, id))!;
    const c = await callerOf(ctx.db, ctx, s);
    if (c.runner || c.overseer || c.participant || c.mayJoin) items.push(await sessionView(ctx.db, ctx, s, c));
  }
  return { items, nextCursor: null, total: items.length };
}

/** Edits a session's title, moderation mode or closing time. */
export async function updateSession(ctx: AuthedContext, id: string, body: z.output<typeof updateLiveSessionBody>) {
  await transactWithEvents(ctx, async (trx, emit) => {
    const s = await loadSession(trx, id);
    ensureRunner(await callerOf(trx, ctx, s), 'edit the session');
    if (s.state !== 'open') throw sessionClosed();
    if (body.closesAt && Date.parse(body.closesAt) <= now().getTime()) throw closesAtPast();
    const values = {
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.moderation !== undefined ? { moderation: body.moderation } : {}),
      ...(body.closesAt !== undefined ? { closes_at: new Date(body.closesAt).toISOString() } : {}),
    };
    await trx
      .updateTable('live_session')
      .set({ ...values, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, {
      entity: 'live_session',
      entityId: id,
      action: 'update',
      before: { title: s.title, moderation: s.moderation, closes_at: s.closes_at },
      after: values,
    });
    const n = { ...s, ...values };
    await emit(id, 'session.updated', { state: n.state, title: n.title, closesAt: n.closes_at, moderation: n.moderation });
  });
  return getSession(ctx, id);
}

/** Closes a session: no more statements, votes or hands; the opinion map is computed a last time. */
export async function closeSession(ctx: AuthedContext, id: string, maps: MapScheduler) {
  await transactWithEvents(ctx, async (trx, emit) => {
    const s = await loadSession(trx, id);
    const c = await callerOf(trx, ctx, s);
    const t = await takeTransition(sessionLifecycle, 'close', s.state as LiveSession['state'], actorOf(c), { ownerId: null, session: s });
    await closeIn(trx, emit, ctx, s, t.to);
  });
  maps.schedule(id);
  return getSession(ctx, id);
}

/** Closes an open session in the caller's transaction: the state, the audit entry, the event. */
async function closeIn(trx: Trx, emit: Emit, source: AuditSource, s: store.SessionView, to: string) {
  const t = nowIso();
  await trx.updateTable('live_session').set({ state: to, closed_at: t, updated_at: t }).where('id', '=', s.id).execute();
  await audit(trx, source, {
    entity: 'live_session',
    entityId: s.id,
    action: 'close',
    before: { state: s.state },
    after: { state: to },
  });
  await emit(s.id, 'session.updated', { state: to, title: s.title, closesAt: s.closes_at, moderation: s.moderation });
}

/** The platform closing a session at its closing time (the audit says so, with no account). */
const CLOSES: AuditSource = { actor: null, ip: 'system: live closes' };

/**
 * Closes the open sessions whose closing time has passed, each in its own transaction (one that
 * another process closed meanwhile, or whose closing time moved, is left alone), with the same
 * effects as the convener closing it; `final` then brings each one's opinion map up to date.
 * Returns the ids closed.
 */
export async function closeDueSessions(deps: Deps, final: (sessionId: string) => Promise<void>): Promise<string[]> {
  const closed: string[] = [];
  for (const { id } of await store.dueSessionIds(deps.db, nowIso())) {
    const done = await transactWithEvents(deps, async (trx, emit) => {
      const s = await store.findSession(trx, id);
      if (!s || !s.closes_at || s.closes_at > nowIso()) return false;
      // Closed meanwhile by the convener or another process: nothing to do.
      const t = await takeAutomaticTransition(sessionLifecycle, 'close', s.state as LiveSession['state'], {
        ownerId: null,
        session: s,
      }).catch(() => null);
      if (!t) return false;
      await closeIn(trx, emit, CLOSES, s, t.to);
      return true;
    });
    if (done) closed.push(id);
  }
  for (const id of closed) await final(id);
  return closed;
}

/**
 * The convener puts a published statement before the room (or none): the projector shows it
 * with its counts, phones are offered it first; every screen follows the event.
 */
export async function setCurrentStatement(ctx: AuthedContext, id: string, statementId: string | null) {
  await transactWithEvents(ctx, async (trx, emit) => {
    const s = await loadSession(trx, id);
    ensureRunner(await callerOf(trx, ctx, s), 'choose the current statement');
    ensureOpen(s);
    let view: Statement | null = null;
    if (statementId) {
      const st = await store.findStatement(trx, id, statementId);
      if (!st) throw badField('body.statementId', 'noSuchStatement', 'no such statement in this session');
      if (st.state !== 'published') throw statementNotPublished(st.state, 'body.statementId');
      view = publicStatement(toStatement({ ...st, counts: await store.countVotes(trx, st.id) }));
    }
    await trx.updateTable('live_session').set({ current_statement_id: statementId, updated_at: nowIso() }).where('id', '=', id).execute();
    await audit(trx, ctx, {
      entity: 'live_session',
      entityId: id,
      action: 'currentStatement',
      before: { currentStatementId: s.current_statement_id },
      after: { currentStatementId: statementId },
    });
    await emit(id, 'statement.current', { statementId, statement: view });
  });
  return getSession(ctx, id);
}

/**
 * Joins a session. A logged-in account joins as itself (when the policy lets it); with the `link`
 * policy anyone gets a pseudonymous participant and a token (also set as a cookie for this
 * session's paths), rate-limited per address.
 */
export async function join(ctx: RequestContext, id: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const s = await loadSession(trx, id);
    ensureOpen(s);
    const c = await callerOf(trx, ctx, s);
    if (c.participant) return { participantId: c.participant.id, pseudonym: c.participant.pseudonym, token: null };
    if (ctx.actor) {
      if (!c.mayJoin) throw invitedOnly();
      const p = await joinAccount(trx, ctx as AuthedContext, s, c);
      return { participantId: p.id, pseudonym: p.pseudonym, token: null };
    }
    if (s.join_policy !== 'link') throw loginFirst();
    await limit(ctx, `live:join:${id}:${ctx.ip}`, ctx.config.LIVE_JOIN_LIMIT, 10 * MINUTE, 'people joining from this address');
    const token = randomBytes(24).toString('base64url');
    const row: store.LiveParticipantRow = {
      id: newId(),
      session_id: id,
      account_id: null,
      token_hash: sha256(token),
      pseudonym: `访客 ${randomBytes(2).toString('hex').toUpperCase()}`,
      deliberation_participant_id: null,
      venue_id: null,
      venue_signed_in_at: null,
      joined_at: nowIso(),
    };
    await trx.insertInto('live_participant').values(row).execute();
    await audit(trx, ctx, { entity: 'live_participant', entityId: row.id, action: 'join', after: { sessionId: id, pseudonymous: true } });
    void ctx.reply.setCookie(LIVE_COOKIE, token, {
      path: `/api/v1/live/sessions/${id}`,
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.COOKIE_SECURE === 'true',
      maxAge: 30 * 24 * 3600,
    });
    return { participantId: row.id, pseudonym: row.pseudonym, token };
  });
}

/** Statements: everyone sees the published ones; runners all; authors their own pending ones. */
export async function listStatements(ctx: RequestContext, id: string) {
  const s = await loadSession(ctx.db, id);
  const c = await callerOf(ctx.db, ctx, s);
  ensureReadable(ctx, s, c);
  const rows = await store.listStatements(ctx.db, id);
  const mine = (r: store.StatementRow) => !!c.participant && r.participant_id === c.participant.id;
  const items = rows.filter((r) => r.state === 'published' || c.runner || mine(r)).map((r) => toStatement(r, mine(r), c));
  return { items, nextCursor: null, total: items.length };
}

function normalizedOrFail(text: string, field: string) {
  const n = policy.normalizeStatement(text);
  if (!n) throw badField(field, 'statementEmpty', 'has no words');
  return n;
}

async function insertStatement(
  trx: Trx,
  ctx: RequestContext,
  emit: Emit,
  s: store.SessionView,
  v: { text: string; normalized: string; state: string; origin: string; participantId: string | null; field: string },
) {
  const dup = await store.findDuplicate(trx, s.id, v.normalized);
  if (dup) throw duplicateStatement(v.field);
  const t = nowIso();
  const row: store.StatementRow = {
    id: newId(),
    session_id: s.id,
    participant_id: v.participantId,
    text: v.text,
    normalized: v.normalized,
    state: v.state,
    origin: v.origin,
    created_by: ctx.actor?.accountId ?? null,
    hands_agree: null,
    hands_disagree: null,
    hands_pass: null,
    created_at: t,
    updated_at: t,
  };
  try {
    await trx.insertInto('live_statement').values(row).execute();
  } catch (e) {
    // Two writers of the same text at once: the unique index decides, with the same answer.
    if (isUniqueViolation(e)) throw duplicateStatement(v.field);
    throw e;
  }
  await audit(trx, ctx, { entity: 'live_statement', entityId: row.id, action: 'create', after: row });
  const st = toStatement({ ...row, counts: { agree: 0, disagree: 0, pass: 0 } }, v.participantId !== null);
  // A statement waiting for moderation reaches the moderators' queue live, and nobody else.
  await emit(s.id, row.state === 'published' ? 'statement.created' : 'statement.pending', publicStatement(st));
  return st;
}

/** A participant writes a statement: published at once, or pending when the session moderates first. */
export async function createStatement(ctx: RequestContext, id: string, text: string) {
  return transactWithEvents(ctx, async (trx, emit) => {
    const s = await loadSession(trx, id);
    ensureOpen(s);
    const c = await callerOf(trx, ctx, s);
    const p = await requireParticipant(ctx, trx, s, c);
    const normalized = normalizedOrFail(text, 'body.text');
    await limit(ctx, `live:statement:${p.id}`, ctx.config.LIVE_STATEMENT_LIMIT, MINUTE, 'statements');
    return insertStatement(trx, ctx, emit, s, {
      text,
      normalized,
      state: s.moderation === 'pre' && !c.runner ? 'pending' : 'published',
      origin: 'participant',
      participantId: p.id,
      field: 'body.text',
    });
  });
}

/** Staff seed statements (e.g. from the research report); they are published. */
export async function seedStatements(ctx: AuthedContext, id: string, texts: string[]) {
  return transactWithEvents(ctx, async (trx, emit) => {
    const s = await loadSession(trx, id);
    ensureRunner(await callerOf(trx, ctx, s), 'seed statements');
    ensureOpen(s);
    const seen = new Map<string, number>();
    const norms = texts.map((t, i) => {
      const n = normalizedOrFail(t, `body.texts.${i}`);
      if (seen.has(n))
        throw badField(`body.texts.${i}`, 'seedDuplicate', `the same as statement ${seen.get(n)}`, { index: seen.get(n)! + 1 });
      seen.set(n, i);
      return n;
    });
    const items = [];
    for (let i = 0; i < texts.length; i++) {
      items.push(
        await insertStatement(trx, ctx, emit, s, {
          text: texts[i]!,
          normalized: norms[i]!,
          state: 'published',
          origin: 'seed',
          participantId: null,
          field: `body.texts.${i}`,
        }),
      );
    }
    return { items, nextCursor: null, total: items.length };
  });
}

/** Runners publish, reject or withdraw a statement; its author may withdraw it. */
export async function moderate(
  ctx: RequestContext,
  id: string,
  statementId: string,
  decision: 'publish' | 'reject' | 'withdraw',
  maps: MapScheduler,
) {
  const result = await transactWithEvents(ctx, async (trx, emit) => {
    const s = await loadSession(trx, id);
    const c = await callerOf(trx, ctx, s);
    ensureReadable(ctx, s, c);
    const st = await store.findStatement(trx, id, statementId);
    if (!st) throw notFound('statement');
    const author = !!c.participant && st.participant_id === c.participant.id;
    const subject = { ownerId: st.participant_id, statement: st };
    const move = await takeTransition(statementLifecycle, decision, st.state as Statement['state'], actorOf(c), subject);
    await trx.updateTable('live_statement').set({ state: move.to, updated_at: nowIso() }).where('id', '=', statementId).execute();
    // What the map counts changed: a new version makes it recompute.
    const version = await store.bumpVotesVersion(trx, id);
    await audit(trx, ctx, {
      entity: 'live_statement',
      entityId: statementId,
      action: decision,
      before: { state: st.state },
      after: { state: move.to },
    });
    const view = toStatement({ ...st, state: move.to, counts: await store.countVotes(trx, statementId) }, author, c);
    // A pending statement that is not published stays between its author and the moderators.
    const type = st.state === 'pending' ? (move.to === 'published' ? 'statement.created' : 'statement.pending') : 'statement.updated';
    await emit(id, type, publicStatement(view));
    if (s.current_statement_id === statementId && move.to !== 'published') {
      await trx.updateTable('live_session').set({ current_statement_id: null }).where('id', '=', id).execute();
      await emit(id, 'statement.current', { statementId: null, statement: null });
    }
    return { view, version };
  });
  maps.schedule(id);
  return result.view;
}

/**
 * A vote: agree, disagree or pass; one per person and statement, the last one counts. The hot path
 * of a live session (hundreds a second): the session and the voter come from the writer's caches
 * when they can, and the statement and the session's state are checked in the group write.
 */
export async function vote(
  ctx: RequestContext,
  id: string,
  body: { statementId: string; vote: LiveVote },
  maps: MapScheduler,
  votes: VoteWriter,
) {
  let s = votes.sessions.get(id);
  if (!s) votes.sessions.set(id, (s = await loadSession(ctx.db, id)));
  ensureOpen(s);
  const token = ctx.actor ? null : tokenOf(ctx);
  const who = ctx.actor ? `a:${id}:${ctx.actor.accountId}` : token ? `t:${id}:${sha256(token)}` : null;
  let p = who ? votes.participants.get(who) : undefined;
  if (!p) {
    const c = await callerOf(ctx.db, ctx, s);
    p = c.participant ?? (await ctx.db.transaction().execute((trx) => requireParticipant(ctx, trx, s, c)));
    if (who) votes.participants.set(who, p);
  }
  await limit(ctx, `live:vote:${p.id}`, ctx.config.LIVE_VOTE_LIMIT, MINUTE, 'votes');
  const r = await votes.write({
    sessionId: id,
    participantId: p.id,
    statementId: body.statementId,
    vote: body.vote,
    source: { actor: ctx.actor ? { accountId: ctx.actor.accountId } : null, ip: ctx.ip },
  });
  maps.schedule(id);
  return r;
}

/** The next statement for the caller, drawn by Pol.is's priority among those they have not voted on. */
export async function nextStatement(ctx: RequestContext, id: string, random: () => number = Math.random) {
  const s = await loadSession(ctx.db, id);
  const c = await callerOf(ctx.db, ctx, s);
  ensureReadable(ctx, s, c);
  const p = c.participant;
  const voted = p ? await store.votedBy(ctx.db, p.id) : new Set<string>();
  const candidates = (await store.listStatements(ctx.db, id)).filter((r) => r.state === 'published' && !voted.has(r.id));
  // The statement before the room comes first, for those who have not voted on it yet.
  const current = candidates.find((r) => r.id === s.current_statement_id);
  if (current)
    return { statement: toStatement(current, !!p && current.participant_id === p.id), remaining: candidates.length, current: true };
  const map = await store.findMap(ctx.db, id);
  const extremity: Record<string, number> = map
    ? ((JSON.parse(map.map_json) as { extremity?: Record<string, number> }).extremity ?? {})
    : {};
  const pick = policy.pickWeighted(
    candidates,
    (r) =>
      policy.priority({
        agree: r.counts.agree,
        pass: r.counts.pass,
        seen: r.counts.agree + r.counts.disagree + r.counts.pass,
        extremity: extremity[r.id],
      }),
    random,
  );
  return { statement: pick ? toStatement(pick, !!p && pick.participant_id === p.id) : null, remaining: candidates.length, current: false };
}

/** Staff enter the show-of-hands counts of the people in the room on a statement. */
export async function enterHands(ctx: AuthedContext, id: string, statementId: string, body: z.output<typeof handsBody>) {
  return transactWithEvents(ctx, async (trx, emit) => {
    const s = await loadSession(trx, id);
    ensureRunner(await callerOf(trx, ctx, s), 'enter show-of-hands counts');
    const st = await store.findStatement(trx, id, statementId);
    if (!st) throw notFound('statement');
    if (st.state !== 'published') throw statementNotPublished(st.state);
    await trx
      .updateTable('live_statement')
      .set({ hands_agree: body.agree, hands_disagree: body.disagree, hands_pass: body.pass, updated_at: nowIso() })
      .where('id', '=', statementId)
      .execute();
    await audit(trx, ctx, {
      entity: 'live_statement',
      entityId: statementId,
      action: 'hands',
      before: { agree: st.hands_agree, disagree: st.hands_disagree, pass: st.hands_pass },
      after: body,
    });
    await emit(id, 'hands.counts', { statementId, counts: body });
    return toStatement({
      ...st,
      hands_agree: body.agree,
      hands_disagree: body.disagree,
      hands_pass: body.pass,
      counts: await store.countVotes(trx, statementId),
    });
  });
}

/** The latest opinion map of a session. */
export async function getMap(ctx: RequestContext, id: string): Promise<OpinionMap> {
  const s = await loadSession(ctx.db, id);
  const c = await callerOf(ctx.db, ctx, s);
  ensureReadable(ctx, s, c);
  const m = await store.findMap(ctx.db, id);
  if (!m) throw notFound('opinion map (not computed yet: it follows the first votes)');
  const { extremity: _e, points = [], ...map } = JSON.parse(m.map_json) as Partial<StoredMap> & OpinionMap;
  const mine = c.participant ? points.find((p) => p.participantId === c.participant!.id) : undefined;
  return { ...map, me: mine ? { x: mine.x, y: mine.y, group: mine.group } : null };
}

/** Events after a resume point (the WebSocket replays the same; this serves clients that poll). */
export async function listEvents(ctx: RequestContext, id: string, after: number, max: number) {
  const s = await loadSession(ctx.db, id);
  const c = await callerOf(ctx.db, ctx, s);
  ensureReadable(ctx, s, c);
  const items = (await readEvents(ctx.db, id, after, max)).filter((e) => policy.eventIsFor(e.type, c.runner));
  return { items: items.map((e) => ({ seq: e.seq, type: e.type, at: e.at, data: e.data })), lastSeq: await lastSeq(ctx.db, id) };
}

/** What a subscriber receives: their participant (for their own place on the map) and which events are for them. */
export interface Subscription {
  participantId: string | null;
  sees: (type: string) => boolean;
}

const subscriptionOf = (c: Caller): Subscription => {
  const runner = c.runner;
  return { participantId: c.participant?.id ?? null, sees: (type: string) => policy.eventIsFor(type, runner) };
};

/**
 * Checks the caller may subscribe to a session's events (the WebSocket channel); `sees` tells
 * which events are for them (some go to the convener and staff only).
 */
export async function authorizeSubscription(ctx: RequestContext, id: string): Promise<Subscription & { session: store.SessionView }> {
  const s = await loadSession(ctx.db, id);
  const c = await callerOf(ctx.db, ctx, s);
  ensureReadable(ctx, s, c);
  return { session: s, ...subscriptionOf(c) };
}

/** The session a socket follows, read once for all the sockets re-checked together. */
export const subscribedSession = (db: Executor, id: string) => loadSession(db, id);

/** Why a socket's access ended: a stable code (`liveSocketRevocations`) and an English message. */
export interface Revoked {
  code: LiveSocketRevocation;
  message: string;
}

/**
 * Checks again that a socket's user may still follow the session (the socket re-checks this
 * every little while; `ctx.actor` is who the cookie stands for now). Whoever opened it logged in
 * must still be (not logged out, not expired, the account not disabled); a participant must still
 * exist; and the session must still admit them: its runners and overseers, or whoever its policy
 * lets join (an invitation withdrawn or declined ends an invited participant's access, though they
 * had joined). Returns what the socket now receives (a role may have changed), or why it ends.
 */
export async function recheckSubscription(
  ctx: RequestContext,
  s: store.SessionView,
  opened: { accountId: string | null; participantId: string | null },
): Promise<Subscription | Revoked> {
  if (opened.accountId && ctx.actor?.accountId !== opened.accountId) {
    // Only when access ends does it matter why: the one query more is not paid by every check.
    const status = await store.accountStatus(ctx.db, opened.accountId);
    return status !== null && status !== 'active'
      ? { code: 'account_disabled', message: 'your account has been disabled' }
      : { code: 'session_ended', message: 'your login session has ended; log in again' };
  }
  const c = await callerOf(ctx.db, ctx, s);
  if (opened.participantId && c.participant?.id !== opened.participantId)
    return { code: 'access_revoked', message: 'you are no longer a participant of this session' };
  if (!(c.runner || c.overseer || c.mayJoin))
    return { code: 'access_revoked', message: 'this session no longer admits you (its policy or your invitation changed)' };
  return subscriptionOf(c);
}

/**
 * Promotes a consensus statement of the latest opinion map into the deliberation's
 * recommendations (list 1), with its votes and its support by group; the link is kept.
 */
export async function promote(ctx: AuthedContext, id: string, statementId: string, rationale: string | undefined) {
  return ctx.db.transaction().execute(async (trx) => {
    const s = await loadSession(trx, id);
    ensureRunner(await callerOf(trx, ctx, s), 'promote statements');
    // The recommendations list takes entries in session and while the outcome is drawn up.
    if (!['inSession', 'outcome'].includes(s.deliberation_state))
      throw wrongState(
        'promoteDeliberationState',
        `recommendations are added while the deliberation is in session or drawing up its outcome (it is ${s.deliberation_state})`,
        {
          params: { state: s.deliberation_state },
        },
      );
    const st = await store.findStatement(trx, id, statementId);
    if (!st) throw notFound('statement');
    if (st.state !== 'published') throw statementNotPublished(st.state);
    const m = await store.findMap(trx, id);
    const map = m ? (JSON.parse(m.map_json) as OpinionMap) : null;
    const entry = map?.consensus.find((x) => x.statementId === statementId && x.direction === 'agree');
    if (!entry)
      throw refusal(
        409,
        'precondition_failed',
        'notConsensus',
        'not a consensus statement (agreement across groups) in the latest opinion map',
        {
          field: 'params.statementId',
        },
      );
    const dup = await trx
      .selectFrom('live_promotion')
      .select('recommendation_id')
      .where('statement_id', '=', statementId)
      .executeTakeFirst();
    if (dup)
      throw clash('alreadyPromoted', 'this statement is already a recommendation', { params: { recommendationId: dup.recommendation_id } });
    const counts = await store.countVotes(trx, statementId);
    const support = { counts, byGroup: entry.byGroup };
    const groupsText = entry.byGroup.map((g) => `第${g.group + 1}组 赞成${g.agree}/反对${g.disagree}/跳过${g.pass}`).join('；');
    const rec = await addRecommendationIn(
      trx,
      ctx,
      s.deliberation_id,
      {
        text: st.text,
        rationale:
          rationale ||
          `在线协商共识（${s.title}）：赞成 ${counts.agree}，反对 ${counts.disagree}，跳过 ${counts.pass}。各组：${groupsText}。`,
        agree: counts.agree,
        disagree: counts.disagree,
        abstain: counts.pass,
        speechIds: [],
      },
      ['inSession', 'outcome'],
    );
    await trx
      .insertInto('live_promotion')
      .values({
        recommendation_id: rec.id,
        statement_id: statementId,
        session_id: id,
        support_json: JSON.stringify(support),
        created_at: nowIso(),
      })
      .execute();
    await audit(trx, ctx, {
      entity: 'live_statement',
      entityId: statementId,
      action: 'promote',
      after: { recommendationId: rec.id, support },
    });
    return { recommendationId: rec.id, statementId, seq: rec.seq, support };
  });
}

// ---------------------------------------------------------------- speaker queue

/** Who looks at the queue: runners see names; others masked names, and which hand is theirs. */
interface Viewer {
  runner: boolean;
  participantId: string | null;
}
/** Events are seen by everyone: names masked, no hand anyone's own (clients keep their own replies' `mine`). */
const EVERYONE: Viewer = { runner: false, participantId: null };
const viewerOf = (c: Caller): Viewer => ({ runner: c.runner, participantId: c.participant?.id ?? null });

async function handsView(db: Executor, sessionId: string, viewer: Viewer): Promise<Hand[]> {
  return (await store.listHands(db, sessionId)).map((h) => {
    const mine = !!viewer.participantId && h.participant_id === viewer.participantId;
    // A pseudonym (访客 …) identifies nobody; a name does, and only the runners see it whole.
    const pseudonym = h.participant_id !== null && h.participant_account_id === null;
    return {
      ...handOf(h),
      name: viewer.runner || mine || pseudonym ? h.name : maskName(h.name),
      participantId: viewer.runner || mine ? h.deliberation_participant_id : null,
      mine,
      // A reply lists the caller's next actions on each hand; events (EVERYONE) do not.
      ...(viewer === EVERYONE ? {} : { nextActions: nextActionsOn(handLifecycle, h.state as Hand['state'], viewer, h.participant_id) }),
    };
  });
}

function handOf(h: Awaited<ReturnType<typeof store.listHands>>[number]) {
  return {
    id: h.id,
    sessionId: h.session_id,
    venueId: h.venue_id,
    venueName: h.venue_name,
    category: (h.category ?? null) as never,
    state: h.state as 'waiting' | 'speaking' | 'done' | 'withdrawn',
    raisedAt: h.raised_at,
    floorAt: h.floor_at,
    seconds: h.seconds,
    speechId: h.speech_id,
  };
}

/** The speaker queue as the caller sees it (`publicView`: as everyone does, e.g. on the room's screen). */
export async function listHands(ctx: RequestContext, id: string, publicView = false) {
  const s = await loadSession(ctx.db, id);
  const c = await callerOf(ctx.db, ctx, s);
  ensureReadable(ctx, s, c);
  const items = await handsView(ctx.db, id, publicView ? EVERYONE : viewerOf(c));
  return { items, nextCursor: null, total: items.length };
}

async function emitQueue(trx: Executor, emit: Emit, id: string) {
  await emit(id, 'speaker.queue', { hands: await handsView(trx, id, EVERYONE) });
}

/** Raises a hand: a participant online for themselves, or staff for someone in the room or a venue. */
export async function raiseHand(ctx: RequestContext, id: string, body: z.output<typeof raiseHandBody>) {
  return transactWithEvents(ctx, async (trx, emit) => {
    const s = await loadSession(trx, id);
    ensureOpen(s);
    const c = await callerOf(trx, ctx, s);
    const forSomeone = body.participantId !== undefined || body.name !== undefined || body.venueId !== undefined;
    let row: store.HandRow;
    const base = {
      id: newId(),
      session_id: id,
      state: 'waiting',
      raised_at: nowIso(),
      raised_by: ctx.actor?.accountId ?? null,
      floor_at: null,
      seconds: null,
      speech_id: null,
      summary: null,
    };
    if (forSomeone) {
      ensureRunner(c, 'raise a hand for someone else');
      let name = body.name ?? null;
      if (body.participantId) {
        const dp = await findParticipant(trx, s.deliberation_id, body.participantId);
        if (!dp) throw badField('body.participantId', 'notAParticipant', 'not a participant of this deliberation');
        name = dp.name;
      }
      if (!name) throw badField('body.name', 'nameRequired', 'required without a participant');
      if (
        body.venueId &&
        !(await trx.selectFrom('live_venue').select('id').where('id', '=', body.venueId).where('session_id', '=', id).executeTakeFirst())
      )
        throw badField('body.venueId', 'noSuchVenue', 'not a venue of this session');
      row = {
        ...base,
        participant_id: null,
        deliberation_participant_id: body.participantId ?? null,
        name,
        venue_id: body.venueId ?? null,
      };
    } else {
      const p = await requireParticipant(ctx, trx, s, c);
      await limit(ctx, `live:hand:${p.id}`, ctx.config.LIVE_STATEMENT_LIMIT, MINUTE, 'raised hands');
      const waiting = await trx
        .selectFrom('live_hand')
        .select('id')
        .where('participant_id', '=', p.id)
        .where('state', 'in', ['waiting', 'speaking'])
        .executeTakeFirst();
      if (waiting) throw clash('handRaised', 'your hand is already raised');
      row = {
        ...base,
        participant_id: p.id,
        deliberation_participant_id: p.deliberation_participant_id,
        name: p.pseudonym,
        venue_id: p.venue_id,
      };
    }
    await trx.insertInto('live_hand').values(row).execute();
    await audit(trx, ctx, { entity: 'live_hand', entityId: row.id, action: 'raise', after: row });
    await emitQueue(trx, emit, id);
    return (await handsView(trx, id, { runner: c.runner, participantId: row.participant_id ?? c.participant?.id ?? null })).find(
      (h) => h.id === row.id,
    )!;
  });
}

async function loadHand(trx: Executor, id: string, handId: string) {
  const h = await store.findHand(trx, id, handId);
  if (!h) throw notFound('raised hand');
  return h;
}

/** What the hand lifecycle decides on: the hand, its session, and who has the floor now. */
async function handSubject(trx: Executor, s: store.SessionView, h: store.HandRow) {
  const speaking = await trx
    .selectFrom('live_hand')
    .select('name')
    .where('session_id', '=', s.id)
    .where('state', '=', 'speaking')
    .where('id', '!=', h.id)
    .executeTakeFirst();
  return { ownerId: h.participant_id, hand: h, session: s, speaking: speaking?.name ?? null };
}

/** Takes a transition of a hand: checked by the lifecycle, written, audited, the queue sent to everyone. */
async function moveHand(
  trx: Trx,
  ctx: RequestContext,
  emit: Emit,
  s: store.SessionView,
  c: Caller,
  handId: string,
  action: 'giveFloor' | 'finish' | 'withdraw',
  apply: (h: store.HandRow, to: string) => Promise<Record<string, unknown>>,
) {
  const h = await loadHand(trx, s.id, handId);
  const t = await takeTransition(handLifecycle, action, h.state as Hand['state'], actorOf(c), await handSubject(trx, s, h));
  const after = await apply(h, t.to);
  await audit(trx, ctx, { entity: 'live_hand', entityId: handId, action, before: { state: h.state }, after: { state: t.to, ...after } });
  await emitQueue(trx, emit, s.id);
  return (await handsView(trx, s.id, viewerOf(c))).find((x) => x.id === handId)!;
}

/** The convener gives the floor to a waiting speaker, with a time (while the session is open and nobody else has it). */
export async function giveFloor(ctx: AuthedContext, id: string, handId: string, seconds: number) {
  return transactWithEvents(ctx, async (trx, emit) => {
    const s = await loadSession(trx, id);
    const c = await callerOf(trx, ctx, s);
    return moveHand(trx, ctx, emit, s, c, handId, 'giveFloor', async (_h, to) => {
      await trx.updateTable('live_hand').set({ state: to, floor_at: nowIso(), seconds }).where('id', '=', handId).execute();
      return { seconds };
    });
  });
}

/**
 * The speaker has finished: the speech is logged to the meeting record (deliberations' speeches,
 * with the venue; the category is the participant's) when the speaker is a participant of the
 * deliberation; otherwise its summary stays with the live session only.
 */
export async function finishSpeech(ctx: AuthedContext, id: string, handId: string, body: z.output<typeof finishSpeechBody>) {
  return transactWithEvents(ctx, async (trx, emit) => {
    const s = await loadSession(trx, id);
    const c = await callerOf(trx, ctx, s);
    return moveHand(trx, ctx, emit, s, c, handId, 'finish', async (h, to) => {
      const participantId = h.deliberation_participant_id ?? body.participantId ?? null;
      let speechId: string | null = null;
      if (participantId) {
        const venue = h.venue_id
          ? ((await trx.selectFrom('live_venue').select('name').where('id', '=', h.venue_id).executeTakeFirst())?.name ?? null)
          : null;
        speechId = (await recordSpeechIn(trx, ctx, s.deliberation_id, { participantId, summary: body.summary, interaction: false }, venue))
          .id;
      }
      await trx
        .updateTable('live_hand')
        .set({ state: to, speech_id: speechId, summary: body.summary, deliberation_participant_id: participantId })
        .where('id', '=', handId)
        .execute();
      return { speechId };
    });
  });
}

/** A waiting hand is lowered by its owner, or by staff. */
export async function withdrawHand(ctx: RequestContext, id: string, handId: string) {
  return transactWithEvents(ctx, async (trx, emit) => {
    const s = await loadSession(trx, id);
    const c = await callerOf(trx, ctx, s);
    ensureReadable(ctx, s, c);
    return moveHand(trx, ctx, emit, s, c, handId, 'withdraw', async (_h, to) => {
      await trx.updateTable('live_hand').set({ state: to }).where('id', '=', handId).execute();
      return {};
    });
  });
}

// ---------------------------------------------------------------- polls

/** Polls as a viewer sees them: tallies while hidden only for runners; `mine`, the viewer's own answer. */
async function pollsView(
  db: Executor,
  rows: store.PollRow[],
  runner: boolean,
  participantId: string | null = null,
  /** The caller, for a reply: their next actions on each poll (events have none). */
  actor?: LiveActor,
) {
  const answers = await store.pollAnswers(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const options = JSON.parse(r.options_json) as string[];
    const all = answers.filter((a) => a.poll_id === r.id);
    const given = all.map((a) => JSON.parse(a.answer_json) as policy.PollAnswer);
    const own = participantId ? all.find((a) => a.participant_id === participantId) : undefined;
    return {
      id: r.id,
      sessionId: r.session_id,
      question: r.question,
      kind: r.kind as policy.PollKind,
      options,
      results: r.results as 'live' | 'hidden',
      state: r.state as 'open' | 'closed',
      tally: policy.showTally(r, runner) ? policy.tally(r.kind as policy.PollKind, options.length, given) : null,
      responses: given.length,
      mine: own ? (JSON.parse(own.answer_json) as policy.PollAnswer) : null,
      createdAt: r.created_at,
      closedAt: r.closed_at,
      ...(actor ? { nextActions: nextActionsOn(pollLifecycle, r.state as Poll['state'], actor, null) } : {}),
    };
  });
}

/** The polls of a session; results while hidden only for runners. */
export async function listPolls(ctx: RequestContext, id: string) {
  const s = await loadSession(ctx.db, id);
  const c = await callerOf(ctx.db, ctx, s);
  ensureReadable(ctx, s, c);
  const items = await pollsView(ctx.db, await store.listPolls(ctx.db, id), c.runner, c.participant?.id ?? null, actorOf(c));
  return { items, nextCursor: null, total: items.length };
}

/** Opens a poll: single or multiple choice, a score 1–5, or consent (Loomio's four positions). */
export async function createPoll(ctx: AuthedContext, id: string, body: z.output<typeof createPollBody>) {
  return transactWithEvents(ctx, async (trx, emit) => {
    const s = await loadSession(trx, id);
    ensureRunner(await callerOf(trx, ctx, s), 'open a poll');
    ensureOpen(s);
    const choice = body.kind === 'single' || body.kind === 'multiple';
    if (choice && body.options.length < 2) throw badField('body.options', 'optionsCount', 'a choice poll needs 2 to 10 options');
    if (!choice && body.options.length)
      throw badField('body.options', 'optionsNotUsed', `a ${body.kind} poll has no options`, { kind: body.kind });
    if (new Set(body.options).size !== body.options.length) throw badField('body.options', 'optionTwice', 'an option is listed twice');
    const row: store.PollRow = {
      id: newId(),
      session_id: id,
      question: body.question,
      kind: body.kind,
      options_json: JSON.stringify(body.options),
      results: body.results,
      state: 'open',
      created_by: ctx.actor.accountId,
      created_at: nowIso(),
      closed_at: null,
    };
    await trx.insertInto('live_poll').values(row).execute();
    await audit(trx, ctx, { entity: 'live_poll', entityId: row.id, action: 'open', after: row });
    const [pub] = await pollsView(trx, [row], false);
    await emit(id, 'poll.opened', pub);
    return (await pollsView(trx, [row], true, null, { runner: true, participantId: null }))[0]!;
  });
}

/** A participant answers a poll; the last answer counts. */
export async function respondToPoll(ctx: RequestContext, id: string, pollId: string, body: z.output<typeof pollResponseBody>) {
  return transactWithEvents(ctx, async (trx, emit) => {
    const s = await loadSession(trx, id);
    ensureOpen(s);
    const c = await callerOf(trx, ctx, s);
    const p = await requireParticipant(ctx, trx, s, c);
    const poll = await store.findPoll(trx, id, pollId);
    if (!poll) throw notFound('poll');
    if (poll.state !== 'open') throw wrongState('pollClosed', 'the poll is closed');
    const options = JSON.parse(poll.options_json) as string[];
    const issue = policy.pollAnswerIssue(poll.kind as policy.PollKind, options.length, body);
    if (issue) throw badField(issue.field, issue.code, issue.message, issue.params);
    await limit(ctx, `live:vote:${p.id}`, ctx.config.LIVE_VOTE_LIMIT, MINUTE, 'votes');
    const answer = JSON.stringify(body);
    const at = nowIso();
    await trx
      .insertInto('live_poll_response')
      .values({ poll_id: pollId, participant_id: p.id, answer_json: answer, venue_id: p.venue_id, at })
      .onConflict((oc) => oc.columns(['poll_id', 'participant_id']).doUpdateSet({ answer_json: answer, venue_id: p.venue_id, at }))
      .execute();
    await audit(trx, ctx, { entity: 'live_poll', entityId: pollId, action: 'respond', after: { participantId: p.id, answer: body } });
    const [pub] = await pollsView(trx, [poll], false);
    await emit(id, 'poll.results', pub);
    return (await pollsView(trx, [poll], c.runner, p.id, { runner: c.runner, participantId: p.id }))[0]!;
  });
}

/** Closes a poll; hidden results become visible to everyone. */
export async function closePoll(ctx: AuthedContext, id: string, pollId: string) {
  return transactWithEvents(ctx, async (trx, emit) => {
    const s = await loadSession(trx, id);
    const c = await callerOf(trx, ctx, s);
    const poll = await store.findPoll(trx, id, pollId);
    if (!poll) throw notFound('poll');
    const t = await takeTransition(pollLifecycle, 'close', poll.state as Poll['state'], actorOf(c), { ownerId: null, poll });
    const closed = { ...poll, state: t.to, closed_at: nowIso() };
    await trx.updateTable('live_poll').set({ state: t.to, closed_at: closed.closed_at }).where('id', '=', pollId).execute();
    await audit(trx, ctx, {
      entity: 'live_poll',
      entityId: pollId,
      action: 'close',
      before: { state: poll.state },
      after: { state: t.to },
    });
    const [pub] = await pollsView(trx, [closed], false);
    await emit(id, 'poll.closed', pub);
    return (await pollsView(trx, [closed], c.runner, null, actorOf(c)))[0]!;
  });
}

// ---------------------------------------------------------------- venues

/** Adds a sub-venue (remote sessions) with its video link. */
export async function addVenue(ctx: AuthedContext, id: string, body: z.output<typeof venueBody>) {
  return transactWithEvents(ctx, async (trx, emit) => {
    const s = await loadSession(trx, id);
    ensureRunner(await callerOf(trx, ctx, s), 'add venues');
    ensureOpen(s);
    if (s.kind !== 'remote') throw refusal(409, 'precondition_failed', 'venuesRemoteOnly', 'only a remote session has sub-venues');
    const row = {
      id: newId(),
      session_id: id,
      name: body.name,
      main: 0,
      video_url: body.videoUrl ?? null,
      sign_in_code: signInCode(),
      created_at: nowIso(),
    };
    await trx.insertInto('live_venue').values(row).execute();
    await audit(trx, ctx, { entity: 'live_venue', entityId: row.id, action: 'create', after: { ...row, sign_in_code: '***' } });
    await emit(id, 'venue.presence', { venues: await venuesOf(trx, id, false) });
    return (await venuesOf(trx, id, true)).find((v) => v.id === row.id)!;
  });
}

/** A participant signs in at a venue with the code shown there; their votes and speeches then carry it. */
export async function venueSignIn(ctx: RequestContext, id: string, venueId: string, code: string) {
  return transactWithEvents(ctx, async (trx, emit) => {
    const s = await loadSession(trx, id);
    ensureOpen(s);
    const c = await callerOf(trx, ctx, s);
    const v = await trx.selectFrom('live_venue').selectAll().where('id', '=', venueId).where('session_id', '=', id).executeTakeFirst();
    if (!v) throw notFound('venue');
    if (v.sign_in_code !== code) throw badField('body.code', 'venueCode', 'wrong sign-in code; use the code shown at the venue');
    const p = await requireParticipant(ctx, trx, s, c);
    const at = nowIso();
    await trx.updateTable('live_participant').set({ venue_id: venueId, venue_signed_in_at: at }).where('id', '=', p.id).execute();
    await audit(trx, ctx, {
      entity: 'live_participant',
      entityId: p.id,
      action: 'venueSignIn',
      before: { venueId: p.venue_id },
      after: { venueId },
    });
    const venues = await venuesOf(trx, id, false);
    await emit(id, 'venue.presence', { venues });
    return venues.find((x) => x.id === venueId)!;
  });
}
