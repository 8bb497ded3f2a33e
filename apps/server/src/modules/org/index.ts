import type { ModuleManifest } from '../../platform/module.ts';
import { registerOrgRoutes } from './org.routes.ts';

/** The org tree: bodies, towns, committees, sectors, units, rooms, studios, contact points, departments. */
export const orgModule: ModuleManifest = {
  name: 'org',
  summary: 'The organisation tree and its nodes',
  tables: ['org_node'],
  register: registerOrgRoutes,
};

export { findNode, findAncestors } from './org.store.ts';
export { toOrgNode } from './org.service.ts';
export { canManage } from './org.policy.ts';
