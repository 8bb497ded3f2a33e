import type { Kysely } from 'kysely';

/* Frozen. The three lists (recommendations, responsibilities with feedback) and ratings. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('deliberation').addColumn('feedback_published_at', 'text').execute();
  await db.schema.alterTable('deliberation').addColumn('quality_json', 'text').execute();

  await db.schema
    .createTable('recommendation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deliberation_id', 'text', (c) => c.notNull().references('deliberation.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text')
    .addColumn('agree', 'integer', (c) => c.notNull())
    .addColumn('disagree', 'integer', (c) => c.notNull())
    .addColumn('abstain', 'integer', (c) => c.notNull())
    .addColumn('speech_ids', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('recommendation_seq', ['deliberation_id', 'seq'])
    .execute();

  await db.schema
    .createTable('responsibility')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recommendation_id', 'text', (c) => c.notNull().references('recommendation.id'))
    .addColumn('deliberation_id', 'text', (c) => c.notNull().references('deliberation.id'))
    .addColumn('department_id', 'text', (c) => c.notNull().references('org_node.id'))
    .addColumn('person_in_charge', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('feedback', 'text')
    .addColumn('feedback_evidence', 'text')
    .addColumn('feedback_date', 'text')
    .addColumn('reminded_before_at', 'text')
    .addColumn('reminded_overdue_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('responsibility_department').on('responsibility').columns(['department_id', 'state', 'deadline']).execute();
  await db.schema.createIndex('responsibility_deliberation').on('responsibility').columns(['deliberation_id']).execute();

  await db.schema
    .createTable('progress_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('responsibility_id', 'text', (c) => c.notNull().references('responsibility.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_id', 'text', (c) => c.notNull().references('account.id'))
    .execute();

  await db.schema
    .createTable('rating')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deliberation_id', 'text', (c) => c.notNull().references('deliberation.id'))
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participant.id'))
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('rating_once', ['deliberation_id', 'participant_id'])
    .execute();
}
