import type { z } from 'zod';
import type {
  Responsibility,
  ResponsibilityState,
  progressBody,
  ratingBody,
  recommendationBody,
  responsibilityBody,
  responsibilityListQuery,
  responsibilityTransitionBody,
} from '@shangliang/contract';
import { audit } from '../../platform/audit/audit.ts';
import { holdsOver, type Actor } from '../../platform/auth/actor.ts';
import { chinaDate, nowIso } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/index.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { AuthedContext } from '../../platform/http/route.ts';
import { newId } from '../../platform/ids.ts';
import { notify } from '../../platform/notify/index.ts';
import { checkTransition, nextActions } from '../../platform/lifecycle.ts';
import { attachFiles, attachmentsOf, type AttachmentInfo } from '../files/index.ts';
import { findNode } from '../org/index.ts';
import * as dstore from './deliberations.store.ts';
import * as store from './outcome.store.ts';
import { openResponsibilityStates, responsibilityLifecycle } from './responsibility.lifecycle.ts';

const DAY = 86_400_000;
/** Today as YYYY-MM-DD in China Standard Time: deadlines are calendar days where the work is. */
export const todayCst = (): string => chinaDate();

/** Finished (done, declined, or found impossible) on or before its deadline's day. */
export const finishedOnTime = (r: { state: string; deadline: string; updated_at: string }): boolean =>
  ['done', 'declined', 'cannotDo'].includes(r.state) && chinaDate(r.updated_at) <= r.deadline;

/** Days a responsibility is past its deadline (0 when not overdue or finished). */
export function overdueDays(deadline: string, state: string, today = todayCst()): number {
  if (!openResponsibilityStates.includes(state as ResponsibilityState) || deadline >= today) return 0;
  return Math.round((Date.parse(today) - Date.parse(deadline)) / DAY);
}

async function loadRunnable(db: Executor, actor: Actor, id: string, states: string[], what: string) {
  const d = await dstore.findDeliberation(db, id);
  if (!d) throw notFound('deliberation');
  if (!holdsOver(actor, ['convener', 'staff'], d.room_path)) throw forbidden(`only the room's convener or staff may ${what}`);
  if (!states.includes(d.state)) throw new AppError(409, 'invalid_transition', `cannot ${what} while the deliberation is ${d.state}`);
  return d;
}

const toRecommendation = (r: Awaited<ReturnType<typeof store.listRecommendations>>[number]) => ({
  id: r.id,
  deliberationId: r.deliberation_id,
  seq: r.seq,
  text: r.text,
  rationale: r.rationale,
  agree: r.agree,
  disagree: r.disagree,
  abstain: r.abstain,
  speechIds: JSON.parse(r.speech_ids) as string[],
  createdAt: r.created_at,
});

/** Adds a recommendation (list 1) once the meeting has closed. */
export async function addRecommendation(ctx: AuthedContext, id: string, body: z.output<typeof recommendationBody>) {
  return ctx.db.transaction().execute((trx) => addRecommendationIn(trx, ctx, id, body));
}

/**
 * Adds a recommendation in the caller's transaction. `states`: when it may be added; the live
 * module promotes consensus statements during the meeting too (the consensus is known then).
 */
export async function addRecommendationIn(
  trx: Executor,
  ctx: AuthedContext,
  id: string,
  body: z.output<typeof recommendationBody>,
  states: string[] = ['outcome'],
) {
  await loadRunnable(trx, ctx.actor, id, states, 'write recommendations');
  if (body.speechIds.length) {
    const found = await trx.selectFrom('speech').select('id').where('deliberation_id', '=', id).where('id', 'in', body.speechIds).execute();
    if (found.length !== new Set(body.speechIds).size) throw invalid('body.speechIds', 'not speeches of this deliberation');
  }
  const row = {
    id: newId(),
    deliberation_id: id,
    text: body.text,
    rationale: body.rationale || null,
    agree: body.agree,
    disagree: body.disagree,
    abstain: body.abstain,
    speech_ids: JSON.stringify(body.speechIds),
    created_at: nowIso(),
  };
  const seq = await store.insertRecommendation(trx, row);
  await audit(trx, ctx, { entity: 'recommendation', entityId: row.id, action: 'create', after: row });
  return toRecommendation({ ...row, seq });
}

