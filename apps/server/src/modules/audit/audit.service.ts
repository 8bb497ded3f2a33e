import type { z } from 'zod';
import type { auditQuery, AuditEntry } from '@shangliang/contract';
import { holdsAny } from '../../platform/auth/actor.ts';
import { forbidden } from '../../platform/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { AuthedContext } from '../../platform/http/route.ts';
import { listAuditRows } from './audit.store.ts';

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

/**
 * A page of audit entries, newest first. Entries are not tied to org nodes, so browsing is for
 * staff and admins of a body; a county body's staff see what their own people did.
 */
export async function listAudit(ctx: AuthedContext, q: z.output<typeof auditQuery>) {
  if (!holdsAny(ctx.actor, ['admin', 'staff'])) throw forbidden();
  const { rows, total } = await listAuditRows(ctx.db, q, decodeCursor(q.cursor), q.limit);
  const p = pageOf(rows, q.limit, (r) => [r.at, r.id]);
  const items: AuditEntry[] = p.items.map((r) => ({
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    ip: r.ip,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    before: parse(r.before_json),
    after: parse(r.after_json),
  }));
  return { items, nextCursor: p.nextCursor, total };
}
