import { holdsOver, type Actor } from '../../platform/auth/actor.ts';
import type { OrgNodeRow } from '../../platform/db/schema.ts';

/*
 * Who may do what with the org tree. The tree itself is not secret to logged-in people (a
 * resident needs to find their room); changing it is for admins and staff of an ancestor body.
 */

/** Staff and admins manage nodes within the subtree of the node their role is granted on. */
export const canManage = (actor: Actor | null, node: Pick<OrgNodeRow, 'path'>): boolean => holdsOver(actor, ['admin', 'staff'], node.path);

/** The actor's abilities on a node, sent with it so the UI shows only what may be done. */
export function nodeAbilities(actor: Actor | null, node: OrgNodeRow): Record<string, boolean> {
  const manage = canManage(actor, node) && node.archived_at === null;
  return {
    update: manage,
    archive: manage && node.parent_id !== null,
    createChild: manage,
  };
}
