import type { Executor } from '../../platform/db/index.ts';

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actorId?: string;
  from?: string;
  to?: string;
}

function filtered(db: Executor, f: AuditFilter) {
  return db
    .selectFrom('audit_log')
    .leftJoin('account', 'account.id', 'audit_log.actor_id')
    .$if(!!f.entity, (q) => q.where('audit_log.entity', '=', f.entity!))
    .$if(!!f.entityId, (q) => q.where('audit_log.entity_id', '=', f.entityId!))
    .$if(!!f.actorId, (q) => q.where('audit_log.actor_id', '=', f.actorId!))
    .$if(!!f.from, (q) => q.where('audit_log.at', '>=', new Date(f.from!).toISOString()))
    .$if(!!f.to, (q) => q.where('audit_log.at', '<=', new Date(f.to!).toISOString()));
}

/** A page of audit rows, newest first, before the keyset cursor. */
export async function listAuditRows(db: Executor, f: AuditFilter, before: { sortKey: string; id: string } | null, limit: number) {
  const rows = await filtered(db, f)
    .selectAll('audit_log')
    .select('account.display_name as actor_name')
    .$if(!!before, (q) =>
      q.where((eb) =>
        eb.or([
          eb('audit_log.at', '<', before!.sortKey),
          eb.and([eb('audit_log.at', '=', before!.sortKey), eb('audit_log.id', '<', before!.id)]),
        ]),
      ),
    )
    .orderBy('audit_log.at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(limit + 1)
    .execute();
  const { total } = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}
