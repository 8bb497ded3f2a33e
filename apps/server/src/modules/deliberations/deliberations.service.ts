import type { z } from 'zod';
import { publicCategories } from '@shangliang/contract';
import type {
  Deliberation,
  DeliberationState,
  ResponsibilityState,
  createDeliberationBody,
  deliberationListQuery,
  deliberationTransitionBody,
  inviteBody,
  researchTaskBody,
  speechBody,
  updateDeliberationBody,
} from '@shangliang/contract';
import { audit, type AuditSource } from '../../platform/audit/audit.ts';
import { holdsOver, type Actor } from '../../platform/auth/actor.ts';
import { chinaTime, nowIso } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import type { DeliberationRow, ParticipantRow } from '../../platform/db/schema.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { AuthedContext } from '../../platform/http/route.ts';
import { newId } from '../../platform/ids.ts';
import { maskName } from '../../platform/privacy.ts';
import { notify } from '../../platform/notify/index.ts';
import { checkAutomaticTransition, checkTransition, nextActions } from '../../platform/lifecycle.ts';
import { attachFiles, attachmentsOf, type AttachmentInfo } from '../files/index.ts';
import { findNode } from '../org/index.ts';
import { settingsAt } from '../rules/index.ts';
import { findTopic } from '../topics/index.ts';
import { deliberationLifecycle, isRunner, type DeliberationSubject } from './deliberations.lifecycle.ts';
import { participationCheck } from './deliberations.policy.ts';
import { openResponsibilityStates } from './responsibility.lifecycle.ts';
import { qualityInputs, qualityScore } from './quality.ts';
import * as store from './deliberations.store.ts';

/** What the lifecycle reads of several deliberations, in a fixed number of queries (a list page). */
async function subjectsOf(db: Executor, rows: DeliberationRow[]): Promise<Map<string, DeliberationSubject>> {
  const roomIds = [...new Set(rows.map((d) => d.room_id))];
  const [figures, rooms, settings] = await Promise.all([
    store.figuresOf(db, rows),
    Promise.all(roomIds.map((id) => findNode(db, id))),
    Promise.all(roomIds.map((id) => settingsAt(db, id))),
  ]);
  const room = new Map(roomIds.map((id, i) => [id, { node: rooms[i]!, settings: settings[i]! }]));
  return new Map(
    rows.map((d) => {
      const f = figures.get(d.id)!;
      const withResponsibility = new Set(f.responsibilities.map((r) => r.recommendationId));
      const subject: DeliberationSubject = {
        deliberation: d,
        room: room.get(d.room_id)!.node,
        settings: room.get(d.room_id)!.settings,
        counts: f.counts,
        topicState: f.topicState,
        openResearchTasks: f.openResearchTasks,
        interactions: f.interactions,
        outcome: {
          recommendations: f.recommendationIds.length,
          recommendationsWithoutResponsibility: f.recommendationIds.filter((id) => !withResponsibility.has(id)).length,
          openResponsibilities: f.responsibilities.filter((r) => openResponsibilityStates.includes(r.state as ResponsibilityState)).length,
        },
      };
      return [d.id, subject];
    }),
  );
}

async function subjectOf(db: Executor, d: DeliberationRow): Promise<DeliberationSubject> {
  return (await subjectsOf(db, [d])).get(d.id)!;
}

type Mine = Awaited<ReturnType<typeof store.actorParticipation>>;

