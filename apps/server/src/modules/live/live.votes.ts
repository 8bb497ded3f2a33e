import type { LiveVote } from '@shangliang/contract';
import { auditMany, type AuditSource } from '../../platform/audit/audit.ts';
import { TtlCache } from '../../platform/cache.ts';
import { nowIso } from '../../platform/clock.ts';
import type { Trx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { transactWithEvents } from '../../platform/events/index.ts';
import { badField, clash, notAllowed, wrongState } from './live.refusals.ts';
import { bumpVotesVersion, type LiveParticipantRow, type SessionView } from './live.store.ts';

export interface VoteRequest {
  sessionId: string;
  participantId: string;
  statementId: string;
  vote: LiveVote;
  source: AuditSource;
}
export interface VoteResult {
  statementId: string;
  vote: LiveVote;
  counts: { agree: number; disagree: number; pass: number };
  seq: number;
}

type Counts = VoteResult['counts'];
const voteValue: Record<LiveVote, number> = { agree: 1, disagree: -1, pass: 0 };
const countKey = { 1: 'agree', [-1]: 'disagree', 0: 'pass' } as Record<number, keyof Counts>;
const MAX_BATCH = 500;
/** Rows per multi-row statement: 7 values a row, well inside SQLite's 32,766 bound variables. */
const CHUNK = 500;

type Pending = { req: VoteRequest; resolve: (r: VoteResult) => void; reject: (e: unknown) => void };

/**
 * Writes votes in groups: the votes that arrive while a transaction is committing are written
 * together in the next one (group commit). A vote is answered only once its group has committed
 * (acknowledged means committed), but one commit (one fsync with SQLite's synchronous=FULL, which
 * also blocks the event loop) serves many votes.
 *
 * A group costs a fixed number of statements, not a number per vote: the sessions' and
 * statements' states (a vote on a closed session or a withdrawn statement is refused here, in the
 * transaction, whatever the request saw), the voters' venues (and, in a session for the invited,
 * whether their invitation has since been declined), the current counts and the voters'
 * earlier votes on those statements; then one version bump per session, one multi-row upsert of
 * the votes, one insert of the audit entries and one of the events. Each vote still gets its own
 * votes version, audit entry and event (with the counts just after it) and its own sequence number.
 */
export class VoteWriter {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  /**
   * The vote request's reads, cached in this process so that a steady stream of votes reads
   * nothing before the group write: a session for a second (its state is checked again in the
   * group's transaction), and who a token or an account is in a session (that never changes).
   */
  readonly sessions = new TtlCache<string, SessionView>(1000, 1000);
  readonly participants = new TtlCache<string, LiveParticipantRow>(10 * 60_000, 100_000);

  constructor(private deps: Deps) {}

  /** Queues a vote (its input validated by the caller) and resolves when it has committed. */
  write(req: VoteRequest): Promise<VoteResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ req, resolve, reject });
      if (!this.flushing) this.flushing = this.flush();
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length) {
        // Let the requests waiting on the event loop reach the queue first: better-sqlite3 commits
        // synchronously (the fsync blocks the loop), so votes arrive in bursts after each commit.
        await new Promise((r) => setImmediate(r));
        const batch = this.queue.splice(0, MAX_BATCH);
        let results: (VoteResult | Error)[];
        try {
          results = await transactWithEvents(this.deps, (trx, _emit, emitMany) => writeBatch(trx, batch, emitMany));
        } catch (err) {
          for (const b of batch) b.reject(err);
          continue;
        }
        for (const [i, b] of batch.entries()) {
          const r = results[i]!;
          if (r instanceof Error) b.reject(r);
          else b.resolve(r);
        }
      }
    } finally {
      this.flushing = null;
    }
  }
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];

