import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  publicRoom,
  publicRoomListItem,
  publicRoomListQuery,
  qrQuery,
  roomParams,
  roomProfile,
  roomProfileBody,
} from '@shangliang/contract';
import { route } from '../../platform/http/route.ts';
import * as service from './rooms.service.ts';

const tags = ['rooms'];

/** Routes of a room: its public page, QR code, and profile. */
export function registerRoomRoutes(app: FastifyInstance): void {
  route(app, {
    method: 'GET',
    url: '/api/v1/public/rooms',
    access: 'public',
    summary: 'Find rooms by name (registration, public pages)',
    tags,
    query: publicRoomListQuery,
    response: z.object({ items: z.array(publicRoomListItem) }),
    handler: ({ query }, ctx) => service.findRooms(ctx, query.q, query.limit),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/public/rooms/:id',
    access: 'public',
    summary: "A room's public page: profile, current topics (names masked) and results",
    tags,
    params: roomParams,
    response: publicRoom,
    handler: ({ params }, ctx) => service.publicRoom(ctx, params.id),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/public/rooms/:id/qr',
    access: 'public',
    summary: "The room's QR code (PNG or SVG) opening its public page",
    tags,
    params: roomParams,
    query: qrQuery,
    raw: true,
    handler: ({ params, query }, ctx) => service.roomQr(ctx, params.id, query.format),
  });
  route(app, {
    method: 'PATCH',
    url: '/api/v1/rooms/:id/profile',
    access: { roles: ['admin', 'staff', 'convener'] },
    summary: "Edit a room's profile and rules",
    tags,
    params: roomParams,
    body: roomProfileBody,
    response: roomProfile,
    handler: ({ params, body }, ctx) => service.updateProfile(ctx, params.id, body),
  });
}
