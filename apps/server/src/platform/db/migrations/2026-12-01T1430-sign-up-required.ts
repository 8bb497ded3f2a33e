import type { Kysely } from 'kysely';

/*
 * Frozen. A convener's sign-up question is required or optional (`required` in each question of
 * `sign_up.questions_json`). Until now every question was asked as required by the web form, so
 * the questions already stored become `required: true`; a volunteer who skips an optional
 * question gets the feature value `unknown` ("not answered"), which quotas can name.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const rows = await db.selectFrom('sign_up').select(['deliberation_id', 'questions_json']).execute();
  for (const r of rows) {
    const questions = JSON.parse(r.questions_json as string) as Record<string, unknown>[];
    if (!questions.length) continue;
    const withRequired = questions.map((q) => ({ ...q, required: q.required ?? true }));
    await db
      .updateTable('sign_up')
      .set({ questions_json: JSON.stringify(withRequired) })
      .where('deliberation_id', '=', r.deliberation_id)
      .execute();
  }
}
