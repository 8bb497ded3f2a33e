import { z } from 'zod';
import { id, isoDateTime, pageFields } from './common.ts';

/** One entry in the actor's inbox. `link` is a path inside the web app (`/topics/…`). */
export const notification = z.object({
  id,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  read: z.boolean(),
  readAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type Notification = z.infer<typeof notification>;

export const notificationListQuery = z.strictObject({
  unreadOnly: z.enum(['true', 'false']).optional(),
  ...pageFields,
});

/** A page of the inbox, newest first, with how many are unread in all. */
export const notificationPage = z.object({
  items: z.array(notification),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
  unread: z.number().int(),
});

export const notificationParams = z.strictObject({ id });

export const readAllResult = z.object({ ok: z.literal(true), updated: z.number().int(), unread: z.number().int() });
