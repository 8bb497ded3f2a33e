import type { Executor } from '../../platform/db/index.ts';
import type { NotificationRow } from '../../platform/db/schema.ts';

/** One notification by id, or undefined. */
export function findNotification(db: Executor, id: string): Promise<NotificationRow | undefined> {
  return db.selectFrom('notification').selectAll().where('id', '=', id).executeTakeFirst();
}

function inbox(db: Executor, accountId: string, unreadOnly: boolean) {
  let q = db.selectFrom('notification').where('account_id', '=', accountId);
  if (unreadOnly) q = q.where('read_at', 'is', null);
  return q;
}

/** A page of an account's inbox, newest first (created_at then id, descending), after the keyset cursor. */
export async function listInbox(
  db: Executor,
  accountId: string,
  unreadOnly: boolean,
  after: { sortKey: string; id: string } | null,
  limit: number,
): Promise<{ rows: NotificationRow[]; total: number }> {
  let q = inbox(db, accountId, unreadOnly).selectAll();
  if (after) {
    q = q.where((eb) =>
      eb.or([eb('created_at', '<', after.sortKey), eb.and([eb('created_at', '=', after.sortKey), eb('id', '<', after.id)])]),
    );
  }
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const { total } = await inbox(db, accountId, unreadOnly)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

/** How many of an account's notifications are unread. */
export async function countUnread(db: Executor, accountId: string): Promise<number> {
  const { n } = await inbox(db, accountId, true)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Marks one notification read (once: the first reading time is kept). */
export async function markRead(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('notification').set({ read_at: at }).where('id', '=', id).where('read_at', 'is', null).execute();
}

/** Marks every unread notification of an account read; returns how many. */
export async function markAllRead(db: Executor, accountId: string, at: string): Promise<number> {
  const r = await db
    .updateTable('notification')
    .set({ read_at: at })
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
