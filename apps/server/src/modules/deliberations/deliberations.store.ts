import type { Executor } from '../../platform/db/index.ts';
import type { DeliberationRow, ParticipantRow } from '../../platform/db/schema.ts';
import type { ParticipantCounts } from './deliberations.policy.ts';

export type DeliberationView = DeliberationRow & { room_name: string; room_path: string };

function base(db: Executor) {
  return db
    .selectFrom('deliberation')
    .innerJoin('org_node as room', 'room.id', 'deliberation.room_id')
    .selectAll('deliberation')
    .select(['room.name as room_name', 'room.path as room_path']);
}

/** One deliberation with its room. */
export function findDeliberation(db: Executor, id: string): Promise<DeliberationView | undefined> {
  return base(db).where('deliberation.id', '=', id).executeTakeFirst();
}

/** The deliberation of a topic, if one was created. */
export function findByTopic(db: Executor, topicId: string) {
  return db.selectFrom('deliberation').select('id').where('topic_id', '=', topicId).executeTakeFirst();
}

/** A page of deliberations, newest first. */
export async function listDeliberations(
  db: Executor,
  f: { roomId?: string; state?: string },
  before: { sortKey: string; id: string } | null,
  limit: number,
) {
  const filtered = () =>
    db
      .selectFrom('deliberation')
      .$if(!!f.roomId, (q) => q.where('deliberation.room_id', '=', f.roomId!))
      .$if(!!f.state, (q) => q.where('deliberation.state', '=', f.state!));
  const rows = await base(db)
    .$if(!!f.roomId, (q) => q.where('deliberation.room_id', '=', f.roomId!))
    .$if(!!f.state, (q) => q.where('deliberation.state', '=', f.state!))
    .$if(!!before, (q) =>
      q.where((eb) =>
        eb.or([
          eb('deliberation.created_at', '<', before!.sortKey),
          eb.and([eb('deliberation.created_at', '=', before!.sortKey), eb('deliberation.id', '<', before!.id)]),
        ]),
      ),
    )
    .orderBy('deliberation.created_at', 'desc')
    .orderBy('deliberation.id', 'desc')
    .limit(limit + 1)
    .execute();
  const { total } = await filtered()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

/** Inserts a deliberation. */
export async function insertDeliberation(db: Executor, row: DeliberationRow): Promise<void> {
  await db.insertInto('deliberation').values(row).execute();
}

/** Updates a deliberation. */
export async function updateDeliberation(db: Executor, id: string, values: Partial<DeliberationRow>): Promise<void> {
  await db.updateTable('deliberation').set(values).where('id', '=', id).execute();
}

/** Participants who count (not declined), by category. */
export async function countParticipants(db: Executor, deliberationId: string): Promise<ParticipantCounts> {
  const rows = await db
    .selectFrom('participant')
    .select(['category', (eb) => eb.fn.countAll<number>().as('n')])
    .where('deliberation_id', '=', deliberationId)
    .where('answer', '!=', 'declined')
    .groupBy('category')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.category, Number(r.n)]));
}

/** The ids of every deliberation in a state (for jobs that act on a state, e.g. ending rating windows). */
export async function deliberationsInState(db: Executor, state: string) {
  return db.selectFrom('deliberation').select('id').where('state', '=', state).execute();
}

/**
 * What the lifecycle preconditions of several deliberations read, in a fixed number of queries
 * whatever their number (a list page used to cost nine queries a row): participants by category,
 * open research tasks, recorded interactions, the topic's state, and the outcome's counts.
 */
