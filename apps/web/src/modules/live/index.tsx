import { lazy } from 'react';
import type { WebModule } from '../../platform/module.ts';

export { liveApi } from './api.ts';

/**
 * Live deliberation (issue 6): the participant's page on a phone (the session's join link, no
 * login needed when the session admits anyone with the link), the room's screen, and the
 * convener's console of a deliberation's live session.
 */
export const liveModule: WebModule = {
  id: 'live',
  publicRoutes: [
    { path: '/live/:id', page: lazy(() => import('./ParticipantPage.tsx')) },
    { path: '/live/:id/screen', page: lazy(() => import('./ProjectorPage.tsx')) },
  ],
  routes: [
    { path: '/deliberations/:id/live', page: lazy(() => import('./ConvenerPage.tsx')), roles: ['admin', 'staff', 'convener', 'leader'] },
  ],
};
