import type { Kysely } from 'kysely';

/* Frozen. The code a meeting's sign-in QR carries, so that only people in the room sign in. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('deliberation').addColumn('sign_in_code', 'text').execute();
}