async function writeBatch(
  trx: Trx,
  batch: Pending[],
  emitMany: (stream: string, items: { type: string; data: unknown }[]) => Promise<{ seq: number }[]>,
): Promise<(VoteResult | Error)[]> {
  const reqs = batch.map((b) => b.req);
  const sessionIds = uniq(reqs.map((r) => r.sessionId));
  const statementIds = uniq(reqs.map((r) => r.statementId));
  const participantIds = uniq(reqs.map((r) => r.participantId));
  const now = nowIso();
  const [sessions, statements, participants] = await Promise.all([
    trx.selectFrom('live_session').select(['id', 'state', 'closes_at', 'join_policy']).where('id', 'in', sessionIds).execute(),
    trx.selectFrom('live_statement').select(['id', 'session_id', 'state']).where('id', 'in', statementIds).execute(),
    trx
      .selectFrom('live_participant')
      .leftJoin('participant', 'participant.id', 'live_participant.deliberation_participant_id')
      .select(['live_participant.id', 'live_participant.venue_id', 'participant.answer'])
      .where('live_participant.id', 'in', participantIds)
      .execute(),
  ]);
  const sessionOf = new Map(sessions.map((s) => [s.id, s]));
  const statementOf = new Map(statements.map((s) => [s.id, s]));
  const venueOf = new Map(participants.map((p) => [p.id, p.venue_id]));
  /** Invited people who have since declined (the request's cached view of them may be older). */
  const declined = new Set(participants.filter((p) => p.answer === 'declined').map((p) => p.id));

  // Refusals first: whatever the request saw, the state at commit decides.
  const results: (VoteResult | Error | null)[] = reqs.map((r) => {
    const s = sessionOf.get(r.sessionId);
    if (!s || s.state !== 'open') return wrongState('sessionClosed', 'the live session is closed');
    if (s.closes_at && s.closes_at <= now)
      return wrongState('sessionClosedAt', `the live session closed at ${s.closes_at}`, { params: { at: s.closes_at } });
    const st = statementOf.get(r.statementId);
    if (!st || st.session_id !== r.sessionId) return badField('body.statementId', 'noSuchStatement', 'no such statement in this session');
    if (st.state === 'pending') return clash('statementPending', 'the statement is waiting for moderation', { field: 'body.statementId' });
    if (st.state !== 'published')
      return clash('statementGone', `the statement was ${st.state}`, { field: 'body.statementId', params: { state: st.state } });
    if (!venueOf.has(r.participantId)) return notAllowed('notAParticipant', 'you are not a participant of this session');
    if (s.join_policy === 'invited' && declined.has(r.participantId))
      return notAllowed('invitedOnly', 'this session is for the invited participants of the deliberation; your invitation was declined');
    return null;
  });
  const accepted = reqs.map((r, i) => ({ r, i })).filter(({ i }) => results[i] === null);
  if (!accepted.length) return results as Error[];

  // The counts and the voters' earlier votes before this group; then each vote in turn.
  const votedOn = uniq(accepted.map(({ r }) => r.statementId));
  const [countRows, earlier] = await Promise.all([
    trx
      .selectFrom('live_vote')
      .select(['statement_id', 'vote', (eb) => eb.fn.countAll<number>().as('n')])
      .where('statement_id', 'in', votedOn)
      .groupBy(['statement_id', 'vote'])
      .execute(),
    trx
      .selectFrom('live_vote')
      .select(['statement_id', 'participant_id', 'vote'])
      .where('statement_id', 'in', votedOn)
      .where('participant_id', 'in', uniq(accepted.map(({ r }) => r.participantId)))
      .execute(),
  ]);
  const counts = new Map<string, Counts>(votedOn.map((id) => [id, { agree: 0, disagree: 0, pass: 0 }]));
  for (const c of countRows) counts.get(c.statement_id)![countKey[c.vote]!] = Number(c.n);
  const current = new Map(earlier.map((v) => [`${v.statement_id} ${v.participant_id}`, v.vote]));

  // One votes version per vote, in order, taken per session in one update.
  const versionBase = new Map<string, number>();
  for (const sid of uniq(accepted.map(({ r }) => r.sessionId))) {
    const n = accepted.filter(({ r }) => r.sessionId === sid).length;
    versionBase.set(sid, (await bumpVotesVersion(trx, sid, n)) - n);
  }

  const rows = new Map<
    string,
    { statement_id: string; participant_id: string; session_id: string; vote: number; venue_id: string | null; version: number; at: string }
  >();
  const perSession = new Map<string, { i: number; data: { statementId: string; counts: Counts } }[]>();
  for (const { r, i } of accepted) {
    const key = `${r.statementId} ${r.participantId}`;
    const value = voteValue[r.vote];
    const c = counts.get(r.statementId)!;
    const before = current.get(key);
    if (before !== undefined) c[countKey[before]!]--;
    c[countKey[value]!]++;
    current.set(key, value);
    const version = versionBase.get(r.sessionId)! + 1;
    versionBase.set(r.sessionId, version);
    // The last vote of a person on a statement is the row (its version is that vote's).
    rows.set(key, {
      statement_id: r.statementId,
      participant_id: r.participantId,
      session_id: r.sessionId,
      vote: value,
      venue_id: venueOf.get(r.participantId) ?? null,
      version,
      at: now,
    });
    const list = perSession.get(r.sessionId) ?? [];
    list.push({ i, data: { statementId: r.statementId, counts: { ...c } } });
    perSession.set(r.sessionId, list);
  }
  const all = [...rows.values()];
  for (let k = 0; k < all.length; k += CHUNK) {
    await trx
      .insertInto('live_vote')
      .values(all.slice(k, k + CHUNK))
      .onConflict((oc) =>
        oc.columns(['statement_id', 'participant_id']).doUpdateSet((eb) => ({
          vote: eb.ref('excluded.vote'),
          venue_id: eb.ref('excluded.venue_id'),
          version: eb.ref('excluded.version'),
          at: eb.ref('excluded.at'),
        })),
      )
      .execute();
  }
  await auditMany(
    trx,
    accepted.map(({ r }) => ({
      source: r.source,
      entry: {
        entity: 'live_vote',
        entityId: r.statementId,
        action: 'vote',
        after: { participantId: r.participantId, vote: r.vote, venueId: venueOf.get(r.participantId) ?? null },
      },
    })),
  );
  for (const [sid, list] of perSession) {
    const events = await emitMany(
      sid,
      list.map((x) => ({ type: 'vote.counts', data: x.data })),
    );
    list.forEach((x, k) => {
      results[x.i] = { statementId: x.data.statementId, vote: reqs[x.i]!.vote, counts: x.data.counts, seq: events[k]!.seq };
    });
  }
  return results as (VoteResult | Error)[];
}
