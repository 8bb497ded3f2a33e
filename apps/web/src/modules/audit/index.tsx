import { lazy } from 'react';
import { AuditOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';

/** The audit log: who changed what, when, before and after. */
export const auditModule: WebModule = {
  id: 'audit',
  nav: [{ key: 'audit', path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, roles: ['admin', 'staff'], order: 50 }],
  routes: [{ path: '/audit', page: lazy(() => import('./AuditPage.tsx')), roles: ['admin', 'staff'] }],
};
