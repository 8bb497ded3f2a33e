import type { Kysely } from 'kysely';

/* Frozen. The meeting's agenda as timed items (JSON text), beside the free-text notes. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('deliberation').addColumn('agenda_items_json', 'text').execute();
}
