import type { FastifyInstance } from 'fastify';
import { abilities, deliberationSettings, settingsParams, updateDeliberationSettingsBody } from '@shangliang/contract';
import { z } from 'zod';
import { route } from '../../platform/http/route.ts';
import * as service from './rules.service.ts';

const reply = deliberationSettings.extend({ bodyId: z.string().nullable(), inherited: z.boolean(), abilities });

/** Routes of a body's deliberation rules. */
export function registerRulesRoutes(app: FastifyInstance): void {
  route(app, {
    method: 'GET',
    url: '/api/v1/bodies/:bodyId/deliberation-settings',
    access: 'authenticated',
    summary: "A body's rules for deliberations (own or inherited)",
    tags: ['rules'],
    params: settingsParams,
    response: reply,
    handler: ({ params }, ctx) => service.getSettings(ctx, params.bodyId),
  });
  route(app, {
    method: 'PATCH',
    url: '/api/v1/bodies/:bodyId/deliberation-settings',
    access: { roles: ['admin', 'staff'] },
    summary: "Change a body's rules for deliberations",
    tags: ['rules'],
    params: settingsParams,
    body: updateDeliberationSettingsBody,
    response: reply,
    handler: ({ params, body }, ctx) => service.updateSettings(ctx, params.bodyId, body),
  });
}
