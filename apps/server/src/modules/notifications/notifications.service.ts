import type { Notification, notificationListQuery } from '@shangliang/contract';
import type { z } from 'zod';
import { nowIso } from '../../platform/clock.ts';
import type { NotificationRow } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { AuthedContext } from '../../platform/http/route.ts';
import { isRecipient } from './notifications.policy.ts';
import * as store from './notifications.store.ts';

/*
 * Reading and marking the inbox are not audited: they change only the reader's own view, and an
 * entry per opened notification would drown the log. What was sent is audited with its cause.
 */

/** A stored notification as the API shows it. */
export function toNotification(r: NotificationRow): Notification {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    read: r.read_at !== null,
    readAt: r.read_at,
    createdAt: r.created_at,
  };
}

/** The actor's inbox, newest first, with the number unread. */
export async function listInbox(ctx: AuthedContext, q: z.output<typeof notificationListQuery>) {
  const me = ctx.actor.accountId;
  const [{ rows, total }, unread] = await Promise.all([
    store.listInbox(ctx.db, me, q.unreadOnly === 'true', decodeCursor(q.cursor), q.limit),
    store.countUnread(ctx.db, me),
  ]);
  const p = pageOf(rows, q.limit, (r) => [r.created_at, r.id]);
  return { items: p.items.map(toNotification), nextCursor: p.nextCursor, total, unread };
}

/** Marks one of the actor's notifications read. Someone else's is "not found": ids reveal nothing. */
export async function markRead(ctx: AuthedContext, id: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const n = await store.findNotification(trx, id);
    if (!n || !isRecipient(ctx.actor, n)) throw notFound('notification');
    if (n.read_at) return toNotification(n);
    const at = nowIso();
    await store.markRead(trx, id, at);
    return toNotification({ ...n, read_at: at });
  });
}

/** Marks all of the actor's notifications read. */
export async function markAllRead(ctx: AuthedContext) {
  const updated = await store.markAllRead(ctx.db, ctx.actor.accountId, nowIso());
  return { ok: true as const, updated, unread: await store.countUnread(ctx.db, ctx.actor.accountId) };
}
