import type { Executor } from '../../platform/db/index.ts';

const FEEDBACK_VISIBLE = ['feedbackPublished', 'evaluated', 'closed'];

/**
 * A room's deliberations as the public sees them: titles, states, meeting dates, the
 * recommendations and who carries them out; feedback once it is published (list 3). No one's
 * personal details: departments and actions only.
 */
export async function publicResults(db: Executor, roomId: string) {
  const ds = await db
    .selectFrom('deliberation')
    .select(['id', 'title', 'state', 'meeting_at'])
    .where('room_id', '=', roomId)
    .where('state', 'not in', ['draft', 'cancelled'])
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  if (!ds.length) return [];
  const ids = ds.map((d) => d.id);
  const recs = await db
    .selectFrom('recommendation')
    .select(['id', 'deliberation_id', 'seq', 'text'])
    .where('deliberation_id', 'in', ids)
    .orderBy('seq')
    .execute();
  const resps = await db
    .selectFrom('responsibility')
    .innerJoin('org_node as dep', 'dep.id', 'responsibility.department_id')
    .select([
      'responsibility.recommendation_id',
      'dep.name',
      'responsibility.action',
      'responsibility.deadline',
      'responsibility.state',
      'responsibility.feedback',
      'responsibility.feedback_date',
    ])
    .where('responsibility.deliberation_id', 'in', ids)
    .orderBy('responsibility.created_at')
    .execute();
  return ds.map((d) => {
    const visible = FEEDBACK_VISIBLE.includes(d.state);
    return {
      deliberationId: d.id,
      title: d.title,
      state: d.state,
      meetingAt: d.meeting_at,
      recommendations: recs
        .filter((r) => r.deliberation_id === d.id)
        .map((r) => ({
          seq: r.seq,
          text: r.text,
          responsibilities: resps
            .filter((x) => x.recommendation_id === r.id)
            .map((x) => ({
              departmentName: x.name,
              action: x.action,
              deadline: x.deadline,
              state: x.state,
              feedback: visible ? x.feedback : null,
              feedbackDate: visible ? x.feedback_date : null,
            })),
        })),
    };
  });
}
