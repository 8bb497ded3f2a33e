/**
 * The time, behind one function so that tests can move it (reminders, deadlines, sessions).
 * Production never sets an offset.
 */
let offsetMs = 0;

/** The current time, moved by the test offset if one is set. */
export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** The current time as stored: ISO-8601 UTC text. */
export const nowIso = (): string => now().toISOString();

/** Tests only: move the clock forward (or back) by a number of milliseconds. */
export function moveClock(ms: number): void {
  offsetMs += ms;
}

/** Tests only: put the clock back. */
export function resetClock(): void {
  offsetMs = 0;
}

/**
 * A moment in China Standard Time (UTC+8, no daylight saving) as `YYYY-MM-DD HH:MM`: deadlines,
 * months and meeting times are calendar values where the work is done, whatever the server's zone.
 */
export function chinaTime(at: Date | string | number = now()): string {
  const ms = typeof at === 'string' ? Date.parse(at) : typeof at === 'number' ? at : at.getTime();
  return new Date(ms + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 16);
}

/** The calendar day in China Standard Time, `YYYY-MM-DD`. */
export const chinaDate = (at: Date | string | number = now()): string => chinaTime(at).slice(0, 10);
