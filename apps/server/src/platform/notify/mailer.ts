import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.ts';
import { now, nowIso } from '../clock.ts';
import type { Db } from '../db/index.ts';

/** A send is tried this many times in all, then the row is marked failed. */
export const MAX_ATTEMPTS = 5;

/** Wait before the next try after `attempts` failures: 1, 2, 4, 8 minutes. */
export const backoffMs = (attempts: number): number => 60_000 * 2 ** Math.max(0, attempts - 1);

/**
 * How long a claimed row belongs to the process that claimed it. Longer than the SMTP timeouts
 * below, so a live sender always finishes first; a process killed mid-send leaves the row to be
 * claimed again after it (at least once: the rare row sent just before the kill is sent twice).
 */
const LEASE_MS = 5 * 60_000;

export interface MailDeps {
  config: Pick<Config, 'SMTP_URL' | 'SMTP_FROM' | 'PUBLIC_URL'>;
  db: Db;
}

export interface DeliveryReport {
  sent: number;
  /** Failed this time, to be tried again after the backoff. */
  retrying: number;
  /** Failed for the last time. */
  failed: number;
  /** Email is off (no SMTP_URL): pending rows marked skipped. */
  skipped: number;
}

/**
 * Connection settings added to SMTP_URL unless it sets them itself (nodemailer reads options from
 * the URL's query, e.g. `?tls.rejectUnauthorized=false`): one run sends a batch over a pooled
 * connection, and a silent server cannot hold a run for longer than the claim lease.
 */
const smtpDefaults: Record<string, string> = {
  pool: 'true',
  maxConnections: '2',
  connectionTimeout: '15000',
  greetingTimeout: '15000',
  socketTimeout: '60000',
};

/** SMTP_URL with the connection defaults it does not override. */
export function smtpUrlWithDefaults(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  for (const [k, v] of Object.entries(smtpDefaults)) if (!url.searchParams.has(k)) url.searchParams.set(k, v);
  return url.toString();
}

/** An SMTP transport for SMTP_URL (`smtp://user:pass@host:587`, `smtps://…`), or null when email is off. */
export function createMailTransport(config: Pick<Config, 'SMTP_URL'>): Transporter | null {
  if (!config.SMTP_URL) return null;
  return nodemailer.createTransport(smtpUrlWithDefaults(config.SMTP_URL));
}

const later = (ms: number) => new Date(now().getTime() + ms).toISOString();

/** The text of an email: the notification's body, then the full address of its link. */
export function emailText(body: string, link: string | null, publicUrl: string): string {
  if (!link) return body;
  const url = /^https?:\/\//.test(link) ? link : new URL(link, publicUrl).toString();
  return `${body}\n\n${url}`;
}

/**
 * Sends the outbox rows that are due. Each row is claimed with a conditional UPDATE (`… where
 * id = ? and status = 'pending'`) that only one caller can win on either database, so two
 * processes, or two runs in one process, never send a row twice. A failed send is tried again
 * after `backoffMs`, up to MAX_ATTEMPTS in all, then marked failed with the last error.
 * With email off, pending rows are marked skipped (the inbox rows are unaffected).
 */
export async function deliverPendingEmails(
  deps: MailDeps,
  opts: { limit?: number; transport?: Transporter } = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  const { db, config } = deps;
  if (!config.SMTP_URL && !opts.transport) {
    const r = await db
      .updateTable('email_outbox')
      .set({ status: 'skipped', updated_at: nowIso() })
      .where('status', '=', 'pending')
      .executeTakeFirst();
    report.skipped = Number(r.numUpdatedRows);
    return report;
  }

  const t = nowIso();
  // A row whose sender died mid-send after its last allowed attempt will not be tried again.
  const abandoned = await db
    .updateTable('email_outbox')
    .set({ status: 'failed', claimed_until: null, updated_at: t, last_error: 'the sending process stopped during the last attempt' })
    .where('status', '=', 'sending')
    .where('claimed_until', '<', t)
    .where('attempts', '>=', MAX_ATTEMPTS)
    .executeTakeFirst();
  report.failed += Number(abandoned.numUpdatedRows);

  const due = await db
    .selectFrom('email_outbox')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', t)]),
        eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', t)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(opts.limit ?? 100)
    .execute();
  if (!due.length) return report;

  const transport = opts.transport ?? createMailTransport(config)!;
  try {
    for (const { id } of due) {
      const claimedAt = nowIso();
      const claim = await db
        .updateTable('email_outbox')
        .set((eb) => ({ status: 'sending', claimed_until: later(LEASE_MS), attempts: eb('attempts', '+', 1), updated_at: claimedAt }))
        .where('id', '=', id)
        .where('attempts', '<', MAX_ATTEMPTS)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', claimedAt)]),
            eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', claimedAt)]),
          ]),
        )
        .executeTakeFirst();
      if (Number(claim.numUpdatedRows) !== 1) continue; // another sender has it
      const row = await db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      try {
        await transport.sendMail({
          from: config.SMTP_FROM,
          to: row.to_address,
          subject: row.subject,
          text: emailText(row.body_text, row.link, config.PUBLIC_URL),
        });
        await db
          .updateTable('email_outbox')
          .set({ status: 'sent', sent_at: nowIso(), claimed_until: null, last_error: null, updated_at: nowIso() })
          .where('id', '=', id)
          .where('status', '=', 'sending')
          .execute();
        report.sent++;
      } catch (err) {
        const last = row.attempts >= MAX_ATTEMPTS;
        await db
          .updateTable('email_outbox')
          .set({
            status: last ? 'failed' : 'pending',
            next_attempt_at: last ? row.next_attempt_at : later(backoffMs(row.attempts)),
            claimed_until: null,
            last_error: String((err as Error)?.message ?? err).slice(0, 1000),
            updated_at: nowIso(),
          })
          .where('id', '=', id)
          .where('status', '=', 'sending')
          .execute();
        if (last) report.failed++;
        else report.retrying++;
      }
    }
  } finally {
    if (!opts.transport) transport.close();
  }
  return report;
}
