import { now } from '../clock.ts';
import type { Actor } from './actor.ts';

/*
 * A short-lived, per-process cache of who is behind a session cookie: most requests then need no
 * session query. Anything that changes a session or a role clears it (`actorCache.clear()`), so
 * the change is immediate in this process; other processes see it within SESSION_CACHE_SECONDS.
 * Keys are the cookie tokens; entries expire by the (movable) platform clock.
 */
class ActorCache {
  private entries = new Map<string, { actor: Actor | null; until: number }>();

  /** The cached actor (null: known to be no session), or undefined when not cached. */
  get(token: string): Actor | null | undefined {
    const e = this.entries.get(token);
    if (!e) return undefined;
    if (e.until <= now().getTime()) {
      this.entries.delete(token);
      return undefined;
    }
    return e.actor;
  }

  set(token: string, actor: Actor | null, ttlMs: number): void {
    if (ttlMs <= 0) return;
    if (this.entries.size >= 10_000) this.entries.clear();
    this.entries.set(token, { actor, until: now().getTime() + ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}

export const actorCache = new ActorCache();
