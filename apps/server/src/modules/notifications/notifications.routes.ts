import type { FastifyInstance } from 'fastify';
import { notification, notificationListQuery, notificationPage, notificationParams, readAllResult } from '@shangliang/contract';
import { route } from '../../platform/http/route.ts';
import * as service from './notifications.service.ts';

const tags = ['notifications'];

/** Routes of the actor's own inbox. */
export function registerNotificationRoutes(app: FastifyInstance): void {
  route(app, {
    method: 'GET',
    url: '/api/v1/notifications',
    access: 'authenticated',
    summary: 'Your inbox, newest first, with the number unread',
    tags,
    query: notificationListQuery,
    response: notificationPage,
    handler: ({ query }, ctx) => service.listInbox(ctx, query),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/notifications/read-all',
    access: 'authenticated',
    summary: 'Mark all your notifications read',
    tags,
    response: readAllResult,
    handler: (_input, ctx) => service.markAllRead(ctx),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/notifications/:id/read',
    access: 'authenticated',
    summary: 'Mark one of your notifications read',
    tags,
    params: notificationParams,
    response: notification,
    handler: ({ params }, ctx) => service.markRead(ctx, params.id),
  });
}
