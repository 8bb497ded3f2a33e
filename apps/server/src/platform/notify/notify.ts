import { nowIso } from '../clock.ts';
import type { Executor } from '../db/index.ts';
import { newId } from '../ids.ts';

/** What to tell whom. `link` is a path inside the web app; emails turn it into a full address. */
export interface NotifyInput {
  accountIds: readonly string[];
  /** A stable name for the event (`topic.accepted`, `deliberation.reminder`): the UI may pick an icon by it. */
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  /** Also send an email to each recipient who has an address (default: inbox only). */
  email?: boolean;
}

export interface NotifyResult {
  notificationIds: string[];
  /** Emails queued in the outbox (recipients with an address). */
  emailsQueued: number;
}

/**
 * Tells people about a change, inside the caller's transaction: one inbox row per recipient and,
 * when email is wanted, one outbox row per recipient with an address. The rows commit with the
 * change or not at all, so a notification is never lost and never sent for a rolled-back change;
 * the outbox is sent later by `deliverPendingEmails`.
 */
export async function notify(trx: Executor, input: NotifyInput): Promise<NotifyResult> {
  const accountIds = [...new Set(input.accountIds)];
  if (!accountIds.length) return { notificationIds: [], emailsQueued: 0 };
  const t = nowIso();
  const link = input.link ?? null;
  const rows = accountIds.map((accountId) => ({
    id: newId(),
    account_id: accountId,
    kind: input.kind,
    title: input.title,
    body: input.body,
    link,
    read_at: null,
    created_at: t,
  }));
  for (const part of chunks(rows)) await trx.insertInto('notification').values(part).execute();
  let emailsQueued = 0;
  if (input.email) {
    const recipients = [];
    for (const ids of chunks(accountIds)) {
      recipients.push(
        ...(await trx
          .selectFrom('account')
          .select(['id', 'email'])
          .where('id', 'in', ids)
          .where('email', 'is not', null)
          .where('status', '=', 'active')
          .execute()),
      );
    }
    const byAccount = new Map(rows.map((r) => [r.account_id, r.id]));
    const outbox = recipients
      .filter((r) => r.email && r.email.trim())
      .map((r) => ({
        id: newId(),
        notification_id: byAccount.get(r.id) ?? null,
        to_address: r.email!.trim(),
        subject: input.title,
        body_text: input.body,
        link,
        status: 'pending',
        attempts: 0,
        last_error: null,
        next_attempt_at: t,
        claimed_until: null,
        sent_at: null,
        created_at: t,
        updated_at: t,
      }));
    for (const part of chunks(outbox)) await trx.insertInto('email_outbox').values(part).execute();
    emailsQueued = outbox.length;
  }
  return { notificationIds: rows.map((r) => r.id), emailsQueued };
}

/**
 * Splits a list so that one statement stays well under the bound-parameter limits (SQLite 32766,
 * PostgreSQL 65535) when a notice goes to a whole body: 14 columns × 500 rows = 7000.
 */
function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
