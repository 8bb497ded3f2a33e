import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** A database handle or an open transaction: repository functions take either (Kysely example). */
export type Executor = Db | Trx;
export type DialectName = 'sqlite' | 'postgres';

export interface DbHandle {
  db: Db;
  dialect: DialectName;
  /** SQLite: the file path (or :memory:); PostgreSQL: the connection URL. */
  location: string;
  close(): Promise<void>;
}

// PostgreSQL returns bigint (count(*)) as text; counts here fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export interface OpenOptions {
  /**
   * SQLite: makes the commits so far durable (default: an fdatasync of the WAL file off the event
   * loop, see `DurableSqliteDialect`); tests replace it to watch when it runs.
   */
  sync?: () => Promise<void>;
}

/** Opens the database named by a URL: `file:<path>` / `:memory:` (SQLite) or `postgres://…`. */
export function openDb(url: string, opts: OpenOptions = {}): DbHandle {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle connection that the server ends (a restart, a failover, `drop database … with
    // (force)`) makes the pool emit 'error'; without a listener that would end the process. The
    // pool drops that connection and opens a new one on the next query, so it is only reported.
    pool.on('error', (err) => process.emitWarning(`PostgreSQL connection lost while idle: ${err.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', location: url, close: () => db.destroy() };
  }
  const file = url === ':memory:' ? ':memory:' : url.replace(/^file:/, '');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers proceed during a write. An acknowledged commit must survive a killed process
  // and a power cut: SQLite's synchronous=FULL would fsync the WAL inside COMMIT, blocking the event
  // loop for the whole fsync (~4 ms on this project's VM, far more when the disk is busy; 12 % of
  // the live benchmark's main thread). So SQLite runs with NORMAL (no fsync at commit; it still
  // syncs around checkpoints, as FULL does) and the driver fdatasyncs the WAL file itself, in
  // libuv's thread pool, before a commit or a write outside a transaction returns: the same
  // guarantee as FULL, with the loop free meanwhile.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(file === ':memory:' ? 'synchronous = OFF' : 'synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const sync = opts.sync ?? (file === ':memory:' ? async () => {} : walSync(`${file}-wal`));
  const db = new Kysely<Database>({ dialect: new DurableSqliteDialect({ database: withStatementCache(sqlite) }, sync) });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

/** fdatasync of a WAL file, from a handle opened on first use (the file exists once SQLite has written). */
function walSync(walPath: string): () => Promise<void> {
  let handle: Promise<fs.promises.FileHandle> | null = null;
  return async () => {
    handle ??= fs.promises.open(walPath, 'r');
    try {
      await (await handle).datasync();
    } catch (err) {
      handle = null;
      throw err;
    }
  };
}

/** A write statement (insert/update/delete, with or without returning; DDL, pragmas that set). */
const isRead = (q: CompiledQuery) =>
  /^\s*(select|with\b(?![\s\S]*\b(insert|update|delete)\b))/i.test(q.sql) && !/\breturning\b/i.test(q.sql);

/**
 * Kysely's SQLite dialect, with commits made durable by `sync` before they return: after COMMIT,
 * and after a write outside a transaction. SQLite has one connection, which stays held until the
 * sync is done (a reader waits the few milliseconds instead of the whole process).
 */
class DurableSqliteDialect extends SqliteDialect {
  constructor(
    private config: ConstructorParameters<typeof SqliteDialect>[0],
    private sync: () => Promise<void>,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    const sync = this.sync;
    let inTransaction = false;
    return new (class extends SqliteDriver {
      override async acquireConnection(): Promise<DatabaseConnection> {
        const inner = await super.acquireConnection();
        return {
          async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
            const r = await inner.executeQuery<R>(q);
            if (!inTransaction && !isRead(q)) await sync();
            return r;
          },
          streamQuery: <R>(q: CompiledQuery, chunk?: number) => inner.streamQuery<R>(q, chunk),
        };
      }
      override async beginTransaction(c: DatabaseConnection): Promise<void> {
        inTransaction = true; // BEGIN itself writes nothing
        try {
          await super.beginTransaction(c);
        } catch (err) {
          inTransaction = false;
          throw err;
        }
      }
      override async commitTransaction(c: DatabaseConnection): Promise<void> {
        inTransaction = false;
        await super.commitTransaction(c);
      }
      override async rollbackTransaction(c: DatabaseConnection): Promise<void> {
        try {
          await super.rollbackTransaction(c); // nothing to make durable
        } finally {
          inTransaction = false;
        }
      }
    })(this.config);
  }
}

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs more than running a small
 * query. Statements are cached by their SQL text (Kysely's SQL has parameters, not values, so
 * the set is bounded by the code's queries); a bound keeps a pathological caller in check.
 */
function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop === 'prepare') {
        return (source: string) => {
          let stmt = cache.get(source);
          if (!stmt) {
            if (cache.size >= 2000) cache.clear();
            stmt = prepare(source);
            cache.set(source, stmt);
          }
          return stmt;
        };
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** Which database an executor talks to; the one place dialect branches start from. */
export function dialectOf(db: Executor): DialectName {
  const adapter = db.getExecutor().adapter.constructor.name;
  return adapter.startsWith('Postgres') ? 'postgres' : 'sqlite';
}

/**
 * Case-insensitive substring match. PostgreSQL: ILIKE. SQLite: LIKE is already case-insensitive
 * for ASCII. `%` and `_` in the user's text are escaped so they match themselves.
 */
export function containsText(db: Executor, column: string, q: string) {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return dialectOf(db) === 'postgres'
    ? sql<boolean>`${sql.ref(column)} ilike ${pattern} escape '\\'`
    : sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}

/** True when an error from either driver is a unique-constraint violation. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** True when an error from either driver is a foreign-key violation. */
export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as { code?: string };
  return e?.code === '23503' || e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

export const bool = (v: number | boolean | null | undefined): boolean => v === 1 || v === true;
export const int = (v: boolean): number => (v ? 1 : 0);
