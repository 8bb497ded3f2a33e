import { now } from '../clock.ts';
import type { Executor } from '../db/index.ts';

/*
 * Login throttling, kept in the database so that every server process sees the same counts.
 * Keys are the login as typed (whether or not such an account exists, so that a lock does not
 * reveal accounts) and the client address. Limits follow OWASP's advice: a few failures per
 * account, more per address (shared NATs, a room's one Wi-Fi).
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  perLogin: 5,
  perAddress: 30,
};

/** Returns the time a key is locked until, or null when it may try. */
export async function lockedUntil(db: Executor, keys: string[]): Promise<Date | null> {
  const t = now().toISOString();
  const rows = await db.selectFrom('login_throttle').select(['locked_until']).where('key', 'in', keys).execute();
  const until = rows
    .map((r) => r.locked_until)
    .filter((u): u is string => !!u && u > t)
    .sort()
    .at(-1);
  return until ? new Date(until) : null;
}

/** Counts a failed attempt against each key; locks a key that reaches its limit. */
export async function recordFailure(db: Executor, keys: { key: string; limit: number }[]): Promise<void> {
  const t = now();
  for (const { key, limit } of keys) {
    const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
    const windowOpen = row && new Date(row.window_started_at).getTime() + THROTTLE.windowMs > t.getTime();
    const failures = windowOpen ? row.failures + 1 : 1;
    const locked = failures >= limit ? new Date(t.getTime() + THROTTLE.lockMs).toISOString() : null;
    const values = {
      failures,
      window_started_at: windowOpen ? row.window_started_at : t.toISOString(),
      locked_until: locked,
    };
    if (row) await db.updateTable('login_throttle').set(values).where('key', '=', key).execute();
    else
      await db
        .insertInto('login_throttle')
        .values({ key, ...values })
        .execute();
  }
}

/** Clears the per-login count after a success. */
export async function clearFailures(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