function toDeliberation(d: store.DeliberationView, actor: Actor, s: DeliberationSubject, mine: Mine): Deliberation {
  const runner = isRunner(actor, s);
  const editable = runner && ['draft', 'preparing', 'scheduled', 'inSession'].includes(d.state);
  return {
    id: d.id,
    roomId: d.room_id,
    roomName: d.room_name,
    topicId: d.topic_id,
    title: d.title,
    state: d.state as DeliberationState,
    meetingAt: d.meeting_at,
    place: d.place,
    agenda: d.agenda,
    agendaItems: d.agenda_items_json ? JSON.parse(d.agenda_items_json) : [],
    researchReport: d.research_report,
    minutes: d.minutes,
    cancelReason: d.cancel_reason,
    feedbackPublishedAt: d.feedback_published_at,
    quality: d.quality_json ? JSON.parse(d.quality_json) : null,
    createdAt: d.created_at,
    updatedAt: d.updated_at,
    participation: participationCheck(s.counts, s.settings),
    myRating: (mine.rating as Deliberation['myRating']) ?? null,
    nextActions: nextActions(deliberationLifecycle, d.state as DeliberationState, actor, s),
    abilities: {
      update: editable,
      invite: runner && ['draft', 'preparing', 'scheduled'].includes(d.state),
      research: runner && ['draft', 'preparing'].includes(d.state),
      // The lottery of volunteers (lottery.ts) runs before scheduling, like volunteering itself.
      lottery: runner && ['draft', 'preparing'].includes(d.state),
      signIn: runner && ['scheduled', 'inSession'].includes(d.state),
      recordSpeech: runner && d.state === 'inSession',
      rate: mine.participant && !mine.rating && d.state === 'feedbackPublished',
    },
  };
}

async function load(db: Executor, id: string) {
  const d = await store.findDeliberation(db, id);
  if (!d) throw notFound('deliberation');
  return d;
}

async function view(db: Executor, id: string, actor: Actor) {
  const d = await load(db, id);
  return toDeliberation(d, actor, await subjectOf(db, d), await store.actorParticipation(db, d.id, actor.accountId));
}

/** Who may see a deliberation's inner workings: the room's runners, its participants, leaders. */
async function ensureCanRead(db: Executor, actor: Actor, d: store.DeliberationView) {
  if (holdsOver(actor, ['convener', 'staff', 'leader', 'admin'], d.room_path)) return;
  const p = await db
    .selectFrom('participant')
    .select('id')
    .where('deliberation_id', '=', d.id)
    .where('account_id', '=', actor.accountId)
    .executeTakeFirst();
  if (!p) throw forbidden('only participants, the convener, staff and leaders see this deliberation');
}

async function ensureRunner(db: Executor, actor: Actor, d: store.DeliberationView, states: readonly string[], what: string) {
  const room = (await findNode(db, d.room_id))!;
  if (!holdsOver(actor, ['convener', 'staff'], room.path)) throw forbidden(`only the room's convener or staff may ${what}`);
  if (!states.includes(d.state)) throw new AppError(409, 'invalid_transition', `cannot ${what} while the deliberation is ${d.state}`);
}

/** Opens a deliberation (draft) on a selected topic of the room. */
export async function createDeliberation(ctx: AuthedContext, body: z.output<typeof createDeliberationBody>) {
  return ctx.db.transaction().execute(async (trx) => {
    const topic = await findTopic(trx, body.topicId);
    if (!topic) throw invalid('body.topicId', 'no such topic');
    const room = (await findNode(trx, topic.room_id))!;
    if (!holdsOver(ctx.actor, ['convener', 'staff'], room.path))
      throw forbidden("only the room's convener or staff may open a deliberation");
    if (topic.state !== 'selected') throw invalid('body.topicId', 'the topic has not been selected for deliberation');
    if (await store.findByTopic(trx, topic.id)) throw conflict('this topic already has a deliberation');
    const t = nowIso();
    const row: DeliberationRow = {
      id: newId(),
      room_id: room.id,
      topic_id: topic.id,
      title: body.title ?? topic.title,
      state: 'draft',
      meeting_at: null,
      place: room.address,
      agenda: null,
      research_report: null,
      minutes: null,
      cancel_reason: null,
      feedback_published_at: null,
      quality_json: null,
      sign_in_code: null,
      agenda_items_json: null,
      created_by: ctx.actor.accountId,
      created_at: t,
      updated_at: t,
    };
    await store.insertDeliberation(trx, row);
    await audit(trx, ctx, { entity: 'deliberation', entityId: row.id, action: 'create', after: row });
    return view(trx, row.id, ctx.actor);
  });
}

/** One deliberation, with the participation check and the actor's next actions. */
export async function getDeliberation(ctx: AuthedContext, id: string) {
  const d = await load(ctx.db, id);
  await ensureCanRead(ctx.db, ctx.actor, d);
  return toDeliberation(d, ctx.actor, await subjectOf(ctx.db, d), await store.actorParticipation(ctx.db, d.id, ctx.actor.accountId));
}

