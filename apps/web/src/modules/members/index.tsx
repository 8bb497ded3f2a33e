import { lazy } from 'react';
import { IdcardOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';

const readers = ['admin', 'staff', 'leader', 'member', 'convener', 'department'] as const;

/** CPPCC members: the list by body, sector, name and expertise; a member's own record. */
export const membersModule: WebModule = {
  id: 'members',
  nav: [{ key: 'members', path: '/members', label: 'nav.members', icon: <IdcardOutlined />, roles: readers, order: 30 }],
  routes: [
    { path: '/members', page: lazy(() => import('./MembersPage.tsx')), roles: readers },
    { path: '/members/:id', page: lazy(() => import('./MemberPage.tsx')), roles: readers },
  ],
  home: [{ key: 'members.own', roles: ['member'], order: 10, width: 'half', component: lazy(() => import('./OwnRecordSection.tsx')) }],
};