/** The recommendations of a deliberation. */
export async function listRecommendations(ctx: AuthedContext, id: string) {
  const rows = await store.listRecommendations(ctx.db, id);
  return { items: rows.map(toRecommendation), nextCursor: null, total: rows.length };
}

function toResponsibility(
  r: store.ResponsibilityView,
  actor: Actor | null,
  department: { path: string; name: string },
  evidenceFiles: AttachmentInfo[] = [],
): Responsibility {
  const days = overdueDays(r.deadline, r.state);
  return {
    id: r.id,
    recommendationId: r.recommendation_id,
    deliberationId: r.deliberation_id,
    deliberationTitle: r.deliberation_title,
    departmentId: r.department_id,
    departmentName: r.department_name,
    personInCharge: r.person_in_charge,
    action: r.action,
    deadline: r.deadline,
    state: r.state as ResponsibilityState,
    reason: r.reason,
    overdue: days > 0,
    overdueDays: days,
    feedback: r.feedback,
    feedbackEvidence: r.feedback_evidence,
    feedbackDate: r.feedback_date,
    evidenceFiles,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    nextActions: actor
      ? nextActions(responsibilityLifecycle, r.state as ResponsibilityState, actor, { department: { path: department.path } as never })
      : [],
    abilities: {
      reportProgress:
        !!actor && holdsOver(actor, ['department'], department.path) && openResponsibilityStates.includes(r.state as ResponsibilityState),
    },
  };
}

const view = (r: store.ResponsibilityView, actor: Actor | null, files?: AttachmentInfo[]) =>
  toResponsibility(r, actor, { path: r.department_path, name: r.department_name }, files);

/** One responsibility with its evidence files. */
async function viewWithFiles(db: Executor, id: string, actor: Actor) {
  const r = (await store.findResponsibility(db, id))!;
  return view(r, actor, (await attachmentsOf(db, 'responsibility', [id])).get(id));
}

/** Where the actor sees responsibilities: rooms they run or oversee, departments they act for. */
function scopeOf(actor: Actor) {
  return {
    roomPaths: actor.grants.filter((g) => ['staff', 'leader', 'convener', 'admin'].includes(g.role)).map((g) => g.nodePath),
    departmentPaths: actor.grants.filter((g) => g.role === 'department').map((g) => g.nodePath),
  };
}

/** The list's filters within the actor's scope (the list and its Excel export share them). */
function filterOf(actor: Actor, q: Omit<z.output<typeof responsibilityListQuery>, 'cursor' | 'limit'>): store.ResponsibilityFilter {
  return {
    deliberationId: q.deliberationId,
    departmentId: q.departmentId,
    state: q.state,
    overdueOn: q.overdue === 'true' ? todayCst() : undefined,
    ...scopeOf(actor),
  };
}

/** Assigns a recommendation to a department (list 2). */
export async function addResponsibility(
  ctx: AuthedContext,
  id: string,
  recommendationId: string,
  body: z.output<typeof responsibilityBody>,
) {
  return ctx.db.transaction().execute(async (trx) => {
    await loadRunnable(trx, ctx.actor, id, ['outcome', 'implementing'], 'assign responsibilities');
    const rec = await trx
      .selectFrom('recommendation')
      .select('id')
      .where('id', '=', recommendationId)
      .where('deliberation_id', '=', id)
      .executeTakeFirst();
    if (!rec) throw notFound('recommendation');
    const dep = await findNode(trx, body.departmentId);
    if (!dep || dep.kind !== 'department' || dep.archived_at) throw invalid('body.departmentId', 'no such department');
    if (body.deadline < todayCst()) throw invalid('body.deadline', 'the deadline cannot be in the past');
    const t = nowIso();
    const row = {
      id: newId(),
      recommendation_id: recommendationId,
      deliberation_id: id,
      department_id: dep.id,
      person_in_charge: body.personInCharge,
      action: body.action,
      deadline: body.deadline,
      state: 'assigned',
      reason: null,
      feedback: null,
      feedback_evidence: null,
      feedback_date: null,
      reminded_before_at: null,
      reminded_overdue_at: null,
      created_at: t,
      updated_at: t,
    };
    await trx.insertInto('responsibility').values(row).execute();
    await audit(trx, ctx, { entity: 'responsibility', entityId: row.id, action: 'assign', after: row });
    const liaisons = await trx
      .selectFrom('role_grant')
      .select('account_id')
      .where('node_id', '=', dep.id)
      .where('role', '=', 'department')
      .execute();
    await notify(trx, {
      accountIds: liaisons.map((l) => l.account_id),
      kind: 'responsibility.assigned',
      title: `新的责任事项（期限 ${row.deadline}）`,
      body: `协商建议交办：${row.action}`,
      link: `/responsibilities/${row.id}`,
      email: true,
    });
    return view((await store.findResponsibility(trx, row.id))!, ctx.actor);
  });
}