/** A page of deliberations, newest first. */
export async function listDeliberations(ctx: AuthedContext, q: z.output<typeof deliberationListQuery>) {
  const { rows, total } = await store.listDeliberations(ctx.db, { roomId: q.roomId, state: q.state }, decodeCursor(q.cursor), q.limit);
  const p = pageOf(rows, q.limit, (r) => [r.created_at, r.id]);
  const [subjects, mine] = await Promise.all([
    subjectsOf(ctx.db, p.items),
    store.actorParticipations(
      ctx.db,
      p.items.map((d) => d.id),
      ctx.actor.accountId,
    ),
  ]);
  const items = p.items.map((d) => toDeliberation(d, ctx.actor, subjects.get(d.id)!, mine.get(d.id)!));
  return { items, nextCursor: p.nextCursor, total };
}

/** Edits the meeting's details, the research report or the minutes while the deliberation runs. */
export async function updateDeliberation(ctx: AuthedContext, id: string, body: z.output<typeof updateDeliberationBody>) {
  return ctx.db.transaction().execute(async (trx) => {
    const d = await load(trx, id);
    await ensureRunner(trx, ctx.actor, d, ['draft', 'preparing', 'scheduled', 'inSession'], 'edit this deliberation');
    if (body.minutes !== undefined && d.state !== 'inSession') throw invalid('body.minutes', 'minutes are written during the meeting');
    if (body.meetingAt !== undefined && d.state === 'inSession') throw invalid('body.meetingAt', 'the meeting has started');
    const values: Partial<DeliberationRow> = { updated_at: nowIso() };
    if (body.title !== undefined) values.title = body.title;
    if (body.meetingAt !== undefined) values.meeting_at = new Date(body.meetingAt).toISOString();
    if (body.place !== undefined) values.place = body.place;
    if (body.agenda !== undefined) values.agenda = body.agenda || null;
    if (body.agendaItems !== undefined) values.agenda_items_json = body.agendaItems.length ? JSON.stringify(body.agendaItems) : null;
    if (body.researchReport !== undefined) values.research_report = body.researchReport || null;
    if (body.minutes !== undefined) values.minutes = body.minutes || null;
    await store.updateDeliberation(trx, id, values);
    const { updated_at: _u, ...changed } = values;
    await audit(trx, ctx, {
      entity: 'deliberation',
      entityId: id,
      action: 'update',
      before: Object.fromEntries(Object.keys(changed).map((k) => [k, d[k as keyof DeliberationRow]])),
      after: changed,
    });
    return view(trx, id, ctx.actor);
  });
}

/** Takes a lifecycle action; refusals name the preconditions that failed. */
export async function transitionDeliberation(
  ctx: AuthedContext,
  id: string,
  action: string,
  body: z.output<typeof deliberationTransitionBody>,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const d = await load(trx, id);
    const subject = await subjectOf(trx, d);
    const tr = await checkTransition(deliberationLifecycle, action, d.state as DeliberationState, ctx.actor, subject, body.reason);
    await applyTransition(trx, ctx, d, subject, action, tr.to, body.reason);
    return view(trx, id, ctx.actor);
  });
}

/** Writes a checked transition: the new state and what it brings, the notifications, the audit. */
async function applyTransition(
  trx: Executor,
  source: AuditSource,
  d: store.DeliberationView,
  subject: DeliberationSubject,
  action: string,
  to: DeliberationState,
  reason?: string,
) {
  const id = d.id;
  const values: Partial<DeliberationRow> = { state: to, updated_at: nowIso() };
  if (to === 'cancelled') values.cancel_reason = reason!.trim();
  await notifyParticipants(trx, d, to, reason);
  if (to === 'feedbackPublished') values.feedback_published_at = nowIso();
  if (to === 'evaluated') {
    const q = qualityScore(await qualityInputs(trx, id, participationCheck(subject.counts, subject.settings).requiredPublic));
    values.quality_json = JSON.stringify({ total: q.total, parts: q.parts, weights: q.weights, satisfactionRate: q.satisfactionRate });
  }
  await store.updateDeliberation(trx, id, values);
  await audit(trx, source, {
    entity: 'deliberation',
    entityId: id,
    action,
    before: { state: d.state },
    after: { state: to, reason: reason ?? null },
  });
}

