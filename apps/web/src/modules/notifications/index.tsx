import { lazy } from 'react';
import type { WebModule } from '../../platform/module.ts';

/** The inbox: what the platform tells each person at each step. */
export const notificationsModule: WebModule = {
  id: 'notifications',
  routes: [{ path: '/notifications', page: lazy(() => import('./NotificationsPage.tsx')) }],
};
