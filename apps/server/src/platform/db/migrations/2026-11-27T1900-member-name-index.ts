import type { Kysely } from 'kysely';

/*
 * Frozen. Lists of members are ordered by name then id: with this index both databases read the
 * first page in order and stop, instead of sorting every member of the city.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('member_name_id').on('member').columns(['name', 'id']).execute();
  await db.schema.createIndex('org_node_name_id').on('org_node').columns(['name', 'id']).execute();
}