/**
 * Issue 3 point 7: a deliberation closes when its evaluation window ends. For each deliberation
 * whose feedback is published and whose body gives a rating window (a zero-day window means the
 * convener evaluates when the ratings are in), once the window has ended the platform evaluates
 * it (the quality score) and closes it, through the same lifecycle table and preconditions, and
 * records the steps in the audit log with no actor. Returns how many it closed.
 */
export async function endEvaluationWindows(deps: Pick<Deps, 'db'>): Promise<number> {
  const due = await store.deliberationsInState(deps.db, 'feedbackPublished');
  let closed = 0;
  for (const { id } of due) {
    const done = await deps.db.transaction().execute(async (trx) => {
      const d = await store.findDeliberation(trx, id);
      if (!d || d.state !== 'feedbackPublished') return false;
      const subject = await subjectOf(trx, d);
      if (subject.settings.evaluationDays <= 0) return false;
      try {
        await checkAutomaticTransition(deliberationLifecycle, 'evaluate', 'feedbackPublished', subject);
      } catch (e) {
        if (e instanceof AppError && e.code === 'precondition_failed') return false;
        throw e;
      }
      await applyTransition(trx, SYSTEM, d, subject, 'evaluate', 'evaluated');
      const evaluated = (await store.findDeliberation(trx, id))!;
      const after = await subjectOf(trx, evaluated);
      await checkAutomaticTransition(deliberationLifecycle, 'close', 'evaluated', after);
      await applyTransition(trx, SYSTEM, evaluated, after, 'close', 'closed');
      return true;
    });
    if (done) closed++;
  }
  return closed;
}

/** The platform itself, in the audit log (no account; the address says why). */
const SYSTEM: AuditSource = { actor: null, ip: 'system: evaluation window' };

/** The agenda for the notice: timed items with their start times, then the notes. */
function agendaText(d: DeliberationRow): string {
  const items = (d.agenda_items_json ? JSON.parse(d.agenda_items_json) : []) as { title: string; minutes: number }[];
  let at = d.meeting_at ? Date.parse(d.meeting_at) : 0;
  const hhmm = (ms: number) => chinaTime(ms).slice(11, 16);
  const timed = items.map((i) => {
    const line = `${at ? `${hhmm(at)} ` : ''}${i.title}（${i.minutes} 分钟）`;
    at += i.minutes * 60_000;
    return line;
  });
  const parts = [timed.length ? `议程：${timed.join('；')}。` : '', d.agenda ? `${d.agenda} ` : ''];
  return parts.join('');
}

