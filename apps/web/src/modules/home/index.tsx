import { lazy } from 'react';
import { HomeOutlined } from '@ant-design/icons';
import { allRoles, type WebModule } from '../../platform/module.ts';

/**
 * The home page (工作台) and the sections that hold the place of capabilities still to come:
 * each says what will appear and how. When a module such as deliberations arrives, it
 * contributes its own section for the same roles and the placeholder here goes.
 */
export const homeModule: WebModule = {
  id: 'home',
  nav: [{ key: 'home', path: '/', label: 'nav.home', icon: <HomeOutlined />, roles: allRoles, order: 0 }],
  routes: [{ path: '/', page: lazy(() => import('./HomePage.tsx')) }],
  home: [
    { key: 'home.admin', roles: ['admin'], order: 90, width: 'half', component: lazy(() => import('./sections/AdminTools.tsx')) },
    {
      key: 'home.duties',
      roles: ['member'],
      order: 50,
      width: 'half',
      component: lazy(() => import('./sections/Placeholders.tsx').then((m) => ({ default: m.MemberDuties }))),
    },
  ],
};
