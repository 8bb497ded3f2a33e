import type { Kysely } from 'kysely';

/* Frozen. A room's deliberation: participants, research, the meeting's record. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('deliberation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('room_id', 'text', (c) => c.notNull().references('org_node.id'))
    .addColumn('topic_id', 'text', (c) => c.notNull().unique().references('topic.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('meeting_at', 'text')
    .addColumn('place', 'text')
    .addColumn('agenda', 'text')
    .addColumn('research_report', 'text')
    .addColumn('minutes', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deliberation_room').on('deliberation').columns(['room_id', 'created_at']).execute();

  await db.schema
    .createTable('participant')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deliberation_id', 'text', (c) => c.notNull().references('deliberation.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.references('account.id'))
    .addColumn('member_id', 'text', (c) => c.references('member.id'))
    .addColumn('department_id', 'text', (c) => c.references('org_node.id'))
    .addColumn('phone', 'text')
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('invited_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('signed_in_at', 'text')
    .addColumn('sign_in_by', 'text', (c) => c.references('account.id'))
    .execute();
  await db.schema.createIndex('participant_deliberation').on('participant').columns(['deliberation_id', 'category']).execute();
  await db.schema.createIndex('participant_account').on('participant').columns(['account_id']).execute();

  await db.schema
    .createTable('research_task')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deliberation_id', 'text', (c) => c.notNull().references('deliberation.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.references('account.id'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('findings', 'text')
    .addColumn('done_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('research_task_deliberation').on('research_task').column('deliberation_id').execute();

  await db.schema
    .createTable('speech')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deliberation_id', 'text', (c) => c.notNull().references('deliberation.id'))
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participant.id'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('interaction', 'integer', (c) => c.notNull())
    .addColumn('venue', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('account.id'))
    .execute();
  await db.schema.createIndex('speech_deliberation').on('speech').columns(['deliberation_id', 'at']).execute();
}
