import type { Kysely } from 'kysely';

/* Frozen. Volunteers for a deliberation's lottery, the lottery, and its replacements. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('volunteer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deliberation_id', 'text', (c) => c.notNull().references('deliberation.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('features_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('volunteer_once', ['deliberation_id', 'account_id'])
    .execute();
  await db.schema
    .createTable('lottery')
    .addColumn('deliberation_id', 'text', (c) => c.primaryKey().references('deliberation.id'))
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('quotas_json', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('input_digest', 'text', (c) => c.notNull())
    .addColumn('engine', 'text', (c) => c.notNull())
    .addColumn('panel_json', 'text', (c) => c.notNull())
    .addColumn('probabilities_json', 'text', (c) => c.notNull())
    .addColumn('min_probability', 'double precision', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .execute();
  await db.schema
    .createTable('lottery_replacement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deliberation_id', 'text', (c) => c.notNull().references('deliberation.id'))
    .addColumn('declined_volunteer_id', 'text', (c) => c.notNull().references('volunteer.id'))
    .addColumn('replacement_volunteer_id', 'text', (c) => c.notNull().references('volunteer.id'))
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('participant').addColumn('volunteer_id', 'text').execute();
}
