import { TtlCache } from '../cache.ts';
import type { Actor } from './actor.ts';

/*
 * A short-lived, per-process cache of who is behind a session cookie (null: known to be no
 * session): most requests then need no session query. Anything that changes a session or a role
 * clears it (`actorCache.clear()`), so the change is immediate in this process; other processes see
 * it within SESSION_CACHE_SECONDS (the time each entry is set for). Keys are the cookie tokens.
 */
export const actorCache = new TtlCache<string, Actor | null>(0, 10_000);
