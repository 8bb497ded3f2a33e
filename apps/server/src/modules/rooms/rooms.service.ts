import QRCode from 'qrcode';
import type { z } from 'zod';
import type { roomProfileBody } from '@shangliang/contract';
import { audit } from '../../platform/audit/audit.ts';
import { holdsOver, type Actor } from '../../platform/auth/actor.ts';
import { nowIso } from '../../platform/clock.ts';
import { containsText, type Executor } from '../../platform/db/index.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { AuthedContext, RequestContext } from '../../platform/http/route.ts';
import { publicResults } from '../deliberations/index.ts';
import { findNode } from '../org/index.ts';
import { publicTopics } from '../topics/index.ts';
import * as store from './rooms.store.ts';

/** The address a room's QR code opens: its public page in the web app. */
export const roomPublicUrl = (publicBase: string, roomId: string) => `${publicBase.replace(/\/$/, '')}/r/${roomId}`;

async function loadRoom(db: Executor, id: string) {
  const room = await findNode(db, id);
  if (!room || room.kind !== 'room' || room.archived_at) throw notFound('room');
  return room;
}

async function profileOf(db: Executor, id: string, actor: Actor | null, publicBase: string) {
  const room = await loadRoom(db, id);
  const [town, p, legs] = await Promise.all([
    findNode(db, room.parent_id!),
    store.findProfile(db, id),
    db.selectFrom('org_node').select(['kind', 'name']).where('parent_id', '=', id).where('archived_at', 'is', null).execute(),
  ]);
  return {
    roomId: room.id,
    name: room.name,
    address: room.address,
    townName: town?.name ?? '',
    openingHours: p?.opening_hours ?? null,
    firstConvener: p?.first_convener ?? null,
    executiveConvener: p?.executive_convener ?? null,
    participationScope: p?.participation_scope ?? null,
    discussionPrinciples: p?.discussion_principles ?? null,
    procedure: p?.procedure ?? null,
    meansOfExchange: p?.means_of_exchange ?? null,
    memberStudio: legs.find((l) => l.kind === 'memberStudio')?.name ?? null,
    contactPoint: legs.find((l) => l.kind === 'contactPoint')?.name ?? null,
    publicUrl: roomPublicUrl(publicBase, room.id),
    abilities: { update: !!actor && holdsOver(actor, ['convener', 'staff'], room.path) },
  };
}

/** Rooms whose name (or town's) contains the text, with their town and body, by name. */
export async function findRooms(ctx: RequestContext, q: string | undefined, limit: number) {
  const rows = await ctx.db
    .selectFrom('org_node as room')
    .innerJoin('org_node as town', 'town.id', 'room.parent_id')
    .innerJoin('org_node as body', 'body.id', 'town.parent_id')
    .select(['room.id', 'room.name', 'town.name as townName', 'body.name as bodyName'])
    .where('room.kind', '=', 'room')
    .where('room.archived_at', 'is', null)
    .$if(!!q, (qb) => qb.where((eb) => eb.or([containsText(ctx.db, 'room.name', q!), containsText(ctx.db, 'town.name', q!)])))
    .orderBy('body.name')
    .orderBy('room.name')
    .limit(limit)
    .execute();
  return { items: rows };
}

/** The room's public page: profile, current topics (proposers masked) and results. */
export async function publicRoom(ctx: RequestContext, id: string) {
  const profile = await profileOf(ctx.db, id, ctx.actor, ctx.config.PUBLIC_URL);
  const [topics, deliberations] = await Promise.all([publicTopics(ctx.db, id), publicResults(ctx.db, id)]);
  return { profile, topics, deliberations };
}

/** The convener or staff edit the room's profile and rules. */
export async function updateProfile(ctx: AuthedContext, id: string, body: z.output<typeof roomProfileBody>) {
  return ctx.db.transaction().execute(async (trx) => {
    const room = await loadRoom(trx, id);
    if (!holdsOver(ctx.actor, ['convener', 'staff'], room.path)) throw forbidden("only the room's convener or staff");
    const before = await store.findProfile(trx, id);
    const pick = <K extends keyof typeof body>(k: K, col: keyof store.RoomProfileRow) =>
      body[k] !== undefined ? (body[k] as string) || null : ((before?.[col] as string | null | undefined) ?? null);
    const row: store.RoomProfileRow = {
      room_id: id,
      opening_hours: pick('openingHours', 'opening_hours'),
      first_convener: pick('firstConvener', 'first_convener'),
      executive_convener: pick('executiveConvener', 'executive_convener'),
      participation_scope: pick('participationScope', 'participation_scope'),
      discussion_principles: pick('discussionPrinciples', 'discussion_principles'),
      procedure: pick('procedure', 'procedure'),
      means_of_exchange: pick('meansOfExchange', 'means_of_exchange'),
      updated_at: nowIso(),
    };
    await store.saveProfile(trx, row);
    await audit(trx, ctx, { entity: 'room_profile', entityId: id, action: 'update', before: before ?? null, after: row });
    return profileOf(trx, id, ctx.actor, ctx.config.PUBLIC_URL);
  });
}

/** The room's QR code, printable: PNG at 1024 px or SVG, high error correction for wear. */
/** The printed QR code's width in pixels. */
const QR_WIDTH = 1024;

export async function roomQr(ctx: RequestContext, id: string, format: 'png' | 'svg') {
  await loadRoom(ctx.db, id);
  const url = roomPublicUrl(ctx.config.PUBLIC_URL, id);
  if (format === 'svg') {
    const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'H', margin: 2 });
    return ctx.reply.type('image/svg+xml').header('cache-control', 'public, max-age=3600').send(svg);
  }
  // 1,024 px wide: the library's scale is width / (modules + margins) and its width the floor of
  // that product back, which floating point puts at 1,023 for some module counts (about one room id
  // in sixty); a hair more than 1,024 always floors to 1,024.
  const png = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'H', margin: 2, width: QR_WIDTH + 1e-6 });
  return ctx.reply.type('image/png').header('cache-control', 'public, max-age=3600').send(png);
}
