import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createNodeBody, nodeListQuery, nodeParams, orgNode, orgNodeDetail, page, updateNodeBody } from '@shangliang/contract';
import { route } from '../../platform/http/route.ts';
import * as service from './org.service.ts';

const tags = ['org'];
const manage = { roles: ['admin', 'staff'] } as const;

/** Routes of the org tree. */
export function registerOrgRoutes(app: FastifyInstance): void {
  route(app, {
    method: 'GET',
    url: '/api/v1/org/nodes',
    access: 'authenticated',
    summary: 'List org nodes (filter by parent, kind, name)',
    tags,
    query: nodeListQuery,
    response: page(orgNode),
    handler: ({ query }, ctx) => service.listNodes(ctx, query),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/org/nodes/:id',
    access: 'authenticated',
    summary: 'One node with its parents, children and your abilities',
    tags,
    params: nodeParams,
    response: orgNodeDetail,
    handler: ({ params }, ctx) => service.getNodeDetail(ctx, params.id),
  });
  route(app, {
    method: 'GET',
    url: '/api/v1/org/nodes/:id/summary',
    access: 'authenticated',
    summary: 'Counts under a node: nodes by kind and members',
    tags,
    params: nodeParams,
    response: z.object({ nodeId: z.string(), byKind: z.record(z.string(), z.number()), members: z.number() }),
    handler: ({ params }, ctx) => service.nodeSummary(ctx, params.id),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/org/nodes',
    access: manage,
    summary: 'Create a node under a parent you manage',
    tags,
    body: createNodeBody,
    response: orgNodeDetail,
    status: 201,
    handler: ({ body }, ctx) => service.createNode(ctx, body),
  });
  route(app, {
    method: 'PATCH',
    url: '/api/v1/org/nodes/:id',
    access: manage,
    summary: 'Edit a node',
    tags,
    params: nodeParams,
    body: updateNodeBody,
    response: orgNode,
    handler: ({ params, body }, ctx) => service.updateNode(ctx, params.id, body),
  });
  route(app, {
    method: 'POST',
    url: '/api/v1/org/nodes/:id/archive',
    access: manage,
    summary: 'Archive a node without live children',
    tags,
    params: nodeParams,
    response: orgNode,
    handler: ({ params }, ctx) => service.archiveNode(ctx, params.id),
  });
}
