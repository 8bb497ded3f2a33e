import { Redis } from 'ioredis';
import { memoryBus, redisBus, type EventBus } from './bus.ts';

/** A lock held for a while by one process: `acquire` answers a token, or null when someone holds it. */
export interface Locks {
  acquire(key: string, ttlMs: number): Promise<string | null>;
  release(key: string, token: string): Promise<void>;
}

/** Counts hits per key in fixed windows; `hit` answers false once the key is over its limit. */
export interface RateLimiter {
  hit(key: string, limit: number, windowMs: number): Promise<boolean>;
}

/** What processes share to work together: the event bus, locks and rate limits. */
export interface Coordination {
  bus: EventBus;
  locks: Locks;
  limiter: RateLimiter;
  close(): Promise<void>;
}

function memoryLocks(): Locks {
  const held = new Map<string, { token: string; until: number }>();
  return {
    async acquire(key, ttlMs) {
      const h = held.get(key);
      if (h && h.until > Date.now()) return null;
      const token = Math.random().toString(36).slice(2);
      held.set(key, { token, until: Date.now() + ttlMs });
      return token;
    },
    async release(key, token) {
      if (held.get(key)?.token === token) held.delete(key);
    },
  };
}

function memoryLimiter(): RateLimiter {
  const windows = new Map<string, { start: number; n: number }>();
  return {
    async hit(key, limit, windowMs) {
      const t = Date.now();
      let w = windows.get(key);
      if (!w || w.start + windowMs <= t) {
        // Forget expired windows now and then so that the map does not grow without bound.
        if (windows.size > 50_000) for (const [k, v] of windows) if (v.start + windowMs <= t) windows.delete(k);
        windows.set(key, (w = { start: t, n: 0 }));
      }
      w.n++;
      return w.n <= limit;
    },
  };
}

// Release only one's own lock: compare the token and delete in one step (Redis' documented pattern).
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
// INCR and set the window's expiry on the first hit, atomically.
const HIT = "local n = redis.call('incr', KEYS[1]) if n == 1 then redis.call('pexpire', KEYS[1], ARGV[1]) end return n";

/** In-process coordination (one server), or Redis-backed when `redisUrl` is set (any number of servers). */
export function createCoordination(redisUrl: string): Coordination {
  if (!redisUrl) {
    const bus = memoryBus();
    return { bus, locks: memoryLocks(), limiter: memoryLimiter(), close: () => bus.close() };
  }
  const bus = redisBus(redisUrl);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  redis.on('error', () => {});
  return {
    bus,
    locks: {
      async acquire(key, ttlMs) {
        const token = Math.random().toString(36).slice(2);
        const ok = await redis.set(`sl:lock:${key}`, token, 'PX', ttlMs, 'NX');
        return ok === 'OK' ? token : null;
      },
      async release(key, token) {
        await redis.eval(RELEASE, 1, `sl:lock:${key}`, token);
      },
    },
    limiter: {
      async hit(key, limit, windowMs) {
        const n = Number(await redis.eval(HIT, 1, `sl:rate:${key}`, String(windowMs)));
        return n <= limit;
      },
    },
    close: async () => {
      await bus.close();
      redis.disconnect();
    },
  };
}
