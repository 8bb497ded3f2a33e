import { lazy } from 'react';
import { ApartmentOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';

export { orgApi, type OrgNodeDetail, type NodeSummary } from './api.ts';
export { kindLabel } from './labels.ts';
export { NodePicker } from './NodePicker.tsx';

/** The org tree: browse bodies, towns, rooms and departments; staff and admins change it. */
export const orgModule: WebModule = {
  id: 'org',
  nav: [
    {
      key: 'org',
      path: '/org',
      label: 'nav.org',
      icon: <ApartmentOutlined />,
      roles: ['admin', 'staff', 'leader', 'convener', 'member', 'department'],
      order: 20,
    },
  ],
  routes: [
    { path: '/org', page: lazy(() => import('./OrgIndexPage.tsx')) },
    { path: '/org/:id', page: lazy(() => import('./NodePage.tsx')) },
  ],
  home: [
    {
      key: 'org.summary',
      roles: ['admin', 'staff', 'leader'],
      order: 10,
      width: 'full',
      component: lazy(() => import('./home/SummarySection.tsx')),
    },
    { key: 'org.chart', roles: ['leader'], order: 20, width: 'full', component: lazy(() => import('./home/RoomsChartSection.tsx')) },
    { key: 'org.room', roles: ['convener', 'resident'], order: 10, width: 'half', component: lazy(() => import('./home/RoomSection.tsx')) },
    {
      key: 'org.department',
      roles: ['department'],
      order: 10,
      width: 'half',
      component: lazy(() => import('./home/DepartmentSection.tsx')),
    },
  ],
};
