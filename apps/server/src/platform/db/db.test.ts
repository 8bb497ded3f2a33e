import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectUnderTest } from '../../test/harness.ts';
import { openDb, type DbHandle } from './index.ts';

/*
 * The connection itself, on the database under test: a connection the server ends while it is
 * idle (PostgreSQL restarting, a failover, `drop database … with (force)`) must not end the
 * process, and the next query must get a new connection.
 */
describe(`database connection (${dialectUnderTest})`, () => {
  let handle: DbHandle;
  let url: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
    handle = openDb(url);
  });

  afterAll(async () => {
    await handle.close();
    await drop();
  });

  it('answers a query', async () => {
    const r = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
    expect(r.rows[0]!.one).toBe(1);
  });

  // PostgreSQL only (SQLite has no server to end a connection); defined, not skipped, per dialect.
  if (dialectUnderTest === 'postgres')
    it('survives the server ending an idle connection, and reconnects', async () => {
      const warnings: string[] = [];
      const onWarning = (w: Error) => warnings.push(w.message);
      process.on('warning', onWarning);
      try {
        await sql`select 1`.execute(handle.db);
        const name = new URL(url).pathname.slice(1);
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        const ended = await admin.query(
          'select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [name],
        );
        await admin.end();
        expect(ended.rowCount).toBeGreaterThan(0);
        // The pool notices the lost connection asynchronously.
        for (let i = 0; i < 50 && !warnings.length; i++) await new Promise((r) => setTimeout(r, 20));
        expect(warnings.join('\n')).toContain('PostgreSQL connection lost while idle');
        const r = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
        expect(r.rows[0]!.one).toBe(1);
      } finally {
        process.off('warning', onWarning);
      }
    });
});

/*
 * SQLite's durability: the driver, not SQLite's synchronous=FULL, makes a commit durable (an
 * fdatasync of the WAL off the event loop). A commit or a write outside a transaction returns only
 * after its sync; reads, and statements inside a transaction, do not sync.
 */
describe('SQLite commits are made durable before they return', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-durable-'));
  const file = path.join(dir, 'd.db');
  const log: string[] = [];
  let release: (() => void) | null = null;
  let holdNext = false;
  const handle = openDb(`file:${file}`, {
    sync: () => {
      log.push('sync');
      if (!holdNext) return Promise.resolve();
      holdNext = false;
      return new Promise<void>((r) => (release = r));
    },
  });

  afterAll(async () => {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('syncs after a write outside a transaction, not after a read', async () => {
    await sql`create table t (a integer)`.execute(handle.db);
    log.length = 0;
    await sql`insert into t values (1)`.execute(handle.db);
    expect(log).toEqual(['sync']);
    await sql`select * from t`.execute(handle.db);
    await sql`with x as (select 1) select * from x`.execute(handle.db);
    expect(log).toEqual(['sync']);
    await sql`insert into t values (2) returning a`.execute(handle.db);
    expect(log).toEqual(['sync', 'sync']);
  });

  it('syncs once per transaction, after COMMIT, and returns only when the sync is done', async () => {
    log.length = 0;
    holdNext = true;
    let done = false;
    const tx = handle.db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into t values (3)`.execute(trx);
        await sql`update t set a = a + 10 where a = 3`.execute(trx);
        log.push('in transaction');
      })
      .then(() => (done = true));
    for (let i = 0; i < 20 && !release; i++) await new Promise((r) => setTimeout(r, 5));
    expect(log).toEqual(['in transaction', 'sync']);
    expect(done).toBe(false);
    // Committed (SQLite's own view), not yet acknowledged.
    release!();
    await tx;
    expect(done).toBe(true);
    const rows = await sql<{ a: number }>`select a from t order by a`.execute(handle.db);
    expect(rows.rows.map((r) => r.a)).toEqual([1, 2, 13]);
  });

  it('does not sync a rolled-back transaction', async () => {
    log.length = 0;
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await sql`insert into t values (4)`.execute(trx);
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(log).toEqual([]);
    expect((await sql<{ n: number }>`select count(*) as n from t`.execute(handle.db)).rows[0]!.n).toBe(3);
  });

  it('really fdatasyncs the WAL file by default', async () => {
    const real = openDb(`file:${path.join(dir, 'real.db')}`);
    try {
      await sql`create table u (a integer)`.execute(real.db);
      await real.db.transaction().execute((trx) => sql`insert into u values (1)`.execute(trx));
      expect(fs.existsSync(path.join(dir, 'real.db-wal'))).toBe(true);
      const r = await sql<{ synchronous: number }>`pragma synchronous`.execute(real.db);
      expect(r.rows[0]!.synchronous).toBe(1); // NORMAL: the driver syncs
    } finally {
      await real.close();
    }
  });
});
