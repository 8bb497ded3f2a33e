import { nowIso } from '../clock.ts';
import type { Executor } from '../db/index.ts';
import { newId } from '../ids.ts';

/** Who did it and from where: taken from the request context. */
export interface AuditSource {
  actor: { accountId: string } | null;
  ip: string;
}

/** Hides secrets before anything reaches the audit log. */
function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = /password|token|secret/i.test(k) ? '[redacted]' : v;
  }
  return out;
}

/**
 * Appends one audit entry in the caller's transaction, so that the change and its record commit
 * or fail together. The table refuses updates and deletes (see the platform migration).
 */
export async function audit(
  db: Executor,
  source: AuditSource,
  entry: { entity: string; entityId: string; action: string; before?: unknown; after?: unknown },
): Promise<void> {
  const before = redact(entry.before);
  const after = redact(entry.after);
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: nowIso(),
      actor_id: source.actor?.accountId ?? null,
      ip: source.ip,
      entity: entry.entity,
      entity_id: entry.entityId,
      action: entry.action,
      before_json: before === null ? null : JSON.stringify(before),
      after_json: after === null ? null : JSON.stringify(after),
    })
    .execute();
}
