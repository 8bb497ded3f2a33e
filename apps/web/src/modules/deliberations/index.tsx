import { lazy } from 'react';
import type { WebModule } from '../../platform/module.ts';

export { deliberationsApi } from './api.ts';
export { DeliberationList } from './DeliberationList.tsx';
export { VolunteerSection } from './VolunteerSection.tsx';

/** Deliberations (协商议事): the seven links from topic to evaluation, and signing in on the phone. */
export const deliberationsModule: WebModule = {
  id: 'deliberations',
  routes: [
    { path: '/deliberations/:id', page: lazy(() => import('./DeliberationPage.tsx')) },
    { path: '/s/:id', page: lazy(() => import('./SignInPage.tsx')) },
    { path: '/volunteer/:id', page: lazy(() => import('./VolunteerPage.tsx')) },
  ],
  publicRoutes: [{ path: '/lottery/:id', page: lazy(() => import('./PublishedLotteryPage.tsx')) }],
  home: [
    { key: 'deliberations.staff', roles: ['staff'], order: 50, width: 'full', component: lazy(() => import('./home/StaffSection.tsx')) },
  ],
};
