import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Me, Role } from '@shangliang/contract';
import { api, ApiError, onAuthError, setCsrfToken } from '../api/client.ts';

/** A node where the person holds roles: the places they can act from. */
export interface ActingNode {
  nodeId: string;
  nodeName: string;
  nodeKind: string;
  roles: Role[];
}

interface SessionState {
  /** `loading` until /auth/me has answered once. */
  status: 'loading' | 'anonymous' | 'authenticated';
  me: Me | null;
  /** The nodes the person holds roles on, in the order the roles were granted. */
  nodes: ActingNode[];
  /** The node the person acts from now; persists per account. */
  acting: ActingNode | null;
  setActing: (nodeId: string) => void;
  login: (login: string, password: string) => Promise<Me>;
  register: (body: { phone: string; displayName: string; password: string }) => Promise<Me>;
  logout: () => Promise<void>;
  /** Reloads /auth/me (after a password change). */
  refresh: () => Promise<void>;
  /** The session ended on the server while the person was using the app (to say so on the login page). */
  expired: boolean;
}

const SessionContext = createContext<SessionState | null>(null);
const actingKey = (accountId: string) => `shangliang.actingNode.${accountId}`;

/** Groups role grants by node. */
export function actingNodesOf(me: Me | null): ActingNode[] {
  const byNode = new Map<string, ActingNode>();
  for (const g of me?.roles ?? []) {
    const n = byNode.get(g.nodeId) ?? { nodeId: g.nodeId, nodeName: g.nodeName, nodeKind: g.nodeKind, roles: [] };
    if (!n.roles.includes(g.role)) n.roles.push(g.role);
    byNode.set(g.nodeId, n);
  }
  return [...byNode.values()];
}

/** Roles in the order they lead: a convener who is also a member first acts as the convener. */
const rank: Role[] = ['admin', 'staff', 'leader', 'convener', 'department', 'member', 'resident'];

/** Until the person chooses, they act from the node of their highest-ranking role. */
export function defaultActing(nodes: ActingNode[]): ActingNode | null {
  const best = (n: ActingNode) => Math.min(...n.roles.map((r) => rank.indexOf(r)));
  return [...nodes].sort((a, b) => best(a) - best(b))[0] ?? null;
}

function readActing(accountId: string): string | null {
  try {
    return localStorage.getItem(actingKey(accountId));
  } catch {
    return null;
  }
}

/** Holds who is logged in, from where they act, and the login/logout actions. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionState['status']>('loading');
  const [me, setMeState] = useState<Me | null>(null);
  const [actingId, setActingId] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);
  const meRef = useRef<Me | null>(null);

  const setMe = useCallback((m: Me | null) => {
    meRef.current = m;
    setCsrfToken(m?.csrfToken ?? null);
    setMeState(m);
    setStatus(m ? 'authenticated' : 'anonymous');
    setActingId(m ? readActing(m.account.id) : null);
  }, []);

  const refresh = useCallback(async () => {
    try {
      setMe(await api.get<Me>('/auth/me'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setMe(null);
      else throw e;
    }
  }, [setMe]);

  useEffect(() => {
    refresh().catch(() => setStatus('anonymous'));
  }, [refresh]);

  // A session that ends on the server (expired, logged out elsewhere) ends here too; a pending
  // password change makes the guard send the person to the change-password page.
  useEffect(
    () =>
      onAuthError((e) => {
        if (e.status === 401) {
          if (meRef.current) setExpired(true);
          setMe(null);
        } else if (e.code === 'password_change_required')
          setMeState((m) => (m ? { ...m, account: { ...m.account, mustChangePassword: true } } : m));
      }),
    [setMe],
  );

  const login = useCallback(
    async (login: string, password: string) => {
      const m = await api.post<Me>('/auth/login', { login, password });
      setExpired(false);
      setMe(m);
      return m;
    },
    [setMe],
  );
  const register = useCallback(
    async (body: { phone: string; displayName: string; password: string }) => {
      const m = await api.post<Me>('/auth/register', body);
      setMe(m);
      return m;
    },
    [setMe],
  );
  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      setMe(null);
    }
  }, [setMe]);

  const nodes = useMemo(() => actingNodesOf(me), [me]);
  const acting = useMemo(() => nodes.find((n) => n.nodeId === actingId) ?? defaultActing(nodes), [nodes, actingId]);
  const setActing = useCallback(
    (nodeId: string) => {
      if (me) {
        try {
          localStorage.setItem(actingKey(me.account.id), nodeId);
        } catch {
          // Not persisted; holds for this visit.
        }
      }
      setActingId(nodeId);
    },
    [me],
  );

  const value = useMemo<SessionState>(
    () => ({ status, me, nodes, acting, setActing, login, register, logout, refresh, expired }),
    [status, me, nodes, acting, setActing, login, register, logout, refresh, expired],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session. */
export function useSession(): SessionState {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The roles the person holds at the acting node (what the menu and home page show). */
export function useActingRoles(): Role[] {
  return useSession().acting?.roles ?? [];
}
