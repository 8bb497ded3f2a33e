import type { Config } from '../config.ts';
import type { DbHandle, Db } from './db/index.ts';
import type { EventBus, Locks, RateLimiter, StreamHub } from './events/index.ts';

/** What every service needs, built once at start and passed down (no module-level singletons). */
export interface Deps {
  config: Config;
  db: Db;
  dbHandle: DbHandle;
  /** Events between processes: in-process, or Redis pub/sub when REDIS_URL is set. */
  bus: EventBus;
  /** Locks and rate limits shared by every process (in-process without Redis). */
  locks: Locks;
  limiter: RateLimiter;
  /** This process's fan-out of durable event streams to its WebSocket clients. */
  hub: StreamHub;
}
