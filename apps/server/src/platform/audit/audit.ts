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

type AuditEntry = { entity: string; entityId: string; action: string; before?: unknown; after?: unknown };

function auditRow(source: AuditSource, entry: AuditEntry, at: string) {
  const before = redact(entry.before);
  const after = redact(entry.after);
  return {
    id: newId(),
    at,
    actor_id: source.actor?.accountId ?? null,
    ip: source.ip,
    entity: entry.entity,
    entity_id: entry.entityId,
    action: entry.action,
    before_json: before === null ? null : JSON.stringify(before),
    after_json: after === null ? null : JSON.stringify(after),
  };
}

/** Appends several audit entries (each with its own source) in one insert, in the caller's transaction. */
export async function auditMany(db: Executor, entries: { source: AuditSource; entry: AuditEntry }[]): Promise<void> {
  const at = nowIso();
  // 9 values a row: well inside SQLite's 32,766 bound variables per statement.
  for (let i = 0; i < entries.length; i += 500) {
    await db
      .insertInto('audit_log')
      .values(entries.slice(i, i + 500).map((e) => auditRow(e.source, e.entry, at)))
      .execute();
  }
}

/**
 * Appends one audit entry in the caller's transaction, so that the change and its record commit
 * or fail together. The table refuses updates and deletes (see the platform migration).
 */
export async function audit(db: Executor, source: AuditSource, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values(auditRow(source, entry, nowIso()))
    .execute();
}
