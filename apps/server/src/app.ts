import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import { modules } from './modules/index.ts';
import { registerAuth } from './platform/auth/plugin.ts';
import type { DbHandle } from './platform/db/index.ts';
import { createCoordination, StreamHub } from './platform/events/index.ts';
import { registerErrorHandler } from './platform/http/errors.ts';
import { registerOpenApi } from './platform/http/openapi.ts';
import { registerOps } from './platform/http/ops.ts';
import type { RouteSpec } from './platform/http/route.ts';

export interface AppOptions {
  config: Config;
  db: DbHandle;
  logger?: FastifyServerOptions['logger'];
}

/** Where the repository root is, for the default web build folder. */
const repoRoot = path.resolve(import.meta.dirname, '../../..');

/**
 * Builds the server: external plugins, then platform (errors, auth, ops), then every module's
 * routes, then the web app (fastify/demo's order). Fails at start if an /api route does not
 * declare who may call it.
 */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    // Room for a 1 MB text field in JSON; larger bodies are refused with 413.
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: true,
    return503OnClosing: true,
    // One line per request at info costs more than the request itself on a small machine (the
    // API benchmark: 525 vs 1,990 req/s); requests are logged when they fail or are slow instead.
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.addHook('onResponse', async (request, reply) => {
    const ms = reply.elapsedTime;
    if (reply.statusCode >= 500 || ms > 1000) {
      request.log.warn(
        { method: request.method, url: request.url.split('?')[0], status: reply.statusCode, ms: Math.round(ms) },
        'slow or failed request',
      );
    }
  });
  const lifecycle = { shuttingDown: false };
  const coordination = createCoordination(opts.config.REDIS_URL);
  const hub = new StreamHub(opts.db.db, coordination.bus, (err) => app.log.error({ err }, 'live event stream'), opts.config.LIVE_BATCH_MS);
  app.decorate('deps', {
    config: opts.config,
    db: opts.db.db,
    dbHandle: opts.db,
    bus: coordination.bus,
    locks: coordination.locks,
    limiter: coordination.limiter,
    hub,
  });
  app.addHook('onClose', async () => {
    await hub.close();
    await coordination.close();
  });
  app.decorate('routeSpecs', [] as RouteSpec[]);
  app.decorate('apiRoutes', [] as FastifyInstance['apiRoutes']);
  app.decorate('lifecycle', lifecycle);

  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith('/api/')) return;
    if (!r.config?.access) {
      throw new Error(`route ${String(r.method)} ${r.url} does not declare who may call it (config.access)`);
    }
    // HEAD routes Fastify adds beside each GET are the GET's.
    if (r.method === 'HEAD') return;
    const websocket = Boolean((r as { websocket?: boolean }).websocket);
    app.apiRoutes.push({ method: String(r.method), url: r.url, websocket, access: r.config.access });
  });

  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  registerErrorHandler(app);
  registerAuth(app);
  registerOps(app, lifecycle);
  registerOpenApi(app);
  for (const m of modules) m.register(app);

  const webDist = path.resolve(repoRoot, opts.config.WEB_DIST);
  if (fs.existsSync(path.join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
    // Client-side routes: any GET that is not an API call or a file answers the app's page.
    app.get('/*', { config: {} }, (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.callNotFound();
      return reply.sendFile('index.html');
    });
  }
  return app;
}
