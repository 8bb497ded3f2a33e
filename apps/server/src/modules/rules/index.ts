import type { ModuleManifest } from '../../platform/module.ts';
import { registerRulesRoutes } from './rules.routes.ts';

/** A body's rules for deliberations: approval of topics, participant size and share, research, notice. */
export const rulesModule: ModuleManifest = {
  name: 'rules',
  summary: "Each body's deliberation rules, inherited down the tree",
  tables: ['deliberation_settings'],
  register: registerRulesRoutes,
};

export { settingsAt } from './rules.service.ts';
