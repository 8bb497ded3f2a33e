import type { z } from 'zod';
import type { Topic, TopicState, proposeTopicBody, topicListQuery, topicTransitionBody } from '@shangliang/contract';
import { audit } from '../../platform/audit/audit.ts';
import { holdsAny, holdsOver, type Actor } from '../../platform/auth/actor.ts';
import { nowIso } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/index.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { AuthedContext } from '../../platform/http/route.ts';
import { newId } from '../../platform/ids.ts';
import { notify } from '../../platform/notify/index.ts';
import { checkTransition, nextActions } from '../../platform/lifecycle.ts';
import { maskName } from '../../platform/privacy.ts';
import { attachFiles, attachmentsOf, type AttachmentInfo } from '../files/index.ts';
import { findNode } from '../org/index.ts';
import { settingsAt } from '../rules/index.ts';
import { isScreener, topicLifecycle, type TopicSubject } from './topics.lifecycle.ts';
import * as store from './topics.store.ts';

/** Who sees the proposer in full: the room's convener and staff, and the proposer. */
const seesFullName = (actor: Actor | null, t: store.TopicView) =>
  !!actor && (actor.accountId === t.proposer_id || holdsOver(actor, ['convener', 'staff', 'admin'], t.room_path));

type RoomRules = Pick<TopicSubject, 'room' | 'approvalRequired'>;

/** A room and whether its body requires approval of topics. */
async function roomRules(db: Executor, roomId: string): Promise<RoomRules> {
  const [room, settings] = await Promise.all([findNode(db, roomId), settingsAt(db, roomId)]);
  return { room: room!, approvalRequired: settings.topicApprovalRequired };
}

async function subjectOf(db: Executor, t: store.TopicView, mergeIntoId?: string, rules?: RoomRules): Promise<TopicSubject> {
  const r = rules ?? (await roomRules(db, t.room_id));
  const mergeInto = mergeIntoId ? ((await store.findTopic(db, mergeIntoId)) ?? null) : undefined;
  return { topic: t, ...r, mergeInto };
}

/** A topic as the actor may see it, with the next actions they may take. */
export function toTopic(
  t: store.TopicView,
  actor: Actor | null,
  supported: boolean,
  subject?: TopicSubject,
  attachments: AttachmentInfo[] = [],
): Topic {
  const open = !['declined', 'merged', 'withdrawn'].includes(t.state);
  return {
    id: t.id,
    roomId: t.room_id,
    roomName: t.room_name,
    title: t.title,
    description: t.description,
    category: t.category as Topic['category'],
    place: t.place,
    state: t.state as TopicState,
    source: t.source as Topic['source'],
    proposerName: seesFullName(actor, t) ? t.proposer_name : maskName(t.proposer_name),
    supportCount: t.support_count,
    commentCount: t.comment_count,
    supportedByMe: supported,
    declineReason: t.decline_reason,
    mergedIntoId: t.merged_into_id,
    attachments,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    nextActions: actor && subject ? nextActions(topicLifecycle, t.state as TopicState, actor, subject) : [],
    abilities: {
      support: !!actor && open && actor.accountId !== t.proposer_id,
      comment: !!actor && open,
    },
  };
}

