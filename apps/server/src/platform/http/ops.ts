import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';

/** Liveness and readiness for load balancers and orchestrators (outside /api, no session). */
export function registerOps(app: FastifyInstance, state: { shuttingDown: boolean }): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    if (state.shuttingDown) return reply.code(503).send({ status: 'shutting down' });
    try {
      await sql`select 1`.execute(app.deps.db);
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'database unavailable' });
    }
  });
}