/** Tells the participants with accounts what the step means for them (in the same transaction). */
async function notifyParticipants(trx: Executor, d: store.DeliberationView, to: string, reason?: string) {
  const accountIds = (await store.listParticipants(trx, d.id))
    .filter((p) => p.account_id && p.answer !== 'declined')
    .map((p) => p.account_id!);
  const link = `/deliberations/${d.id}`;
  const when = d.meeting_at
    ? new Date(d.meeting_at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long', timeStyle: 'short' })
    : '';
  const messages: Record<string, { title: string; body: string }> = {
    scheduled: {
      title: `协商会议通知：${d.title}`,
      body: `会议定于 ${when} 在 ${d.place ?? d.room_name} 举行。${agendaText(d)}会前材料（调研报告）可在平台查看。请准时参加，到场后扫码签到。`,
    },
    feedbackPublished: { title: `协商结果反馈：${d.title}`, body: '三张清单的落实结果已公布，欢迎查看并对协商成果作出满意度评价。' },
    cancelled: { title: `协商活动取消：${d.title}`, body: `原因：${reason ?? ''}` },
  };
  const m = messages[to];
  if (m) await notify(trx, { accountIds, kind: `deliberation.${to}`, title: m.title, body: m.body, link, email: true });
}

function toParticipant(p: ParticipantRow) {
  return {
    id: p.id,
    deliberationId: p.deliberation_id,
    category: p.category as z.infer<typeof inviteBody>['category'],
    name: p.name,
    accountId: p.account_id,
    departmentId: p.department_id,
    answer: p.answer as 'pending' | 'accepted' | 'declined',
    invitedAt: p.invited_at,
    answeredAt: p.answered_at,
    remindedAt: p.reminded_at,
    signedInAt: p.signed_in_at,
    source: p.source as 'invited' | 'lottery' | 'replacement',
    volunteerId: p.volunteer_id,
  };
}

/**
 * Invites a participant. The place for the fair lottery (issue 5): a panel drawn from volunteers
 * arrives here as invitations with source `lottery`, and replacements with source `replacement`.
 */
export async function invite(
  ctx: AuthedContext,
  id: string,
  body: z.output<typeof inviteBody>,
  source: ParticipantRow['source'] = 'invited',
) {
  return ctx.db.transaction().execute(async (trx) => {
    const d = await load(trx, id);
    await ensureRunner(trx, ctx.actor, d, ['draft', 'preparing', 'scheduled'], 'invite participants');
    if (body.category === 'department' && !body.departmentId) throw invalid('body.departmentId', 'required for a department participant');
    if (body.departmentId) {
      const dep = await findNode(trx, body.departmentId);
      if (!dep || dep.kind !== 'department') throw invalid('body.departmentId', 'no such department');
    }
    if (body.accountId) {
      const acc = await trx.selectFrom('account').select('id').where('id', '=', body.accountId).executeTakeFirst();
      if (!acc) throw invalid('body.accountId', 'no such account');
      const dup = await trx
        .selectFrom('participant')
        .select('id')
        .where('deliberation_id', '=', id)
        .where('account_id', '=', body.accountId)
        .where('answer', '!=', 'declined')
        .executeTakeFirst();
      if (dup) throw conflict('this person is already invited');
    }
    // An invitation by phone reaches the account registered with that phone, if there is one,
    // so that the invited person answers and signs in themselves.
    let accountId = body.accountId ?? null;
    if (!accountId && body.phone) {
      accountId = (await trx.selectFrom('account').select('id').where('phone', '=', body.phone).executeTakeFirst())?.id ?? null;
      const dup =
        accountId &&
        (await trx
          .selectFrom('participant')
          .select('id')
          .where('deliberation_id', '=', id)
          .where('account_id', '=', accountId)
          .where('answer', '!=', 'declined')
          .executeTakeFirst());
      if (dup) throw conflict('this person is already invited');
    }
    if (body.memberId) {
      const m = await trx.selectFrom('member').select('id').where('id', '=', body.memberId).executeTakeFirst();
      if (!m) throw invalid('body.memberId', 'no such member');
    }
    const row: ParticipantRow = {
      id: newId(),
      deliberation_id: id,
      category: body.category,
      name: body.name,
      account_id: accountId,
      member_id: body.memberId ?? null,
      department_id: body.departmentId ?? null,
      phone: body.phone ?? null,
      answer: 'pending',
      source,
      invited_at: nowIso(),
      answered_at: null,
      reminded_at: null,
      signed_in_at: null,
      sign_in_by: null,
      volunteer_id: null,
    };
    await store.insertParticipant(trx, row);
    if (row.account_id) {
      await notify(trx, {
        accountIds: [row.account_id],
        kind: 'deliberation.invited',
        title: `协商邀请：${d.title}`,
        body: `您受邀参加“${d.room_name}”的协商议事，请在平台上确认是否参加。`,
        link: `/deliberations/${id}`,
        email: true,
      });
    }
    await audit(trx, ctx, {
      entity: 'participant',
      entityId: row.id,
      action: 'invite',
      after: { ...row, phone: row.phone ? '***' : null },
    });
    return toParticipant(row);
  });
}

/** The participants of a deliberation. */
export async function listParticipants(ctx: AuthedContext, id: string) {
  const d = await load(ctx.db, id);
  await ensureCanRead(ctx.db, ctx.actor, d);
  const rows = await store.listParticipants(ctx.db, id);
  // Residents and stakeholders (a panel drawn by lot, say) are named in full only to the room's
  // convener and staff, and to themselves (UI.md, 个人信息保护法); others see 张*三.
  const full = holdsOver(ctx.actor, ['convener', 'staff', 'admin'], d.room_path);
  const items = rows.map((r) =>
    full || r.account_id === ctx.actor.accountId || !publicCategories.includes(r.category as never)
      ? toParticipant(r)
      : { ...toParticipant(r), name: maskName(r.name) },
  );
  return { items, nextCursor: null, total: rows.length };
}

/** An invited person answers, or the convener records their answer. */
export async function answer(ctx: AuthedContext, id: string, participantId: string, value: 'accepted' | 'declined') {
  return ctx.db.transaction().execute(async (trx) => {
    const d = await load(trx, id);
    const p = await store.findParticipant(trx, id, participantId);
    if (!p) throw notFound('participant');
    const self = p.account_id === ctx.actor.accountId;
    const room = (await findNode(trx, d.room_id))!;
    if (!self && !holdsOver(ctx.actor, ['convener', 'staff'], room.path))
      throw forbidden('only the invited person or the convener may answer');
    if (!['draft', 'preparing', 'scheduled'].includes(d.state))
      throw new AppError(409, 'invalid_transition', `answers are closed: the deliberation is ${d.state}`);
    await store.updateParticipant(trx, participantId, { answer: value, answered_at: nowIso() });
    await audit(trx, ctx, {
      entity: 'participant',
      entityId: participantId,
      action: 'answer',
      before: { answer: p.answer },
      after: { answer: value },
    });
    return toParticipant({ ...p, answer: value, answered_at: nowIso() });
  });
}

/** Staff sign a participant in by hand (the QR sign-in uses the same record). */
export async function signIn(ctx: AuthedContext, id: string, participantId: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const d = await load(trx, id);
    await ensureRunner(trx, ctx.actor, d, ['scheduled', 'inSession'], 'sign people in');
    const p = await store.findParticipant(trx, id, participantId);
    if (!p) throw notFound('participant');
    if (p.answer === 'declined') throw conflict('this person declined the invitation');
    if (p.signed_in_at) return toParticipant(p);
    const at = nowIso();
    await store.updateParticipant(trx, participantId, { signed_in_at: at, sign_in_by: ctx.actor.accountId });
    await audit(trx, ctx, { entity: 'participant', entityId: participantId, action: 'signIn', after: { at } });
    return toParticipant({ ...p, signed_in_at: at });
  });
}