export async function figuresOf(db: Executor, rows: { id: string; topic_id: string }[]) {
  const ids = rows.map((r) => r.id);
  const topicIds = [...new Set(rows.map((r) => r.topic_id))];
  if (!ids.length) return new Map<string, Figures>();
  const [participants, tasks, interactions, topics, recommendations, responsibilities] = await Promise.all([
    db
      .selectFrom('participant')
      .select(['deliberation_id', 'category', (eb) => eb.fn.countAll<number>().as('n')])
      .where('deliberation_id', 'in', ids)
      .where('answer', '!=', 'declined')
      .groupBy(['deliberation_id', 'category'])
      .execute(),
    db
      .selectFrom('research_task')
      .select(['deliberation_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('deliberation_id', 'in', ids)
      .where('done_at', 'is', null)
      .groupBy('deliberation_id')
      .execute(),
    db
      .selectFrom('speech')
      .select(['deliberation_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('deliberation_id', 'in', ids)
      .where('interaction', '=', 1)
      .groupBy('deliberation_id')
      .execute(),
    db.selectFrom('topic').select(['id', 'state']).where('id', 'in', topicIds).execute(),
    db.selectFrom('recommendation').select(['id', 'deliberation_id']).where('deliberation_id', 'in', ids).execute(),
    db.selectFrom('responsibility').select(['deliberation_id', 'recommendation_id', 'state']).where('deliberation_id', 'in', ids).execute(),
  ]);
  const topicState = new Map(topics.map((t) => [t.id, t.state]));
  const out = new Map<string, Figures>(
    rows.map((r) => [
      r.id,
      {
        counts: {},
        openResearchTasks: 0,
        interactions: 0,
        topicState: topicState.get(r.topic_id) ?? 'unknown',
        recommendationIds: [],
        responsibilities: [],
      },
    ]),
  );
  for (const p of participants) out.get(p.deliberation_id)!.counts[p.category as keyof ParticipantCounts] = Number(p.n);
  for (const t of tasks) out.get(t.deliberation_id)!.openResearchTasks = Number(t.n);
  for (const i of interactions) out.get(i.deliberation_id)!.interactions = Number(i.n);
  for (const r of recommendations) out.get(r.deliberation_id)!.recommendationIds.push(r.id);
  for (const r of responsibilities)
    out.get(r.deliberation_id)!.responsibilities.push({ recommendationId: r.recommendation_id, state: r.state });
  return out;
}
export interface Figures {
  counts: ParticipantCounts;
  openResearchTasks: number;
  interactions: number;
  topicState: string;
  recommendationIds: string[];
  responsibilities: { recommendationId: string; state: string }[];
}

/** The actor's place in each of several deliberations (see `actorParticipation`), in one query. */
export async function actorParticipations(db: Executor, deliberationIds: string[], accountId: string) {
  const rows = deliberationIds.length
    ? await db
        .selectFrom('participant')
        .leftJoin('rating', 'rating.participant_id', 'participant.id')
        .select(['participant.deliberation_id', 'rating.rating'])
        .where('participant.deliberation_id', 'in', deliberationIds)
        .where('participant.account_id', '=', accountId)
        .where('participant.answer', '!=', 'declined')
        .execute()
    : [];
  const mine = new Map(rows.map((r) => [r.deliberation_id, r.rating ?? null]));
  return new Map(deliberationIds.map((id) => [id, { participant: mine.has(id), rating: mine.get(id) ?? null }]));
}

/** The actor's own place in a deliberation: whether they take part (not declined) and their rating. */
export async function actorParticipation(db: Executor, deliberationId: string, accountId: string) {
  const p = await db
    .selectFrom('participant')
    .leftJoin('rating', 'rating.participant_id', 'participant.id')
    .select(['participant.answer', 'rating.rating'])
    .where('participant.deliberation_id', '=', deliberationId)
    .where('participant.account_id', '=', accountId)
    .where('participant.answer', '!=', 'declined')
    .executeTakeFirst();
  return { participant: !!p, rating: p?.rating ?? null };
}

/** A deliberation's participants, in invitation order. */
export function listParticipants(db: Executor, deliberationId: string): Promise<ParticipantRow[]> {
  return db
    .selectFrom('participant')
    .selectAll()
    .where('deliberation_id', '=', deliberationId)
    .orderBy('invited_at')
    .orderBy('id')
    .execute();
}

/** One participant of a deliberation. */
export function findParticipant(db: Executor, deliberationId: string, id: string): Promise<ParticipantRow | undefined> {
  return db.selectFrom('participant').selectAll().where('deliberation_id', '=', deliberationId).where('id', '=', id).executeTakeFirst();
}

/** Inserts a participant. */
export async function insertParticipant(db: Executor, row: ParticipantRow): Promise<void> {
  await db.insertInto('participant').values(row).execute();
}

/** Updates a participant. */
export async function updateParticipant(db: Executor, id: string, values: Partial<ParticipantRow>): Promise<void> {
  await db.updateTable('participant').set(values).where('id', '=', id).execute();
}

/** Research tasks of a deliberation. */
export function listResearchTasks(db: Executor, deliberationId: string) {
  return db
    .selectFrom('research_task')
    .selectAll()
    .where('deliberation_id', '=', deliberationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Speeches recorded at a deliberation's meeting, with speakers. */
export function listSpeeches(db: Executor, deliberationId: string) {
  return db
    .selectFrom('speech')
    .innerJoin('participant', 'participant.id', 'speech.participant_id')
    .selectAll('speech')
    .select(['participant.name as speaker_name', 'participant.category'])
    .where('speech.deliberation_id', '=', deliberationId)
    .orderBy('speech.at')
    .orderBy('speech.id')
    .execute();
}
