import type { Kysely } from 'kysely';

/*
 * Frozen. A deliberation's sign-up for the lottery: the convener's open/close switch, the
 * convener's own questions and the list of communities volunteers choose from. Until now sign-up
 * was open for every draft or preparing deliberation; those keep an open sign-up (a row with
 * open = 1), new ones start closed until the convener opens them. The lottery keeps the pool as
 * drawn (ids and features), so that the published pool is exactly the one the draw used.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sign_up')
    .addColumn('deliberation_id', 'text', (c) => c.primaryKey().references('deliberation.id'))
    .addColumn('open', 'integer', (c) => c.notNull())
    .addColumn('questions_json', 'text', (c) => c.notNull())
    .addColumn('communities_json', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('updated_by', 'text', (c) => c.references('account.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const open = await db.selectFrom('deliberation').select(['id', 'updated_at']).where('state', 'in', ['draft', 'preparing']).execute();
  for (const d of open) {
    await db
      .insertInto('sign_up')
      .values({
        deliberation_id: d.id,
        open: 1,
        questions_json: '[]',
        communities_json: '[]',
        opened_at: d.updated_at,
        updated_by: null,
        updated_at: d.updated_at,
      })
      .execute();
  }
  await db.schema.alterTable('lottery').addColumn('pool_json', 'text').execute();
}
