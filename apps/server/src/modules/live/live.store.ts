import type { Executor } from '../../platform/db/index.ts';
import type {
  LiveHandTable,
  LiveParticipantTable,
  LivePollTable,
  LiveSessionTable,
  LiveStatementTable,
  LiveVenueTable,
} from '../../platform/db/schema.ts';
import type { Selectable } from 'kysely';

export type SessionRow = Selectable<LiveSessionTable>;
export type LiveParticipantRow = Selectable<LiveParticipantTable>;
export type StatementRow = Selectable<LiveStatementTable>;
export type VenueRow = Selectable<LiveVenueTable>;
export type HandRow = Selectable<LiveHandTable>;
export type PollRow = Selectable<LivePollTable>;

/** A session with its deliberation and room (for the policy). */
export type SessionView = SessionRow & { deliberation_title: string; deliberation_state: string; room_path: string; room_name: string };

/** One session with its deliberation's title and state and its room. */
export function findSession(db: Executor, id: string): Promise<SessionView | undefined> {
  return db
    .selectFrom('live_session')
    .innerJoin('deliberation', 'deliberation.id', 'live_session.deliberation_id')
    .innerJoin('org_node as room', 'room.id', 'deliberation.room_id')
    .selectAll('live_session')
    .select([
      'deliberation.title as deliberation_title',
      'deliberation.state as deliberation_state',
      'room.path as room_path',
      'room.name as room_name',
    ])
    .where('live_session.id', '=', id)
    .executeTakeFirst();
}

