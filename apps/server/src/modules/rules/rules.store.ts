import type { Executor } from '../../platform/db/index.ts';

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
export async function saveSettings(
  db: Executor,
  row: {
    body_id: string;
    topic_approval_required: number;
    min_participants: number;
    max_participants: number;
    min_public_share_pct: number;
    research_report_required: number;
    notice_days: number;
    evaluation_days: number;
    updated_at: string;
  },
): Promise<void> {
  const exists = await findSettings(db, row.body_id);
  if (exists) await db.updateTable('deliberation_settings').set(row).where('body_id', '=', row.body_id).execute();
  else await db.insertInto('deliberation_settings').values(row).execute();
}