/**
 * Responsibilities the actor may see: a department its own (and its sub-departments'); staff,
 * leaders and conveners those of rooms in their scope. Filters: department, deliberation, state,
 * overdue. The supervision view is `overdue=true` (or `state=declined`) across the scope.
 */
export async function listResponsibilities(ctx: AuthedContext, q: z.output<typeof responsibilityListQuery>) {
  const { rows, total } = await store.listResponsibilities(ctx.db, filterOf(ctx.actor, q), decodeCursor(q.cursor), q.limit);
  const p = pageOf(rows, q.limit, (r) => [r.deadline, r.id]);
  const files = await attachmentsOf(
    ctx.db,
    'responsibility',
    p.items.map((r) => r.id),
  );
  return { items: p.items.map((r) => view(r, ctx.actor, files.get(r.id))), nextCursor: p.nextCursor, total };
}

/** Every responsibility row the actor may see, with the list's filters (for exports: no paging). */
export async function responsibilityRowsInScope(ctx: AuthedContext, q: Omit<z.output<typeof responsibilityListQuery>, 'cursor' | 'limit'>) {
  const { rows } = await store.listResponsibilities(ctx.db, filterOf(ctx.actor, q), null, 10_000);
  return rows.slice(0, 10_000);
}

/** The department takes a lifecycle action; completing writes the feedback (list 3). */
export async function transitionResponsibility(
  ctx: AuthedContext,
  id: string,
  action: string,
  body: z.output<typeof responsibilityTransitionBody>,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await store.findResponsibility(trx, id);
    if (!r) throw notFound('responsibility');
    const department = (await findNode(trx, r.department_id))!;
    const tr = await checkTransition(
      responsibilityLifecycle,
      action,
      r.state as ResponsibilityState,
      ctx.actor,
      { department, feedback: body.feedback, evidence: body.evidence },
      body.reason,
    );
    const t = nowIso();
    const values = {
      state: tr.to,
      updated_at: t,
      ...(tr.needsReason ? { reason: body.reason!.trim() } : {}),
      ...(tr.to === 'done' ? { feedback: body.feedback!.trim(), feedback_evidence: body.evidence!.trim(), feedback_date: todayCst() } : {}),
    };
    await trx.updateTable('responsibility').set(values).where('id', '=', id).execute();
    await attachFiles(trx, ctx.actor.accountId, { entity: 'responsibility', entityId: id }, body.evidenceFileIds, 'body.evidenceFileIds');
    await audit(trx, ctx, {
      entity: 'responsibility',
      entityId: id,
      action,
      before: { state: r.state },
      after: { ...values, evidenceFileIds: body.evidenceFileIds },
    });
    return viewWithFiles(trx, id, ctx.actor);
  });
}

