import type { FastifyInstance } from 'fastify';
import type { Actor } from './actor.ts';
import { actorCache } from './session-cache.ts';
import { loadActor, SESSION_COOKIE } from './sessions.ts';

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
    const cached = actorCache.get(token);
    if (cached !== undefined) {
      request.actor = cached;
      return;
    }
    request.actor = await loadActor(app.deps.db, token);
    actorCache.set(token, request.actor, app.deps.config.SESSION_CACHE_SECONDS * 1000);
  });
}
