import type { ModuleManifest } from '../../platform/module.ts';
import { registerPeopleRoutes } from './people.routes.ts';

/** Accounts, sessions, roles on the org tree, and CPPCC members. */
export const peopleModule: ModuleManifest = {
  name: 'people',
  summary: 'Accounts, log in, roles, members',
  tables: ['account', 'role_grant', 'session', 'login_throttle', 'member'],
  register: registerPeopleRoutes,
};
