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