/** Sessions of a deliberation, newest first. */
export function listSessionIds(db: Executor, deliberationId: string) {
  return db
    .selectFrom('live_session')
    .select('id')
    .where('deliberation_id', '=', deliberationId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Takes the next `n` votes versions of a session (holds the session row until commit); answers the last. */
export async function bumpVotesVersion(db: Executor, id: string, n = 1): Promise<number> {
  const r = await db
    .updateTable('live_session')
    .set((eb) => ({ votes_version: eb('votes_version', '+', n) }))
    .where('id', '=', id)
    .returning('votes_version')
    .executeTakeFirstOrThrow();
  return Number(r.votes_version);
}

/** Venues of a session with the participants signed in at each. */
export async function listVenues(db: Executor, sessionId: string) {
  const venues = await db
    .selectFrom('live_venue')
    .selectAll()
    .where('session_id', '=', sessionId)
    .orderBy('main', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const counts = await db
    .selectFrom('live_participant')
    .select(['venue_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('session_id', '=', sessionId)
    .where('venue_id', 'is not', null)
    .groupBy('venue_id')
    .execute();
  const byVenue = new Map(counts.map((c) => [c.venue_id, Number(c.n)]));
  return venues.map((v) => ({ ...v, present: byVenue.get(v.id) ?? 0 }));
}

/** A participant of a session by account. */
export function participantByAccount(db: Executor, sessionId: string, accountId: string) {
  return db
    .selectFrom('live_participant')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** A pseudonymous participant of a session by its token's hash. */
export function participantByToken(db: Executor, sessionId: string, tokenHash: string) {
  return db
    .selectFrom('live_participant')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** An account's status (`active`, `disabled`), when it exists. */
export async function accountStatus(db: Executor, accountId: string): Promise<string | null> {
  return (await db.selectFrom('account').select('status').where('id', '=', accountId).executeTakeFirst())?.status ?? null;
}

/** The deliberation's invitation of an account (not declined), if any. */
export function invitationOf(db: Executor, deliberationId: string, accountId: string) {
  return db
    .selectFrom('participant')
    .select(['id', 'name', 'category'])
    .where('deliberation_id', '=', deliberationId)
    .where('account_id', '=', accountId)
    .where('answer', '!=', 'declined')
    .executeTakeFirst();
}

/** Statements of a session with their vote counts. */
export async function listStatements(db: Executor, sessionId: string) {
  const [rows, counts] = await Promise.all([
    db.selectFrom('live_statement').selectAll().where('session_id', '=', sessionId).orderBy('created_at').orderBy('id').execute(),
    db
      .selectFrom('live_vote')
      .select(['statement_id', 'vote', (eb) => eb.fn.countAll<number>().as('n')])
      .where('session_id', '=', sessionId)
      .groupBy(['statement_id', 'vote'])
      .execute(),
  ]);
  const by = new Map<string, { agree: number; disagree: number; pass: number }>();
  for (const c of counts) {
    const k = by.get(c.statement_id) ?? { agree: 0, disagree: 0, pass: 0 };
    if (c.vote === 1) k.agree = Number(c.n);
    else if (c.vote === -1) k.disagree = Number(c.n);
    else k.pass = Number(c.n);
    by.set(c.statement_id, k);
  }
  return rows.map((r) => ({ ...r, counts: by.get(r.id) ?? { agree: 0, disagree: 0, pass: 0 } }));
}

/** Vote counts of one statement. */
export async function countVotes(db: Executor, statementId: string) {
  const rows = await db
    .selectFrom('live_vote')
    .select(['vote', (eb) => eb.fn.countAll<number>().as('n')])
    .where('statement_id', '=', statementId)
    .groupBy('vote')
    .execute();
  const c = { agree: 0, disagree: 0, pass: 0 };
  for (const r of rows) {
    if (r.vote === 1) c.agree = Number(r.n);
    else if (r.vote === -1) c.disagree = Number(r.n);
    else c.pass = Number(r.n);
  }
  return c;
}

/** One statement of a session. */
export function findStatement(db: Executor, sessionId: string, id: string) {
  return db.selectFrom('live_statement').selectAll().where('session_id', '=', sessionId).where('id', '=', id).executeTakeFirst();
}

/** A statement with the same normalised text, if any. */
export function findDuplicate(db: Executor, sessionId: string, normalized: string) {
  return db
    .selectFrom('live_statement')
    .select(['id', 'state'])
    .where('session_id', '=', sessionId)
    .where('normalized', '=', normalized)
    .executeTakeFirst();
}

/** Ids of the statements a participant has voted on. */
export async function votedBy(db: Executor, participantId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('live_vote').select('statement_id').where('participant_id', '=', participantId).execute();
  return new Set(rows.map((r) => r.statement_id));
}

/** Votes changed after a version, oldest first (the opinion map feeds its engine with them). */
export function votesAfter(db: Executor, sessionId: string, version: number) {
  return db
    .selectFrom('live_vote')
    .select(['participant_id', 'statement_id', 'vote', 'version'])
    .where('session_id', '=', sessionId)
    .where('version', '>', version)
    .orderBy('version')
    .execute();
}

/** The stored opinion map of a session. */
export function findMap(db: Executor, sessionId: string) {
  return db.selectFrom('live_map').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
}

/** Stores an opinion map, counting the computations. */
export async function saveMap(db: Executor, sessionId: string, version: number, at: string, json: string) {
  const r = await db
    .updateTable('live_map')
    .set((eb) => ({ version, computed_at: at, map_json: json, computations: eb('computations', '+', 1) }))
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) {
    await db.insertInto('live_map').values({ session_id: sessionId, version, computed_at: at, map_json: json, computations: 1 }).execute();
  }
}

/** The queue: waiting and speaking hands in order, then the last finished ones. */
export async function listHands(db: Executor, sessionId: string) {
  return db
    .selectFrom('live_hand')
    .leftJoin('live_venue', 'live_venue.id', 'live_hand.venue_id')
    .leftJoin('participant', 'participant.id', 'live_hand.deliberation_participant_id')
    .leftJoin('live_participant', 'live_participant.id', 'live_hand.participant_id')
    .selectAll('live_hand')
    .select(['live_venue.name as venue_name', 'participant.category as category', 'live_participant.account_id as participant_account_id'])
    .where('live_hand.session_id', '=', sessionId)
    .orderBy('live_hand.raised_at')
    .orderBy('live_hand.id')
    .execute();
}

export function findHand(db: Executor, sessionId: string, id: string) {
  return db.selectFrom('live_hand').selectAll().where('session_id', '=', sessionId).where('id', '=', id).executeTakeFirst();
}

export function listPolls(db: Executor, sessionId: string) {
  return db.selectFrom('live_poll').selectAll().where('session_id', '=', sessionId).orderBy('created_at').orderBy('id').execute();
}

export function findPoll(db: Executor, sessionId: string, id: string) {
  return db.selectFrom('live_poll').selectAll().where('session_id', '=', sessionId).where('id', '=', id).executeTakeFirst();
}

export function pollAnswers(db: Executor, pollIds: string[]) {
  if (!pollIds.length) return Promise.resolve([]);
  return db.selectFrom('live_poll_response').select(['poll_id', 'participant_id', 'answer_json']).where('poll_id', 'in', pollIds).execute();
}

/** Open sessions whose closing time has passed (the closing job's work). */
export function dueSessionIds(db: Executor, at: string) {
  return db
    .selectFrom('live_session')
    .select('id')
    .where('state', '=', 'open')
    .where('closes_at', 'is not', null)
    .where('closes_at', '<=', at)
    .orderBy('closes_at')
    .execute();
}
