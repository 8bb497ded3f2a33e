import { lazy } from 'react';
import { TeamOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';

export { accountsApi, type AccountWithRoles } from './api.ts';

/** Accounts and role grants, for admins and staff. */
export const accountsModule: WebModule = {
  id: 'accounts',
  nav: [{ key: 'accounts', path: '/accounts', label: 'nav.accounts', icon: <TeamOutlined />, roles: ['admin', 'staff'], order: 40 }],
  routes: [{ path: '/accounts', page: lazy(() => import('./AccountsPage.tsx')), roles: ['admin', 'staff'] }],
};
