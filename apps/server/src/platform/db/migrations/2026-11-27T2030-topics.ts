import type { Kysely } from 'kysely';

/* Frozen. Topics raised for a room, their supports and comments; a body's deliberation rules. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('deliberation_settings')
    .addColumn('body_id', 'text', (c) => c.primaryKey().references('org_node.id'))
    .addColumn('topic_approval_required', 'integer', (c) => c.notNull())
    .addColumn('min_participants', 'integer', (c) => c.notNull())
    .addColumn('max_participants', 'integer', (c) => c.notNull())
    .addColumn('min_public_share_pct', 'integer', (c) => c.notNull())
    .addColumn('research_report_required', 'integer', (c) => c.notNull())
    .addColumn('notice_days', 'integer', (c) => c.notNull())
    .addColumn('evaluation_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('topic')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('room_id', 'text', (c) => c.notNull().references('org_node.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('proposer_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('merged_into_id', 'text', (c) => c.references('topic.id'))
    .addColumn('decline_reason', 'text')
    .addColumn('support_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('topic_room_state').on('topic').columns(['room_id', 'state', 'created_at']).execute();
  await db.schema.createIndex('topic_created').on('topic').columns(['created_at', 'id']).execute();

  await db.schema
    .createTable('topic_support')
    .addColumn('topic_id', 'text', (c) => c.notNull().references('topic.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('topic_support_pk', ['topic_id', 'account_id'])
    .execute();

  await db.schema
    .createTable('topic_comment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('topic_id', 'text', (c) => c.notNull().references('topic.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('topic_comment_topic').on('topic_comment').columns(['topic_id', 'created_at']).execute();
}
