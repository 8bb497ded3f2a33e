import { defaultDeliberationSettings, type DeliberationSettings, type updateDeliberationSettingsBody } from '@shangliang/contract';
import type { z } from 'zod';
import { audit } from '../../platform/audit/audit.ts';
import { nowIso } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/index.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { AuthedContext } from '../../platform/http/route.ts';
import { canManage, findAncestors, findNode } from '../org/index.ts';
import * as store from './rules.store.ts';

type Row = NonNullable<Awaited<ReturnType<typeof store.findSettings>>>;

const fromRow = (r: Row): DeliberationSettings => ({
  topicApprovalRequired: r.topic_approval_required === 1,
  minParticipants: r.min_participants,
  maxParticipants: r.max_participants,
  minPublicSharePct: r.min_public_share_pct,
  researchReportRequired: r.research_report_required === 1,
  noticeDays: r.notice_days,
  evaluationDays: r.evaluation_days,
});

/**
 * The deliberation settings in force at a node: its nearest body's own, else the next body up,
 * else the defaults.
 */
export async function settingsAt(db: Executor, nodeId: string): Promise<DeliberationSettings & { bodyId: string | null }> {
  const node = await findNode(db, nodeId);
  if (!node) throw notFound('node');
  const chain = [...(await findAncestors(db, node)), node].filter((n) => n.kind === 'body').reverse();
  const rows = await store.findSettingsOf(
    db,
    chain.map((b) => b.id),
  );
  for (const b of chain) {
    const r = rows.find((x) => x.body_id === b.id);
    if (r) return { ...fromRow(r), bodyId: b.id };
  }
  return { ...defaultDeliberationSettings, bodyId: null };
}

/** A body's settings (own or inherited) for its settings page. */
export async function getSettings(ctx: AuthedContext, bodyId: string) {
  const body = await findNode(ctx.db, bodyId);
  if (!body || body.kind !== 'body') throw notFound('body');
  const s = await settingsAt(ctx.db, bodyId);
  return { ...s, inherited: s.bodyId !== bodyId, abilities: { update: canManage(ctx.actor, body) } };
}

/** Staff of a body change its settings. */
export async function updateSettings(ctx: AuthedContext, bodyId: string, body: z.output<typeof updateDeliberationSettingsBody>) {
  return ctx.db.transaction().execute(async (trx) => {
    const node = await findNode(trx, bodyId);
    if (!node || node.kind !== 'body') throw notFound('body');
    if (!canManage(ctx.actor, node)) throw forbidden('only staff of this body may change its rules');
    const { bodyId: _from, ...before } = await settingsAt(trx, bodyId);
    const next = { ...before, ...body };
    if (next.minParticipants > next.maxParticipants) throw invalid('body.minParticipants', 'cannot be more than the maximum');
    await store.saveSettings(trx, {
      body_id: bodyId,
      topic_approval_required: next.topicApprovalRequired ? 1 : 0,
      min_participants: next.minParticipants,
      max_participants: next.maxParticipants,
      min_public_share_pct: next.minPublicSharePct,
      research_report_required: next.researchReportRequired ? 1 : 0,
      notice_days: next.noticeDays,
      evaluation_days: next.evaluationDays,
      updated_at: nowIso(),
    });
    await audit(trx, ctx, { entity: 'deliberation_settings', entityId: bodyId, action: 'update', before, after: next });
    return { ...next, bodyId, inherited: false, abilities: { update: true } };
  });
}