/** Adds a research task before the meeting. */
export async function addResearchTask(ctx: AuthedContext, id: string, body: z.output<typeof researchTaskBody>) {
  return ctx.db.transaction().execute(async (trx) => {
    const d = await load(trx, id);
    await ensureRunner(trx, ctx.actor, d, ['draft', 'preparing'], 'plan research');
    if (body.assigneeId && !(await trx.selectFrom('account').select('id').where('id', '=', body.assigneeId).executeTakeFirst())) {
      throw invalid('body.assigneeId', 'no such account');
    }
    const row = {
      id: newId(),
      deliberation_id: id,
      title: body.title,
      assignee_id: body.assigneeId ?? null,
      due_date: body.dueDate,
      findings: null,
      done_at: null,
      created_at: nowIso(),
    };
    await trx.insertInto('research_task').values(row).execute();
    await audit(trx, ctx, { entity: 'research_task', entityId: row.id, action: 'create', after: row });
    return toTask(row);
  });
}

const toTask = (
  r: {
    id: string;
    deliberation_id: string;
    title: string;
    assignee_id: string | null;
    due_date: string;
    findings: string | null;
    done_at: string | null;
  },
  attachments: AttachmentInfo[] = [],
) => ({
  id: r.id,
  deliberationId: r.deliberation_id,
  title: r.title,
  assigneeId: r.assignee_id,
  dueDate: r.due_date,
  findings: r.findings,
  doneAt: r.done_at,
  attachments,
});

/** The research tasks of a deliberation. */
export async function listResearchTasks(ctx: AuthedContext, id: string) {
  const d = await load(ctx.db, id);
  await ensureCanRead(ctx.db, ctx.actor, d);
  const rows = await store.listResearchTasks(ctx.db, id);
  const files = await attachmentsOf(
    ctx.db,
    'research_task',
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toTask(r, files.get(r.id))), nextCursor: null, total: rows.length };
}

