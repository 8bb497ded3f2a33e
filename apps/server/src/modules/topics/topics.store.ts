import { containsText, type Executor } from '../../platform/db/index.ts';
import type { TopicRow } from '../../platform/db/schema.ts';

export type TopicView = TopicRow & { room_name: string; room_path: string; proposer_name: string };

function base(db: Executor) {
  return db
    .selectFrom('topic')
    .innerJoin('org_node as room', 'room.id', 'topic.room_id')
    .innerJoin('account as proposer', 'proposer.id', 'topic.proposer_id')
    .selectAll('topic')
    .select(['room.name as room_name', 'room.path as room_path', 'proposer.display_name as proposer_name']);
}

/** One topic with its room and proposer's name. */
export function findTopic(db: Executor, id: string): Promise<TopicView | undefined> {
  return base(db).where('topic.id', '=', id).executeTakeFirst();
}

export interface TopicFilter {
  roomId?: string;
  state?: string;
  category?: string;
  q?: string;
  /** Only topics of rooms under this path. */
  underPath?: string;
  /** Hide these states (public pages do not list withdrawn topics). */
  hideStates?: string[];
}

function filtered(db: Executor, f: TopicFilter) {
  return db
    .selectFrom('topic')
    .innerJoin('org_node as room', 'room.id', 'topic.room_id')
    .$if(!!f.roomId, (q) => q.where('topic.room_id', '=', f.roomId!))
    .$if(!!f.state, (q) => q.where('topic.state', '=', f.state!))
    .$if(!!f.category, (q) => q.where('topic.category', '=', f.category!))
    .$if(!!f.q, (q) => q.where((eb) => eb.or([containsText(db, 'topic.title', f.q!), containsText(db, 'topic.description', f.q!)])))
    .$if(!!f.underPath, (q) => q.where('room.path', 'like', `${f.underPath}%`))
    .$if(!!f.hideStates?.length, (q) => q.where('topic.state', 'not in', f.hideStates!));
}

/** A page of topics, newest first. */
export async function listTopics(db: Executor, f: TopicFilter, before: { sortKey: string; id: string } | null, limit: number) {
  const ids = await filtered(db, f)
    .select(['topic.id', 'topic.created_at'])
    .$if(!!before, (q) =>
      q.where((eb) =>
        eb.or([
          eb('topic.created_at', '<', before!.sortKey),
          eb.and([eb('topic.created_at', '=', before!.sortKey), eb('topic.id', '<', before!.id)]),
        ]),
      ),
    )
    .orderBy('topic.created_at', 'desc')
    .orderBy('topic.id', 'desc')
    .limit(limit + 1)
    .execute();
  const rows = ids.length
    ? await base(db)
        .where(
          'topic.id',
          'in',
          ids.map((r) => r.id),
        )
        .execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const { total } = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows: ids.map((r) => byId.get(r.id)!), total: Number(total) };
}

/** Inserts a topic. */
export async function insertTopic(db: Executor, row: TopicRow): Promise<void> {
  await db.insertInto('topic').values(row).execute();
}

/** Updates a topic. */
export async function updateTopic(db: Executor, id: string, values: Partial<TopicRow>): Promise<void> {
  await db.updateTable('topic').set(values).where('id', '=', id).execute();
}

/** The topics among these that the account supports. */
export async function supportedBy(db: Executor, accountId: string, topicIds: string[]): Promise<Set<string>> {
  if (!topicIds.length) return new Set();
  const rows = await db
    .selectFrom('topic_support')
    .select('topic_id')
    .where('account_id', '=', accountId)
    .where('topic_id', 'in', topicIds)
    .execute();
  return new Set(rows.map((r) => r.topic_id));
}

/** Adds a support; false when the account already supports the topic. */
export async function addSupport(db: Executor, topicId: string, accountId: string, at: string): Promise<boolean> {
  const exists = await db
    .selectFrom('topic_support')
    .select('topic_id')
    .where('topic_id', '=', topicId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (exists) return false;
  await db.insertInto('topic_support').values({ topic_id: topicId, account_id: accountId, created_at: at }).execute();
  await db
    .updateTable('topic')
    .set((eb) => ({ support_count: eb('support_count', '+', 1) }))
    .where('id', '=', topicId)
    .execute();
  return true;
}

/** Removes a support; false when there was none. */
export async function removeSupport(db: Executor, topicId: string, accountId: string): Promise<boolean> {
  const r = await db.deleteFrom('topic_support').where('topic_id', '=', topicId).where('account_id', '=', accountId).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) return false;
  await db
    .updateTable('topic')
    .set((eb) => ({ support_count: eb('support_count', '-', 1) }))
    .where('id', '=', topicId)
    .execute();
  return true;
}

/** Adds a comment and counts it. */
export async function addComment(
  db: Executor,
  row: { id: string; topic_id: string; account_id: string; body: string; created_at: string },
) {
  await db.insertInto('topic_comment').values(row).execute();
  await db
    .updateTable('topic')
    .set((eb) => ({ comment_count: eb('comment_count', '+', 1) }))
    .where('id', '=', row.topic_id)
    .execute();
}

/** A topic's comments, oldest first, with authors' names. */
export function listComments(db: Executor, topicId: string, limit: number, afterId: string | null) {
  return db
    .selectFrom('topic_comment')
    .innerJoin('account', 'account.id', 'topic_comment.account_id')
    .select(['topic_comment.id', 'topic_comment.topic_id', 'topic_comment.body', 'topic_comment.created_at', 'account.display_name'])
    .where('topic_comment.topic_id', '=', topicId)
    .$if(!!afterId, (q) => q.where('topic_comment.id', '>', afterId!))
    .orderBy('topic_comment.id')
    .limit(limit + 1)
    .execute();
}

/** A room's open and selected topics for its public page, newest first. */
export function publicTopicRows(db: Executor, roomId: string, limit: number) {
  return base(db)
    .where('topic.room_id', '=', roomId)
    .where('topic.state', 'in', ['proposed', 'accepted', 'awaitingApproval', 'selected'])
    .orderBy('topic.created_at', 'desc')
    .limit(limit)
    .execute();
}
