import type { Deps } from '../../platform/deps.ts';
import type { Executor } from '../../platform/db/index.ts';
import type { Job } from '../../platform/jobs/index.ts';
import { notify } from '../../platform/notify/index.ts';
import { endEvaluationWindows } from './deliberations.service.ts';
import { todayCst } from './outcome.service.ts';

const DAY = 86_400_000;
const addDays = (date: string, n: number) => new Date(Date.parse(date) + n * DAY).toISOString().slice(0, 10);

/** The accounts that act for a department (its liaison accounts hold `department` on it). */
export async function departmentAccounts(db: Executor, departmentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('role_grant')
    .select('account_id')
    .where('node_id', '=', departmentId)
    .where('role', '=', 'department')
    .execute();
  return rows.map((r) => r.account_id);
}

/**
 * Deadline reminders (issue 3 point 6): to the department three days before a responsibility's
 * deadline, and on the day after it passes; each once (the row records when it was sent), in the
 * same transaction as the notification so that a crash neither loses nor repeats one.
 */
export async function sendDeadlineReminders(deps: Pick<Deps, 'db'>): Promise<{ before: number; overdue: number }> {
  const today = todayCst();
  const soon = addDays(today, 3);
  const open = ['assigned', 'accepted', 'inProgress'];
  const due = await deps.db
    .selectFrom('responsibility')
    .innerJoin('deliberation', 'deliberation.id', 'responsibility.deliberation_id')
    .select([
      'responsibility.id',
      'responsibility.department_id',
      'responsibility.action',
      'responsibility.deadline',
      'responsibility.reminded_before_at',
      'responsibility.reminded_overdue_at',
      'deliberation.title',
    ])
    .where('responsibility.state', 'in', open)
    .where('responsibility.deadline', '<=', soon)
    .where((eb) => eb.or([eb('responsibility.reminded_before_at', 'is', null), eb('responsibility.reminded_overdue_at', 'is', null)]))
    .execute();
  let before = 0;
  let overdue = 0;
  for (const r of due) {
    const isOverdue = r.deadline < today;
    if (isOverdue ? r.reminded_overdue_at : r.reminded_before_at) continue;
    await deps.db.transaction().execute(async (trx) => {
      // Claim the reminder first: a second process running the same job finds it taken.
      const col = isOverdue ? 'reminded_overdue_at' : 'reminded_before_at';
      const claimed = await trx
        .updateTable('responsibility')
        .set({ [col]: new Date().toISOString() })
        .where('id', '=', r.id)
        .where(col, 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) return;
      const accounts = await departmentAccounts(trx, r.department_id);
      await notify(trx, {
        accountIds: accounts,
        kind: isOverdue ? 'responsibility.overdue' : 'responsibility.dueSoon',
        title: isOverdue ? `责任事项已逾期：${r.title}` : `责任事项将于 ${r.deadline} 到期：${r.title}`,
        body: isOverdue
          ? `“${r.action}”的完成期限 ${r.deadline} 已过，请尽快办理并反馈结果，或说明无法办理的原因。`
          : `“${r.action}”的完成期限为 ${r.deadline}，还有三天。请按期办理并反馈结果。`,
        link: `/responsibilities/${r.id}`,
        email: true,
      });
      if (isOverdue) overdue++;
      else before++;
    });
  }
  return { before, overdue };
}

/** Runs the reminders every ten minutes (each reminder is sent once, whoever runs it). */
export const deadlineRemindersJob: Job = {
  name: 'deliberations.deadline-reminders',
  everyMs: 10 * 60_000,
  run: async (deps) => {
    await sendDeadlineReminders(deps);
  },
};

/** Ends rating windows every ten minutes: evaluates and closes what is due (each once, in a transaction). */
export const evaluationWindowJob: Job = {
  name: 'deliberations.evaluation-window',
  everyMs: 10 * 60_000,
  run: async (deps) => {
    await endEvaluationWindows(deps);
  },
};
