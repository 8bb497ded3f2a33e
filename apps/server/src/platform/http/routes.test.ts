import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shangliang/contract';
import { roles } from '@shangliang/contract';
import { buildApp } from '../../app.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';

/*
 * Every registered route, enumerated from the app itself: anonymous requests are refused unless
 * the route is declared public, and a role without the right is refused. A route added later is
 * covered without editing this file.
 */

let t: TestApp;
const clients = new Map<Role, Client>();
beforeAll(async () => {
  t = await createTestApp();
  for (const r of roles) clients.set(r, await t.login(r));
});
afterAll(async () => t?.close());

// A well-formed id that exists nowhere: access is checked before the resource is looked up.
const fillParams = (url: string) => url.replace(/:(\w+)/g, '01900000-0000-7000-8000-000000000000');

describe('route authorization', () => {
  it('every /api route declares who may call it', () => {
    const specs = t.app.routeSpecs;
    expect(specs.length).toBeGreaterThan(10);
    for (const s of specs) expect(s.access, `${s.method} ${s.url}`).toBeDefined();
  });

  it('the tests enumerate every /api route Fastify serves: HTTP ones through route(), WebSocket ones below', () => {
    const http = new Set(t.app.routeSpecs.map((s) => `${s.method} ${s.url}`));
    const missing = t.app.apiRoutes.filter((r) => !r.websocket && !http.has(`${r.method} ${r.url}`));
    expect(missing, 'routes registered without route(): no schema, not in the authorization and malformed-input tests').toEqual([]);
    expect(t.app.apiRoutes.filter((r) => r.websocket).length).toBeGreaterThan(0);
  });

  it('every WebSocket route refuses a bad id and bad query values, naming them, and an unknown resource', async () => {
    /** The first frame the socket sends (listening from its opening: refusals come at once). */
    const firstFrame = async (url: string) => {
      let ws: Awaited<ReturnType<typeof t.app.injectWS>> | undefined;
      const frame = new Promise<{ kind?: string; code?: string; message?: string }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${url}: no frame`)), 10_000);
        void t.app
          .injectWS(url, {}, { onInit: (w) => w.once('message', (m: Buffer) => (clearTimeout(timer), resolve(JSON.parse(m.toString())))) })
          .then((w) => (ws = w), reject);
      });
      const f = await frame;
      ws?.terminate();
      return f;
    };
    for (const r of t.app.apiRoutes.filter((x) => x.websocket)) {
      const bad = await firstFrame(`${r.url.replace(/:(\w+)/g, 'not-an-id')}?after=abc`);
      expect(bad, r.url).toMatchObject({ kind: 'error', code: 'validation_failed' });
      expect(bad.message).toMatch(/params\.id/);
      expect(bad.message).toMatch(/query\.after/);
      // A well-formed id that exists nowhere: refused, never served.
      const unknown = await firstFrame(fillParams(r.url));
      expect(unknown.kind, r.url).toBe('error');
      expect(['not_found', 'unauthenticated', 'forbidden']).toContain(unknown.code);
    }
  });

  it('the server refuses to start with a route that forgets its declaration', async () => {
    const app = await buildApp({ config: t.config, db: t.db });
    expect(() => app.get('/api/v1/forgotten', async () => 'oops')).toThrow(/does not declare who may call it/);
    await app.close();
  });

  it('anonymous requests are refused on every route that is not public', async () => {
    const checked: string[] = [];
    for (const s of t.app.routeSpecs) {
      const res = await t.anonymous.request(s.method, fillParams(s.url), ['GET', 'DELETE'].includes(s.method) ? undefined : {});
      if (s.access === 'public') {
        expect(res.statusCode, `${s.method} ${s.url}`).not.toBe(401);
      } else {
        expect(res.statusCode, `${s.method} ${s.url}`).toBe(401);
        expect(res.json().error.code).toBe('unauthenticated');
        checked.push(`${s.method} ${s.url}`);
      }
    }
    expect(checked.length).toBeGreaterThan(10);
  });

  it('each role without the right is refused on every role-restricted route', async () => {
    let refusals = 0;
    for (const s of t.app.routeSpecs) {
      if (typeof s.access === 'string') continue;
      const outsiders = roles.filter((r) => !(s.access as { roles: readonly Role[] }).roles.includes(r));
      for (const r of outsiders) {
        const res = await clients.get(r)!.request(s.method, fillParams(s.url), ['GET', 'DELETE'].includes(s.method) ? undefined : {});
        expect(res.statusCode, `${r} ${s.method} ${s.url}`).toBe(403);
        expect(res.json().error.code).toBe('forbidden');
        refusals++;
      }
    }
    expect(refusals).toBeGreaterThan(20);
  });

  it('the OpenAPI document lists every route with its access', async () => {
    const doc = (await t.anonymous.get('/api/v1/openapi.json')).json();
    for (const s of t.app.routeSpecs) {
      const op = doc.paths[s.url.replace(/:(\w+)/g, '{$1}')]?.[s.method.toLowerCase()];
      expect(op, `${s.method} ${s.url}`).toBeDefined();
      expect(op['x-access']).toEqual(s.access);
    }
    const docs = await t.anonymous.get('/api/v1/docs');
    expect(docs.headers['content-type']).toContain('text/html');
  });
});
