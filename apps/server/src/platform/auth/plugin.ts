import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import type { Actor } from './actor.ts';
import { actorCache } from './session-cache.ts';
import { loadActor, SESSION_COOKIE } from './sessions.ts';

/**
 * The actor behind a session cookie token, through the per-process cache (null: no session, an
 * expired one, or a disabled account). Requests resolve their actor with it, and long-lived
 * connections (the live WebSocket) re-check theirs with it.
 */
export async function actorOfToken(deps: Pick<Deps, 'db' | 'config'>, token: string): Promise<Actor | null> {
  const cached = actorCache.get(token);
  if (cached !== undefined) return cached;
  const actor = await loadActor(deps.db, token);
  actorCache.set(token, actor, deps.config.SESSION_CACHE_SECONDS * 1000);
  return actor;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Resolves the session cookie to an actor on every API request. */
export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    request.actor = await actorOfToken(app.deps, token);
  });
}
