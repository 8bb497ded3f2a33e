import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';
import type { DeliberationSettingsTable } from '../../platform/db/schema.ts';

/** The settings row of a body, if it has its own. */
export function findSettings(db: Executor, bodyId: string) {
  return db.selectFrom('deliberation_settings').selectAll().where('body_id', '=', bodyId).executeTakeFirst();
}

/** The settings rows of several bodies (a node's ancestors). */
export function findSettingsOf(db: Executor, bodyIds: string[]) {
  if (!bodyIds.length) return Promise.resolve([]);
  return db.selectFrom('deliberation_settings').selectAll().where('body_id', 'in', bodyIds).execute();
}

/** Inserts or replaces a body's settings. */
export async function saveSettings(db: Executor, row: Selectable<DeliberationSettingsTable>): Promise<void> {
  const exists = await findSettings(db, row.body_id);
  if (exists) await db.updateTable('deliberation_settings').set(row).where('body_id', '=', row.body_id).execute();
  else await db.insertInto('deliberation_settings').values(row).execute();
}
