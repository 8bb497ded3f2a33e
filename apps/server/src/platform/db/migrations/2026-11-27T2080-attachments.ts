import type { Kysely } from 'kysely';

/* Frozen. Files attached to things: a topic, a research task's findings, a responsibility's evidence. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attachment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull().references('file.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('attachment_once', ['entity', 'entity_id', 'file_id'])
    .execute();
  await db.schema.createIndex('attachment_entity').on('attachment').columns(['entity', 'entity_id']).execute();
}
