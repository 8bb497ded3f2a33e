import type { Kysely } from 'kysely';

/*
 * Frozen. Each replacement of a lottery carries its ordinal (1, 2, … in the order drawn), the n
 * of its seed `<lottery seed>/replacement/<n>` and of the public command that re-runs it; unique
 * per deliberation, so two replacements drawn at once cannot share a seed. Existing replacements
 * are numbered in the order they were recorded (the seed was derived from the count at the time).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('lottery_replacement')
    .addColumn('ordinal', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  const rows = await db
    .selectFrom('lottery_replacement')
    .select(['id', 'deliberation_id'])
    .orderBy('deliberation_id')
    .orderBy('at')
    .orderBy('id')
    .execute();
  const seen = new Map<string, number>();
  for (const r of rows) {
    const n = (seen.get(r.deliberation_id as string) ?? 0) + 1;
    seen.set(r.deliberation_id as string, n);
    await db.updateTable('lottery_replacement').set({ ordinal: n }).where('id', '=', r.id).execute();
  }
  await db.schema
    .createIndex('lottery_replacement_ordinal')
    .on('lottery_replacement')
    .columns(['deliberation_id', 'ordinal'])
    .unique()
    .execute();
}
