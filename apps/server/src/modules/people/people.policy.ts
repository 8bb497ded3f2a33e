import type { Role } from '@shangliang/contract';
import type { Actor } from '../../platform/auth/actor.ts';
import { holdsOver } from '../../platform/auth/actor.ts';

/*
 * Who may manage accounts and roles. Staff and admins manage people within the subtree where
 * they hold their role; only an admin may make another admin (no one raises their own rank).
 */

/** The paths under which the actor manages accounts. */
export function managedPaths(actor: Actor): string[] {
  return actor.grants.filter((g) => g.role === 'admin' || g.role === 'staff').map((g) => g.nodePath);
}

/** May the actor grant this role on the node at this path? */
export function canGrant(actor: Actor, role: Role, nodePath: string): boolean {
  if (role === 'admin') return holdsOver(actor, ['admin'], nodePath);
  return holdsOver(actor, ['admin', 'staff'], nodePath);
}

/** The actor's abilities on an account. */
export function accountAbilities(actor: Actor, grants: { role: string; path: string }[]): Record<string, boolean> {
  const manages = grants.some((g) => holdsOver(actor, ['admin', 'staff'], g.path));
  return { grantRole: manages, revokeRole: manages };
}
