import type { Actor } from '../../platform/auth/actor.ts';
import type { NotificationRow } from '../../platform/db/schema.ts';

/*
 * An inbox is private to its account: nobody else reads it or marks it read, whatever their
 * role (staff see what was sent through the audit of the change that caused it).
 */

/** Only the recipient may see or mark a notification. */
export const isRecipient = (actor: Actor, n: Pick<NotificationRow, 'account_id'>): boolean => n.account_id === actor.accountId;
