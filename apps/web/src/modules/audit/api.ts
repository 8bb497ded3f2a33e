import type { AuditEntry } from '@shangliang/contract';
import { api, type Page } from '../../platform/api/client.ts';

export interface AuditFilters {
  entity?: string;
  actorId?: string;
  from?: string;
  to?: string;
}

/** The audit module's calls. */
export const auditApi = {
  list: (f: AuditFilters, cursor: string | null, limit: number) =>
    api.get<Page<AuditEntry>>('/audit', { entity: f.entity, actorId: f.actorId, from: f.from, to: f.to, cursor, limit }),
};