/** One responsibility the actor may see (its department, or staff, leaders and conveners over its room). */
export async function getResponsibility(ctx: AuthedContext, id: string) {
  const r = await store.findResponsibility(ctx.db, id);
  if (!r) throw notFound('responsibility');
  const { roomPaths, departmentPaths } = scopeOf(ctx.actor);
  if (!roomPaths.some((p) => r.room_path.startsWith(p)) && !departmentPaths.some((p) => r.department_path.startsWith(p))) {
    throw forbidden('this responsibility is outside your scope');
  }
  return viewWithFiles(ctx.db, id, ctx.actor);
}

/** The progress reports of a responsibility, oldest first, with their evidence files. */
export async function listProgress(ctx: AuthedContext, id: string) {
  await getResponsibility(ctx, id);
  const rows = await ctx.db
    .selectFrom('progress_report')
    .innerJoin('account', 'account.id', 'progress_report.by_id')
    .select(['progress_report.id', 'progress_report.note', 'progress_report.evidence', 'progress_report.at', 'account.display_name'])
    .where('progress_report.responsibility_id', '=', id)
    .orderBy('progress_report.at')
    .orderBy('progress_report.id')
    .execute();
  const files = await attachmentsOf(
    ctx.db,
    'progress_report',
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      responsibilityId: id,
      note: r.note,
      evidence: r.evidence,
      at: r.at,
      byName: r.display_name,
      attachments: files.get(r.id) ?? [],
    })),
    nextCursor: null,
    total: rows.length,
  };
}

/** The department reports progress with evidence. */
export async function reportProgress(ctx: AuthedContext, id: string, body: z.output<typeof progressBody>) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await store.findResponsibility(trx, id);
    if (!r) throw notFound('responsibility');
    if (!holdsOver(ctx.actor, ['department'], r.department_path)) throw forbidden('only the assigned department reports progress');
    if (!openResponsibilityStates.includes(r.state as ResponsibilityState)) throw conflict(`the responsibility is ${r.state}`);
    const row = {
      id: newId(),
      responsibility_id: id,
      note: body.note,
      evidence: body.evidence || null,
      at: nowIso(),
      by_id: ctx.actor.accountId,
    };
    await trx.insertInto('progress_report').values(row).execute();
    await attachFiles(
      trx,
      ctx.actor.accountId,
      { entity: 'progress_report', entityId: row.id },
      body.evidenceFileIds,
      'body.evidenceFileIds',
    );
    // Evidence reported on the way is evidence of the responsibility too.
    await attachFiles(trx, ctx.actor.accountId, { entity: 'responsibility', entityId: id }, body.evidenceFileIds, 'body.evidenceFileIds');
    await audit(trx, ctx, {
      entity: 'progress_report',
      entityId: row.id,
      action: 'create',
      after: { ...row, evidenceFileIds: body.evidenceFileIds },
    });
    const files = (await attachmentsOf(trx, 'progress_report', [row.id])).get(row.id) ?? [];
    return {
      id: row.id,
      responsibilityId: id,
      note: row.note,
      evidence: row.evidence,
      at: row.at,
      byName: ctx.actor.displayName,
      attachments: files,
    };
  });
}

/** A participant rates the outcome once feedback is published (满意 / 基本满意 / 不满意). */
export async function rate(ctx: AuthedContext, id: string, body: z.output<typeof ratingBody>) {
  return ctx.db.transaction().execute(async (trx) => {
    const d = await dstore.findDeliberation(trx, id);
    if (!d) throw notFound('deliberation');
    if (d.state !== 'feedbackPublished')
      throw new AppError(409, 'invalid_transition', 'ratings open when the feedback is published and close with the evaluation');
    const p = await trx
      .selectFrom('participant')
      .select(['id'])
      .where('deliberation_id', '=', id)
      .where('account_id', '=', ctx.actor.accountId)
      .where('answer', '!=', 'declined')
      .executeTakeFirst();
    if (!p) throw forbidden('only participants rate the outcome');
    const row = {
      id: newId(),
      deliberation_id: id,
      participant_id: p.id,
      rating: body.rating,
      comment: body.comment || null,
      at: nowIso(),
    };
    await trx.insertInto('rating').values(row).execute();
    await audit(trx, ctx, { entity: 'rating', entityId: row.id, action: 'create', after: row });
    return { ok: true as const };
  });
}
