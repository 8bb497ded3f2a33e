import type { FastifyInstance } from 'fastify';
import { auditEntry, auditQuery, page } from '@shangliang/contract';
import { route } from '../../platform/http/route.ts';
import { listAudit } from './audit.service.ts';

/** Routes to browse the audit log. */
export function registerAuditRoutes(app: FastifyInstance): void {
  route(app, {
    method: 'GET',
    url: '/api/v1/audit',
    access: { roles: ['admin', 'staff'] },
    summary: 'Browse the audit log by entity, person and date',
    tags: ['audit'],
    query: auditQuery,
    response: page(auditEntry),
    handler: ({ query }, ctx) => listAudit(ctx, query),
  });
}