/** Raises a topic for a room: a resident, a member, or staff entering what a contact point collected. */
export async function proposeTopic(ctx: AuthedContext, body: z.output<typeof proposeTopicBody>) {
  const source = body.source ?? (holdsAny(ctx.actor, ['member']) ? 'member' : 'resident');
  if (source === 'member' && !holdsAny(ctx.actor, ['member'])) throw invalid('body.source', 'only CPPCC members propose as members');
  if (source === 'contactPoint' && !holdsAny(ctx.actor, ['staff', 'convener', 'admin'])) {
    throw invalid('body.source', 'only staff or conveners enter topics from a contact point');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const room = await findNode(trx, body.roomId);
    if (!room || room.kind !== 'room' || room.archived_at) throw invalid('body.roomId', 'no such room');
    const t = nowIso();
    const row = {
      id: newId(),
      room_id: room.id,
      title: body.title,
      description: body.description,
      category: body.category,
      place: body.place || null,
      state: 'proposed',
      source,
      proposer_id: ctx.actor.accountId,
      merged_into_id: null,
      decline_reason: null,
      support_count: 0,
      comment_count: 0,
      created_at: t,
      updated_at: t,
    };
    await store.insertTopic(trx, row);
    await attachFiles(trx, ctx.actor.accountId, { entity: 'topic', entityId: row.id }, body.attachmentIds, 'body.attachmentIds');
    await audit(trx, ctx, { entity: 'topic', entityId: row.id, action: 'propose', after: { ...row, attachmentIds: body.attachmentIds } });
    const view = (await store.findTopic(trx, row.id))!;
    return toTopic(view, ctx.actor, false, await subjectOf(trx, view), (await attachmentsOf(trx, 'topic', [row.id])).get(row.id));
  });
}

/** One topic. */
export async function getTopic(ctx: AuthedContext, id: string) {
  const t = await store.findTopic(ctx.db, id);
  if (!t) throw notFound('topic');
  const supported = await store.supportedBy(ctx.db, ctx.actor.accountId, [id]);
  return toTopic(t, ctx.actor, supported.has(id), await subjectOf(ctx.db, t), (await attachmentsOf(ctx.db, 'topic', [id])).get(id));
}

/** A page of topics (newest first), filtered by room, state, category and text. */
export async function listTopics(ctx: AuthedContext, q: z.output<typeof topicListQuery>) {
  const { rows, total } = await store.listTopics(
    ctx.db,
    { roomId: q.roomId, state: q.state, category: q.category, q: q.q || undefined },
    decodeCursor(q.cursor),
    q.limit,
  );
  const p = pageOf(rows, q.limit, (r) => [r.created_at, r.id]);
  const supported = await store.supportedBy(
    ctx.db,
    ctx.actor.accountId,
    p.items.map((r) => r.id),
  );
  const files = await attachmentsOf(
    ctx.db,
    'topic',
    p.items.map((r) => r.id),
  );
  // A page usually holds the topics of one or a few rooms: load each room's rules once.
  const rules = new Map<string, Promise<RoomRules>>();
  const rulesOf = (roomId: string) => rules.get(roomId) ?? rules.set(roomId, roomRules(ctx.db, roomId)).get(roomId)!;
  const items = [];
  for (const t of p.items) {
    items.push(
      toTopic(t, ctx.actor, supported.has(t.id), await subjectOf(ctx.db, t, undefined, await rulesOf(t.room_id)), files.get(t.id)),
    );
  }
  return { items, nextCursor: p.nextCursor, total };
}

/** Takes a lifecycle action on a topic (accept, decline, merge, approve, select, withdraw…). */
export async function transitionTopic(ctx: AuthedContext, id: string, action: string, body: z.output<typeof topicTransitionBody>) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await store.findTopic(trx, id);
    if (!t) throw notFound('topic');
    const subject = await subjectOf(trx, t, body.mergeIntoId);
    const tr = await checkTransition(topicLifecycle, action, t.state as TopicState, ctx.actor, subject, body.reason);
    const values = {
      state: tr.to,
      updated_at: nowIso(),
      ...(tr.needsReason && tr.to === 'declined' ? { decline_reason: body.reason!.trim() } : {}),
      ...(tr.to === 'merged' ? { merged_into_id: subject.mergeInto!.id } : {}),
    };
    await store.updateTopic(trx, id, values);
    if (tr.to === 'merged') {
      // The duplicate's supporters now count for the topic it joined.
      const supporters = await trx.selectFrom('topic_support').select('account_id').where('topic_id', '=', id).execute();
      for (const s of supporters) await store.addSupport(trx, subject.mergeInto!.id, s.account_id, nowIso());
    }
    const told: Record<string, string> = {
      accepted: '您提出的议题已被受理，将进入议题确定程序。',
      declined: `您提出的议题未被受理。原因：${body.reason ?? ''}`,
      merged: '您提出的议题与另一议题内容相近，已合并办理，支持数一并计入。',
      selected: '您提出的议题已确定为协商议题，议事室将组织协商。',
    };
    if (told[tr.to] && t.proposer_id !== ctx.actor.accountId) {
      await notify(trx, {
        accountIds: [t.proposer_id],
        kind: `topic.${tr.to}`,
        title: `议题进展：${t.title}`,
        body: told[tr.to]!,
        link: `/topics/${id}`,
      });
    }
    await audit(trx, ctx, {
      entity: 'topic',
      entityId: id,
      action,
      before: { state: t.state },
      after: { state: tr.to, reason: body.reason ?? null, mergeIntoId: body.mergeIntoId ?? null },
    });
    const view = (await store.findTopic(trx, id))!;
    const supported = await store.supportedBy(trx, ctx.actor.accountId, [id]);
    return toTopic(view, ctx.actor, supported.has(id), await subjectOf(trx, view), (await attachmentsOf(trx, 'topic', [id])).get(id));
  });
}

