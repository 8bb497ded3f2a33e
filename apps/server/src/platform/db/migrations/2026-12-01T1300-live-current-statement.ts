import type { Kysely } from 'kysely';

/*
 * Frozen. The statement a live session's convener has put before the room (the projector shows
 * it, phones are offered it first), and an index for the job that closes online sessions at
 * their closing time.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('live_session').addColumn('current_statement_id', 'text').execute();
  await db.schema.createIndex('live_session_open_closes').on('live_session').columns(['state', 'closes_at']).execute();
}
