import { lazy } from 'react';
import type { WebModule } from '../../platform/module.ts';

export { responsibilitiesApi, ResponsibilityStateTag } from './shared.tsx';

const readers = ['admin', 'staff', 'leader', 'convener', 'department'] as const;

/** Responsibilities (责任落实清单): departments carry them out; leaders and staff supervise. */
export const responsibilitiesModule: WebModule = {
  id: 'responsibilities',
  routes: [
    { path: '/responsibilities', page: lazy(() => import('./ResponsibilitiesPage.tsx')), roles: readers },
    { path: '/responsibilities/:id', page: lazy(() => import('./ResponsibilityPage.tsx')), roles: readers },
  ],
  home: [
    {
      key: 'responsibilities.department',
      roles: ['department'],
      order: 50,
      width: 'half',
      component: lazy(() => import('./home/DepartmentSection.tsx')),
    },
    {
      key: 'responsibilities.supervision',
      roles: ['leader', 'staff'],
      order: 55,
      width: 'full',
      component: lazy(() => import('./home/SupervisionSection.tsx')),
    },
  ],
};
