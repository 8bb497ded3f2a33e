import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { audit } from '../../platform/audit/audit.ts';
import { holdsOver } from '../../platform/auth/actor.ts';
import { nowIso } from '../../platform/clock.ts';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.ts';
import type { AuthedContext } from '../../platform/http/route.ts';
import { notify } from '../../platform/notify/index.ts';
import * as store from './deliberations.store.ts';

/**
 * The sign-in QR shown in the room: it carries a random code of this deliberation, made when
 * first shown; a participant scans it with their phone, logs in and is signed in. The code keeps
 * people who are not in the room from signing in from afar.
 */
export async function signInQr(ctx: AuthedContext, id: string, format: 'png' | 'svg') {
  const d = await store.findDeliberation(ctx.db, id);
  if (!d) throw notFound('deliberation');
  if (!holdsOver(ctx.actor, ['convener', 'staff'], d.room_path)) throw forbidden("only the room's convener or staff show the sign-in code");
  if (!['scheduled', 'inSession'].includes(d.state))
    throw new AppError(409, 'invalid_transition', `sign-in is open on the meeting day only (the deliberation is ${d.state})`);
  let code = d.sign_in_code;
  if (!code) {
    code = randomBytes(12).toString('base64url');
    await store.updateDeliberation(ctx.db, id, { sign_in_code: code });
  }
  const url = `${ctx.config.PUBLIC_URL.replace(/\/$/, '')}/s/${id}?code=${code}`;
  if (format === 'svg')
    return ctx.reply.type('image/svg+xml').send(await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
  return ctx.reply.type('image/png').send(await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 768 }));
}

/** An invited participant signs themselves in with the code from the room's QR. */
export async function selfSignIn(ctx: AuthedContext, id: string, code: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const d = await store.findDeliberation(trx, id);
    if (!d) throw notFound('deliberation');
    if (!['scheduled', 'inSession'].includes(d.state)) throw new AppError(409, 'invalid_transition', 'sign-in is closed');
    if (!d.sign_in_code || d.sign_in_code !== code)
      throw new AppError(400, 'validation_failed', 'body.code: wrong sign-in code; scan the code shown in the room', [
        { field: 'body.code', message: 'wrong sign-in code' },
      ]);
    const p = await trx
      .selectFrom('participant')
      .selectAll()
      .where('deliberation_id', '=', id)
      .where('account_id', '=', ctx.actor.accountId)
      .where('answer', '!=', 'declined')
      .executeTakeFirst();
    if (!p) throw forbidden('you are not invited to this meeting; ask the convener at the desk');
    if (p.signed_in_at) return { signedInAt: p.signed_in_at, name: p.name, already: true };
    const at = nowIso();
    await trx
      .updateTable('participant')
      .set({ signed_in_at: at, sign_in_by: ctx.actor.accountId, answer: 'accepted' })
      .where('id', '=', p.id)
      .execute();
    await audit(trx, ctx, { entity: 'participant', entityId: p.id, action: 'signIn', after: { at, method: 'qr' } });
    return { signedInAt: at, name: p.name, already: false };
  });
}

/** Reminds an invited person who has not answered (in-app and email). */
export async function remindInvitee(ctx: AuthedContext, id: string, participantId: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const d = await store.findDeliberation(trx, id);
    if (!d) throw notFound('deliberation');
    if (!holdsOver(ctx.actor, ['convener', 'staff'], d.room_path)) throw forbidden("only the room's convener or staff");
    const p = await store.findParticipant(trx, id, participantId);
    if (!p) throw notFound('participant');
    if (p.answer !== 'pending') throw conflict(`this person has already ${p.answer}`);
    if (!p.account_id) throw new AppError(409, 'precondition_failed', 'this person has no account: remind them by phone');
    const at = nowIso();
    await store.updateParticipant(trx, participantId, { reminded_at: at });
    await notify(trx, {
      accountIds: [p.account_id],
      kind: 'deliberation.reminder',
      title: `请确认是否参加：${d.title}`,
      body: `“${d.room_name}”邀请您参加协商议事，请在平台上确认是否参加。`,
      link: `/deliberations/${id}`,
      email: true,
    });
    await audit(trx, ctx, { entity: 'participant', entityId: participantId, action: 'remind', after: { at } });
    return { ok: true as const, remindedAt: at };
  });
}