/** Supports (或 withdraws support for) an open topic; the proposer cannot support their own. */
export async function setSupport(ctx: AuthedContext, id: string, on: boolean) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await store.findTopic(trx, id);
    if (!t) throw notFound('topic');
    if (['declined', 'merged', 'withdrawn'].includes(t.state)) throw conflict(`the topic is ${t.state}`);
    if (t.proposer_id === ctx.actor.accountId) throw forbidden('you proposed this topic');
    const changed = on
      ? await store.addSupport(trx, id, ctx.actor.accountId, nowIso())
      : await store.removeSupport(trx, id, ctx.actor.accountId);
    if (changed) await audit(trx, ctx, { entity: 'topic', entityId: id, action: on ? 'support' : 'unsupport' });
    const view = (await store.findTopic(trx, id))!;
    return toTopic(view, ctx.actor, on, await subjectOf(trx, view), (await attachmentsOf(trx, 'topic', [id])).get(id));
  });
}

/** Comments on an open topic. */
export async function commentOn(ctx: AuthedContext, id: string, body: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await store.findTopic(trx, id);
    if (!t) throw notFound('topic');
    if (['declined', 'merged', 'withdrawn'].includes(t.state)) throw conflict(`the topic is ${t.state}`);
    const row = { id: newId(), topic_id: id, account_id: ctx.actor.accountId, body, created_at: nowIso() };
    await store.addComment(trx, row);
    await audit(trx, ctx, { entity: 'topic_comment', entityId: row.id, action: 'create', after: row });
    return { id: row.id, topicId: id, authorName: ctx.actor.displayName, body, createdAt: row.created_at };
  });
}

/** A topic's comments, oldest first; authors masked unless the actor screens the room. */
export async function listComments(ctx: AuthedContext, id: string, cursor: string | undefined, limit: number) {
  const t = await store.findTopic(ctx.db, id);
  if (!t) throw notFound('topic');
  const room = (await findNode(ctx.db, t.room_id))!;
  const full = isScreener(ctx.actor, { topic: t, room, approvalRequired: false });
  const after = decodeCursor(cursor);
  const rows = await store.listComments(ctx.db, id, limit, after?.id ?? null);
  const p = pageOf(rows, limit, (r) => [r.created_at, r.id]);
  return {
    items: p.items.map((r) => ({
      id: r.id,
      topicId: r.topic_id,
      authorName: full ? r.display_name : maskName(r.display_name),
      body: r.body,
      createdAt: r.created_at,
    })),
    nextCursor: p.nextCursor,
    total: t.comment_count,
  };
}

/** A room's topics as anyone sees them: proposers masked (个人信息保护法). */
export async function publicTopics(db: Executor, roomId: string) {
  const rows = await store.publicTopicRows(db, roomId, 50);
  return rows.map((t) => ({
    id: t.id,
    title: t.title,
    category: t.category,
    state: t.state,
    proposerName: maskName(t.proposer_name),
    supportCount: t.support_count,
    createdAt: t.created_at,
  }));
}
