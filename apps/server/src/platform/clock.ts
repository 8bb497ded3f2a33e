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
