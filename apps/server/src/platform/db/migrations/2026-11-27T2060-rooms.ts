import type { Kysely } from 'kysely';

/* Frozen. A room's profile and rules. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('room_profile')
    .addColumn('room_id', 'text', (c) => c.primaryKey().references('org_node.id'))
    .addColumn('opening_hours', 'text')
    .addColumn('first_convener', 'text')
    .addColumn('executive_convener', 'text')
    .addColumn('participation_scope', 'text')
    .addColumn('discussion_principles', 'text')
    .addColumn('procedure', 'text')
    .addColumn('means_of_exchange', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
