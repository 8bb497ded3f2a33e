import { lazy } from 'react';
import type { WebModule } from '../../platform/module.ts';

export { topicsApi } from './api.ts';
export { TopicList } from './TopicList.tsx';
export { TopicStateTag } from './labels.tsx';

/** Topics (议题): raised by residents and members, screened by the convener, approved by the committee. */
export const topicsModule: WebModule = {
  id: 'topics',
  routes: [
    { path: '/topics/new', page: lazy(() => import('./NewTopicPage.tsx')) },
    { path: '/topics/:id', page: lazy(() => import('./TopicPage.tsx')) },
  ],
  home: [
    { key: 'topics.resident', roles: ['resident'], order: 50, width: 'half', component: lazy(() => import('./home/ResidentSection.tsx')) },
  ],
};
