import type { FastifyInstance } from 'fastify';
import {
  deliberationParams,
  okBody,
  page,
  progressBody,
  progressReport,
  ratingBody,
  recommendation,
  recommendationBody,
  recommendationParams,
  responsibility,
  responsibilityActionParams,
  responsibilityBody,
  responsibilityListQuery,
  responsibilityParams,
  responsibilityTransitionBody,
} from '@shangliang/contract';
import { route } from '../../platform/http/route.ts';
import * as exporter from './export.ts';
import * as service from './outcome.service.ts';

const tags = ['outcome'];
const runners = { roles: ['admin', 'staff', 'convener'] } as const;

/** Routes of the three lists: recommendations, responsibilities (with feedback), and ratings. */
export function registerOutcomeRoutes(app: FastifyInstance): void {
  route(app, {
    method: 'GET',
    url: '/api/v1/deliberations/:id/recommendations',
    access: 'authenticated',
    summary: 'List 1: the recommendations',
    tags,
    params: deliberationParams,
    response: page(recommendation),
    handler: ({ params }, ctx) => service.listRecommendations(ctx, params.id),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/deliberations/:id/recommendations',
    access: runners,
    summary: 'Add a recommendation with its support in the room',
    tags,
    params: deliberationParams,
    body: recommendationBody,
    response: recommendation,
    status: 201,
    handler: ({ params, body }, ctx) => service.addRecommendation(ctx, params.id, body),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/deliberations/:id/recommendations/:recommendationId/responsibilities',
    access: runners,
    summary: 'List 2: assign a recommendation to a department with an action and a deadline',
    tags,
    params: recommendationParams,
    body: responsibilityBody,
    response: responsibility,
    status: 201,
    handler: ({ params, body }, ctx) => service.addResponsibility(ctx, params.id, params.recommendationId, body),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/responsibilities',
    access: { roles: ['admin', 'staff', 'leader', 'convener', 'department'] },
    summary: 'Responsibilities in your scope (a department: its own); overdue=true is the supervision view',
    tags,
    query: responsibilityListQuery,
    response: page(responsibility),
    handler: ({ query }, ctx) => service.listResponsibilities(ctx, query),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/responsibilities/export',
    access: { roles: ['admin', 'staff', 'leader', 'convener', 'department'] },
    summary: 'Every responsibility in your scope (with the same filters) as Excel',
    tags,
    query: responsibilityListQuery.omit({ cursor: true, limit: true }),
    raw: true,
    handler: async ({ query }, ctx) => exporter.exportResponsibilities(ctx, await service.responsibilityRowsInScope(ctx, query)),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/deliberations/:id/lists.xlsx',
    access: { roles: ['admin', 'staff', 'leader', 'convener'] },
    summary: 'The three lists as Excel (one sheet per list)',
    tags,
    params: deliberationParams,
    raw: true,
    handler: ({ params }, ctx) => exporter.exportLists(ctx, params.id),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/deliberations/:id/lists/print',
    access: { roles: ['admin', 'staff', 'leader', 'convener'] },
    summary: 'The three lists as a printable page',
    tags,
    params: deliberationParams,
    raw: true,
    handler: ({ params }, ctx) => exporter.printLists(ctx, params.id),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/responsibilities/:id/actions/:action',
    access: { roles: ['department'] },
    summary: 'The department accepts, starts, completes (with feedback and evidence), declines or cannot do it',
    tags,
    params: responsibilityActionParams,
    body: responsibilityTransitionBody,
    response: responsibility,
    handler: ({ params, body }, ctx) => service.transitionResponsibility(ctx, params.id, params.action, body),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/responsibilities/:id',
    access: { roles: ['admin', 'staff', 'leader', 'convener', 'department'] },
    summary: 'One responsibility in your scope',
    tags,
    params: responsibilityParams,
    response: responsibility,
    handler: ({ params }, ctx) => service.getResponsibility(ctx, params.id),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/responsibilities/:id/progress',
    access: { roles: ['admin', 'staff', 'leader', 'convener', 'department'] },
    summary: 'The progress reports of a responsibility',
    tags,
    params: responsibilityParams,
    response: page(progressReport),
    handler: ({ params }, ctx) => service.listProgress(ctx, params.id),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/responsibilities/:id/progress',
    access: { roles: ['department'] },
    summary: 'Report progress with evidence',
    tags,
    params: responsibilityParams,
    body: progressBody,
    response: progressReport,
    status: 201,
    handler: ({ params, body }, ctx) => service.reportProgress(ctx, params.id, body),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/deliberations/:id/ratings',
    access: 'authenticated',
    summary: 'A participant rates the outcome: satisfied, basically satisfied, unsatisfied',
    tags,
    params: deliberationParams,
    body: ratingBody,
    response: okBody,
    status: 201,
    handler: ({ params, body }, ctx) => service.rate(ctx, params.id, body),
  });
}
