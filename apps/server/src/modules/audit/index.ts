import type { ModuleManifest } from '../../platform/module.ts';
import { registerAuditRoutes } from './audit.routes.ts';

/** Browsing the append-only audit log (writing it is platform/audit, used by every module). */
export const auditModule: ModuleManifest = {
  name: 'audit',
  summary: 'Browse who changed what, when, from where',
  tables: ['audit_log'],
  register: registerAuditRoutes,
};
