import type { Role } from '@shangliang/contract';

/** A role held on one node of the org tree; it reaches every descendant of that node. */
export interface Grant {
  id: string;
  role: Role;
  nodeId: string;
  nodeName: string;
  nodeKind: string;
  /** Materialised path of the node (`/city/county/…/`). */
  nodePath: string;
}

/** The logged-in person making a request. */
export interface Actor {
  accountId: string;
  displayName: string;
  sessionId: string;
  csrfToken: string;
  mustChangePassword: boolean;
  grants: Grant[];
}

/** True when the actor holds one of the roles on the node at `path` or on one of its ancestors. */
export function holdsOver(actor: Actor | null, roles: readonly Role[], path: string): boolean {
  return !!actor?.grants.some((g) => roles.includes(g.role) && path.startsWith(g.nodePath));
}

/** True when the actor holds one of the roles anywhere. */
export function holdsAny(actor: Actor | null, roles: readonly Role[]): boolean {
  return !!actor?.grants.some((g) => roles.includes(g.role));
}
