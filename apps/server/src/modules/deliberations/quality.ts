import type { Executor } from '../../platform/db/index.ts';
import { finishedOnTime } from './outcome.service.ts';

/*
 * The quality score of a deliberation (协商议政质量评价), from what the platform recorded. The
 * rubric, its parts, weights and formulas are in docs/quality-rubric.md; change both together.
 */

export interface QualityInputs {
  topicSource: string;
  topicSupports: number;
  researchReport: boolean;
  researchTasks: number;
  researchTasksDone: number;
  accepted: number;
  signedIn: number;
  publicCount: number;
  requiredPublic: number;
  interactions: number;
  recommendations: number;
  recommendationsWithResponsibility: number;
  responsibilities: number;
  responsibilitiesDone: number;
  responsibilitiesOnTime: number;
  ratings: { satisfied: number; basicallySatisfied: number; unsatisfied: number };
}

export const QUALITY_WEIGHTS = {
  topic: 10,
  research: 15,
  participation: 15,
  interaction: 15,
  outcome: 15,
  timeliness: 15,
  satisfaction: 15,
} as const;

const clamp = (x: number) => Math.max(0, Math.min(100, Math.round(x)));
const share = (a: number, b: number) => (b > 0 ? a / b : 0);

/** Each part 0–100 and the weighted total 0–100 (docs/quality-rubric.md). */
export function qualityScore(i: QualityInputs) {
  const ratings = i.ratings.satisfied + i.ratings.basicallySatisfied + i.ratings.unsatisfied;
  const parts = {
    // Grassroots topics (a resident or a contact point) start higher; support adds 5 each.
    topic: clamp((i.topicSource === 'member' ? 50 : 60) + 5 * i.topicSupports),
    // The report is half; the other half is the share of research tasks done (none planned: 0).
    research: clamp((i.researchReport ? 50 : 0) + 50 * share(i.researchTasksDone, i.researchTasks)),
    // Half for the public share reached (capped at the requirement), half for attendance.
    participation: clamp(
      50 * Math.min(1, i.requiredPublic > 0 ? i.publicCount / i.requiredPublic : 1) + 50 * share(i.signedIn, i.accepted),
    ),
    // One department exchange is the minimum (50); two or more, full marks.
    interaction: clamp(50 * i.interactions),
    // Recommendations carried into responsibilities (60) and responsibilities done (40).
    outcome: clamp(
      60 * share(i.recommendationsWithResponsibility, i.recommendations) + 40 * share(i.responsibilitiesDone, i.responsibilities),
    ),
    // Responsibilities finished (done, declined or found impossible) by their deadline.
    timeliness: clamp(100 * share(i.responsibilitiesOnTime, i.responsibilities)),
    // 满意 100, 基本满意 60, 不满意 0, averaged over the ratings given.
    satisfaction: clamp(share(100 * i.ratings.satisfied + 60 * i.ratings.basicallySatisfied, ratings)),
  };
  const total = Math.round((Object.keys(parts) as (keyof typeof parts)[]).reduce((a, k) => a + parts[k] * QUALITY_WEIGHTS[k], 0) / 100);
  return {
    parts,
    weights: QUALITY_WEIGHTS,
    total,
    ratings,
    satisfactionRate: share(i.ratings.satisfied + i.ratings.basicallySatisfied, ratings),
  };
}

/** Gathers the rubric's inputs for one deliberation from the database. */
export async function qualityInputs(db: Executor, deliberationId: string, requiredPublic: number): Promise<QualityInputs> {
  const d = await db
    .selectFrom('deliberation')
    .innerJoin('topic', 'topic.id', 'deliberation.topic_id')
    .select(['topic.source', 'topic.support_count', 'deliberation.research_report'])
    .where('deliberation.id', '=', deliberationId)
    .executeTakeFirstOrThrow();
  const tasks = await db.selectFrom('research_task').select(['done_at']).where('deliberation_id', '=', deliberationId).execute();
  const parts = await db
    .selectFrom('participant')
    .select(['category', 'answer', 'signed_in_at'])
    .where('deliberation_id', '=', deliberationId)
    .execute();
  const speeches = await db.selectFrom('speech').select(['interaction']).where('deliberation_id', '=', deliberationId).execute();
  const recs = await db.selectFrom('recommendation').select(['id']).where('deliberation_id', '=', deliberationId).execute();
  const resps = await db
    .selectFrom('responsibility')
    .select(['recommendation_id', 'state', 'deadline', 'updated_at'])
    .where('deliberation_id', '=', deliberationId)
    .execute();
  const ratings = await db.selectFrom('rating').select(['rating']).where('deliberation_id', '=', deliberationId).execute();
  const counted = parts.filter((p) => p.answer !== 'declined');
  return {
    topicSource: d.source,
    topicSupports: d.support_count,
    researchReport: !!d.research_report?.trim(),
    researchTasks: tasks.length,
    researchTasksDone: tasks.filter((t) => t.done_at).length,
    accepted: counted.length,
    signedIn: counted.filter((p) => p.signed_in_at).length,
    publicCount: counted.filter((p) => p.category === 'resident' || p.category === 'stakeholder').length,
    requiredPublic,
    interactions: speeches.filter((s) => s.interaction === 1).length,
    recommendations: recs.length,
    recommendationsWithResponsibility: new Set(resps.map((r) => r.recommendation_id)).size,
    responsibilities: resps.length,
    responsibilitiesDone: resps.filter((r) => r.state === 'done').length,
    responsibilitiesOnTime: resps.filter(finishedOnTime).length,
    ratings: {
      satisfied: ratings.filter((r) => r.rating === 'satisfied').length,
      basicallySatisfied: ratings.filter((r) => r.rating === 'basicallySatisfied').length,
      unsatisfied: ratings.filter((r) => r.rating === 'unsatisfied').length,
    },
  };
}
