import { lazy } from 'react';
import type { WebModule } from '../../platform/module.ts';

export { roomsApi } from './api.ts';

/** Consultation rooms: the public page (no login), the convener's workspace and dashboard. */
export const roomsModule: WebModule = {
  id: 'rooms',
  publicRoutes: [{ path: '/r/:id', page: lazy(() => import('./PublicRoomPage.tsx')) }],
  routes: [{ path: '/rooms/:id', page: lazy(() => import('./RoomPage.tsx')), roles: ['admin', 'staff', 'leader', 'convener'] }],
  home: [
    { key: 'rooms.convener', roles: ['convener'], order: 50, width: 'half', component: lazy(() => import('./home/ConvenerSection.tsx')) },
  ],
};