/** The assignee (or the convener) records a task's findings; the task is done. */
export async function completeResearchTask(
  ctx: AuthedContext,
  id: string,
  taskId: string,
  findings: string,
  fileIds: readonly string[] = [],
) {
  return ctx.db.transaction().execute(async (trx) => {
    const d = await load(trx, id);
    const task = await trx
      .selectFrom('research_task')
      .selectAll()
      .where('id', '=', taskId)
      .where('deliberation_id', '=', id)
      .executeTakeFirst();
    if (!task) throw notFound('research task');
    const room = (await findNode(trx, d.room_id))!;
    if (task.assignee_id !== ctx.actor.accountId && !holdsOver(ctx.actor, ['convener', 'staff'], room.path))
      throw forbidden('only the assignee or the convener');
    if (!['draft', 'preparing', 'scheduled'].includes(d.state))
      throw new AppError(409, 'invalid_transition', `research is closed: the deliberation is ${d.state}`);
    const at = nowIso();
    await trx.updateTable('research_task').set({ findings, done_at: at }).where('id', '=', taskId).execute();
    await attachFiles(trx, ctx.actor.accountId, { entity: 'research_task', entityId: taskId }, fileIds, 'body.attachmentIds');
    await audit(trx, ctx, {
      entity: 'research_task',
      entityId: taskId,
      action: 'complete',
      before: { findings: task.findings },
      after: { findings, attachmentIds: fileIds },
    });
    return toTask({ ...task, findings, done_at: at }, (await attachmentsOf(trx, 'research_task', [taskId])).get(taskId));
  });
}

/** Records a speech at the meeting; `interaction` marks an exchange with a department. */
export async function recordSpeech(ctx: AuthedContext, id: string, body: z.output<typeof speechBody>) {
  return ctx.db.transaction().execute((trx) => recordSpeechIn(trx, ctx, id, body));
}

/**
 * Records a speech in the caller's transaction (the live speaker queue logs speeches this way,
 * with the venue the speaker spoke from).
 */
export async function recordSpeechIn(
  trx: Executor,
  ctx: AuthedContext,
  id: string,
  body: z.output<typeof speechBody>,
  venue: string | null = null,
) {
  const d = await load(trx, id);
  await ensureRunner(trx, ctx.actor, d, ['inSession'], 'record speeches');
  const p = await store.findParticipant(trx, id, body.participantId);
  if (!p) throw invalid('body.participantId', 'not a participant of this deliberation');
  // The mandatory exchange (seed 七) is a department answering the participants: it is
  // recorded on the department's speech.
  if (body.interaction && p.category !== 'department') {
    throw invalid('body.interaction', "an exchange is recorded on a department participant's speech");
  }
  const row = {
    id: newId(),
    deliberation_id: id,
    participant_id: p.id,
    summary: body.summary,
    interaction: body.interaction ? 1 : 0,
    venue,
    at: nowIso(),
    recorded_by: ctx.actor.accountId,
  };
  await trx.insertInto('speech').values(row).execute();
  await audit(trx, ctx, { entity: 'speech', entityId: row.id, action: 'create', after: row });
  return {
    id: row.id,
    deliberationId: id,
    participantId: p.id,
    speakerName: p.name,
    category: p.category as z.infer<typeof inviteBody>['category'],
    summary: row.summary,
    interaction: body.interaction,
    venue: row.venue ?? null,
    at: row.at,
  };
}

/** The speeches of a meeting, in order. */
export async function listSpeeches(ctx: AuthedContext, id: string) {
  const d = await load(ctx.db, id);
  await ensureCanRead(ctx.db, ctx.actor, d);
  const rows = await store.listSpeeches(ctx.db, id);
  return {
    items: rows.map((r) => ({
      id: r.id,
      deliberationId: r.deliberation_id,
      participantId: r.participant_id,
      speakerName: r.speaker_name,
      category: r.category as z.infer<typeof inviteBody>['category'],
      summary: r.summary,
      interaction: r.interaction === 1,
      venue: r.venue,
      at: r.at,
    })),
    nextCursor: null,
    total: rows.length,
  };
}
