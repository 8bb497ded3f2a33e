import type { ModuleManifest } from '../../platform/module.ts';
import { registerTopicRoutes } from './topics.routes.ts';

/** Topics raised for rooms: propose, support, comment, screen, approve, select (议题征集与确定). */
export const topicsModule: ModuleManifest = {
  name: 'topics',
  summary: 'Topics proposed for consultation and their lifecycle',
  tables: ['topic', 'topic_support', 'topic_comment'],
  register: registerTopicRoutes,
};

export { topicLifecycle } from './topics.lifecycle.ts';
export { findTopic } from './topics.store.ts';
export { publicTopics } from './topics.service.ts';
