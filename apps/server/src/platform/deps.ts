import type { Config } from '../config.ts';
import type { DbHandle, Db } from './db/index.ts';

/** What every service needs, built once at start and passed down (no module-level singletons). */
export interface Deps {
  config: Config;
  db: Db;
  dbHandle: DbHandle;
}
