import { holdsOver } from '../../platform/auth/actor.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { AuthedContext } from '../../platform/http/route.ts';
import { findNode } from '../org/index.ts';
import { chinaDate } from '../../platform/clock.ts';
import { finishedOnTime, overdueDays } from './outcome.service.ts';

const month = (iso: string) => chinaDate(iso).slice(0, 7);

/**
 * A room's dashboard (issue 3 point 12): deliberations by state, topics by category, the on-time
 * rate of responsibilities (finished by their deadline / finished or overdue), the satisfaction
 * rate ((满意 + 基本满意) / ratings), and each by month (China Standard Time).
 */
export async function roomDashboard(ctx: AuthedContext, roomId: string) {
  const room = await findNode(ctx.db, roomId);
  if (!room || room.kind !== 'room') throw notFound('room');
  if (!holdsOver(ctx.actor, ['convener', 'staff', 'leader', 'admin'], room.path)) throw forbidden();
  const [ds, topics, resps, ratings] = await Promise.all([
    ctx.db.selectFrom('deliberation').select(['state', 'created_at']).where('room_id', '=', roomId).execute(),
    ctx.db.selectFrom('topic').select(['category', 'created_at']).where('room_id', '=', roomId).execute(),
    ctx.db
      .selectFrom('responsibility')
      .innerJoin('deliberation', 'deliberation.id', 'responsibility.deliberation_id')
      .select(['responsibility.state', 'responsibility.deadline', 'responsibility.updated_at'])
      .where('deliberation.room_id', '=', roomId)
      .execute(),
    ctx.db
      .selectFrom('rating')
      .innerJoin('deliberation', 'deliberation.id', 'rating.deliberation_id')
      .select(['rating.rating', 'rating.at'])
      .where('deliberation.room_id', '=', roomId)
      .execute(),
  ]);
  const count = <T>(xs: T[], key: (x: T) => string) =>
    xs.reduce<Record<string, number>>((a, x) => ((a[key(x)] = (a[key(x)] ?? 0) + 1), a), {});
  const finished = resps.filter((r) => ['done', 'declined', 'cannotDo'].includes(r.state));
  const onTime = resps.filter(finishedOnTime);
  const overdue = resps.filter((r) => overdueDays(r.deadline, r.state) > 0);
  const sat = ratings.filter((r) => r.rating === 'satisfied').length;
  const basic = ratings.filter((r) => r.rating === 'basicallySatisfied').length;
  const months = [
    ...new Set([
      ...ds.map((d) => month(d.created_at)),
      ...topics.map((t) => month(t.created_at)),
      ...finished.map((r) => month(r.updated_at)),
      ...ratings.map((r) => month(r.at)),
    ]),
  ].sort();
  return {
    roomId,
    deliberationsByState: count(ds, (d) => d.state),
    topicsByCategory: count(topics, (t) => t.category),
    responsibilities: {
      total: resps.length,
      finished: finished.length,
      onTime: onTime.length,
      overdue: overdue.length,
      onTimeRate: finished.length + overdue.length ? onTime.length / (finished.length + overdue.length) : null,
    },
    satisfaction: {
      ratings: ratings.length,
      satisfied: sat,
      basicallySatisfied: basic,
      unsatisfied: ratings.length - sat - basic,
      rate: ratings.length ? (sat + basic) / ratings.length : null,
    },
    byMonth: months.map((m) => ({
      month: m,
      topics: topics.filter((t) => month(t.created_at) === m).length,
      deliberations: ds.filter((d) => month(d.created_at) === m).length,
      responsibilitiesFinished: finished.filter((r) => month(r.updated_at) === m).length,
      onTime: onTime.filter((r) => month(r.updated_at) === m).length,
      ratings: ratings.filter((r) => month(r.at) === m).length,
      satisfied: ratings.filter((r) => month(r.at) === m && r.rating !== 'unsatisfied').length,
    })),
  };
}
