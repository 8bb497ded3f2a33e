import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

/*
 * Two server processes on one PostgreSQL database and one Redis, as in production with several
 * instances: a vote cast through one reaches a WebSocket client of the other, events arrive in
 * sequence at clients of both, and the opinion map is computed once for votes cast through both.
 * PostgreSQL and Redis are required: this fails (it does not skip) when either is missing.
 */

const repoRoot = path.resolve(import.meta.dirname, '../../../../..');
const pgAdminUrl = /^postgres/.test(process.env.TEST_DATABASE_URL ?? '')
  ? process.env.TEST_DATABASE_URL!
  : 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
// Long enough that the burst of votes below falls in one period, even on a busy machine.
const DEBOUNCE_MS = 5000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

interface Server {
  url: string;
  child: ChildProcess;
  log: () => string;
}

async function startServer(databaseUrl: string): Promise<Server> {
  const port = await freePort();
  let log = '';
  const child = spawn(path.join(repoRoot, 'node_modules/.bin/tsx'), ['apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_DIST: 'no-web-in-this-test',
      LIVE_MAP_DEBOUNCE_MS: String(DEBOUNCE_MS),
      SESSION_CACHE_SECONDS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`server not ready in 90 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, child, log: () => log };
}

async function stop(s: Server | undefined) {
  if (!s || s.child.exitCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A logged-in HTTP client of one server. */
async function login(base: string, username: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: username, password: 'Demo@2026' }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return client(base, { cookie, 'x-csrf-token': csrfToken });
}

function client(base: string, headers: Record<string, string>) {
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return {
    get: (u: string) => call('GET', u),
    post: (u: string, b: unknown = {}) => call('POST', u, b),
    patch: (u: string, b: unknown) => call('PATCH', u, b),
  };
}

async function guest(base: string, sessionId: string) {
  const res = await fetch(`${base}/api/v1/live/sessions/${sessionId}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  const { token } = (await res.json()) as { token: string };
  return { ...client(base, { 'x-live-token': token }), token };
}

type Frame = { seq?: number; type?: string; kind?: string; data?: Record<string, unknown> };
function subscribe(base: string, sessionId: string, after = 0, token?: string) {
  const frames: Frame[] = [];
  const ws = new WebSocket(
    `${base.replace('http', 'ws')}/api/v1/live/sessions/${sessionId}/ws?after=${after}${token ? `&token=${token}` : ''}`,
  );
  ws.on('message', (m: Buffer) => frames.push(...([] as Frame[]).concat(JSON.parse(m.toString()) as Frame | Frame[])));
  return { ws, frames };
}

async function waitFor(ok: () => boolean | Promise<boolean>, ms = 30_000, what = 'condition') {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let dbName = '';
let dbUrl = '';
let a: Server | undefined;
let b: Server | undefined;

// A missing service fails the test below (a failure in beforeAll would only mark it skipped).
let setupError: unknown;
beforeAll(async () => {
  try {
    await setUp();
  } catch (e) {
    setupError = e;
  }
}, 180_000);

async function setUp() {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null });
  redis.on('error', () => {});
  await redis.connect().catch((e) => {
    throw new Error(`Redis is required at ${redisUrl} (scripts/ensure-system.sh starts it): ${e}`);
  });
  expect(await redis.ping()).toBe('PONG');
  redis.disconnect();
  dbName = `sl_cluster_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const u = new URL(pgAdminUrl);
  u.pathname = `/${dbName}`;
  dbUrl = u.toString();
  // One at a time: the first migrates and seeds; the second finds the database ready.
  a = await startServer(dbUrl);
  b = await startServer(dbUrl);
}

afterAll(async () => {
  await stop(a);
  await stop(b);
  if (dbName) {
    const admin = new pg.Client({ connectionString: pgAdminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}, 60_000);

describe('two server processes on PostgreSQL and Redis', () => {
  it('a vote cast through one reaches a WebSocket client of the other; events in sequence at both; the opinion map computed once', async () => {
    if (setupError) throw setupError;
    const live = '/api/v1/live/sessions';
    const staff = await login(a!.url, 'staff');
    const convener = await login(a!.url, 'convener');
    const resident = await login(a!.url, 'resident');
    const rooms = await staff.get('/api/v1/org/nodes?kind=room&limit=100');
    const room = rooms.body.items.find((n: { name: string }) => n.name === '和平桥街道“有事好商量”协商议事室');
    expect(room, JSON.stringify(rooms.body).slice(0, 300)).toBeTruthy();
    const county = (await staff.get(`/api/v1/org/nodes/${room.parentId}`)).body;
    const body = county.kind === 'county' ? county.id : county.parentId;
    expect((await staff.patch(`/api/v1/bodies/${body}/deliberation-settings`, { topicApprovalRequired: false })).status).toBe(200);
    const topic = (
      await resident.post('/api/v1/topics', {
        roomId: room.id,
        title: '跨进程协商测试',
        description: '两台服务器共同承载一场在线协商。',
        category: 'publicInterest',
      })
    ).body;
    expect((await convener.post(`/api/v1/topics/${topic.id}/actions/accept`)).status).toBe(200);
    expect((await convener.post(`/api/v1/topics/${topic.id}/actions/select`)).status).toBe(200);
    const d = (await convener.post('/api/v1/deliberations', { topicId: topic.id })).body;
    expect((await convener.post(`/api/v1/deliberations/${d.id}/actions/prepare`)).status).toBe(200);
    const opened = await convener.post(live, { deliberationId: d.id, kind: 'hybrid', joinPolicy: 'link' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const s = opened.body.id as string;
    const texts = ['甲', '乙', '丙', '丁', '戊', '己'].map((x) => `方案${x}：改善停车`);
    const statements = (await convener.post(`${live}/${s}/statements/seed`, { texts })).body.items as { id: string }[];

    const onB = subscribe(b!.url, s);
    const onA = subscribe(a!.url, s);
    await waitFor(() => onB.frames.some((f) => f.kind === 'ready') && onA.frames.some((f) => f.kind === 'ready'), 30_000, 'ready');

    // One vote through A reaches the client of B.
    const g = await guest(a!.url, s);
    const v = await g.post(`${live}/${s}/votes`, { statementId: statements[0]!.id, vote: 'agree' });
    expect(v.status, JSON.stringify(v.body)).toBe(200);
    await waitFor(() => onB.frames.some((f) => f.seq === v.body.seq), 10_000, 'the vote at B');
    expect(onB.frames.find((f) => f.seq === v.body.seq)).toMatchObject({
      type: 'vote.counts',
      data: { statementId: statements[0]!.id, counts: { agree: 1, disagree: 0, pass: 0 } },
    });

    // The voter's own phone on B: after the map, it is told its place (the broadcast map carries none).
    const phone = subscribe(b!.url, s, 0, g.token);
    // Wait for that vote's map, then a burst of votes through both processes at once.
    await waitFor(() => onB.frames.some((f) => f.type === 'map.updated'), 30_000, 'the first map');
    const mapsBefore = onB.frames.filter((f) => f.type === 'map.updated').length;
    const guests = await Promise.all(Array.from({ length: 8 }, (_, i) => guest(i % 2 ? b!.url : a!.url, s)));
    const burstStart = Date.now();
    const seqs = await Promise.all(
      guests.flatMap((c, i) =>
        statements.map(async (st, j) => {
          const r = await c.post(`${live}/${s}/votes`, {
            statementId: st.id,
            vote: i < 8 === (j % 2 === 0) || j >= 4 ? 'agree' : 'disagree',
          });
          expect(r.status, JSON.stringify(r.body)).toBe(200);
          return r.body.seq as number;
        }),
      ),
    );
    const lastVoteSeq = Math.max(...seqs);
    // The burst must fit in one period for 'once' to be the right answer.
    expect(Date.now() - burstStart).toBeLessThan(DEBOUNCE_MS - 1000);
    const version = async () => {
      const c = new pg.Client({ connectionString: dbUrl });
      await c.connect();
      const r = await c.query(
        'select s.votes_version, m.version, m.computations from live_session s join live_map m on m.session_id = s.id where s.id = $1',
        [s],
      );
      await c.end();
      return r.rows[0] as { votes_version: number; version: number; computations: number };
    };
    await waitFor(
      async () => {
        const r = await version();
        return r.version === r.votes_version;
      },
      30_000,
      'the map to catch up',
    );
    // Both processes scheduled a computation; after both periods have passed, still one.
    await new Promise((r) => setTimeout(r, DEBOUNCE_MS * 2 + 500));
    const after = await version();
    expect(after.computations).toBe(2); // the first vote's map, then one for the whole burst
    // …as BullMQ jobs of this deployment's queue (named after its database), without the in-process lock.
    const redis = new Redis(redisUrl);
    const queue = `sl:live-map-${createHash('sha256').update(dbUrl).digest('hex').slice(0, 12)}`;
    const jobEvents = await redis.xrange(`${queue}:events`, '-', '+');
    expect(jobEvents.filter(([, f]) => f[1] === 'completed').length).toBeGreaterThanOrEqual(2);
    expect(jobEvents.filter(([, f]) => f[1] === 'failed')).toHaveLength(0);
    expect(await redis.exists(`sl:lock:live-map:${s}`)).toBe(0);
    redis.disconnect();
    for (const c of [onA, onB]) {
      const events = c.frames.filter((f) => f.seq);
      expect(events.map((f) => f.seq)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1));
      expect(events.filter((f) => f.type === 'vote.counts')).toHaveLength(1 + guests.length * statements.length);
      expect(Math.max(...events.map((f) => f.seq!))).toBeGreaterThan(lastVoteSeq);
    }
    expect(onB.frames.filter((f) => f.type === 'map.updated').length - mapsBefore).toBe(1);
    const map = onB.frames.filter((f) => f.type === 'map.updated').at(-1)!.data!;
    expect(map).toMatchObject({ participants: 9, votes: 1 + guests.length * statements.length });
    const places = phone.frames.filter((f) => f.kind === 'me') as (Frame & { place: { group: number | null } | null })[];
    expect(places.length).toBeGreaterThanOrEqual(1);
    expect(places.at(-1)!.place).not.toBeNull();
    expect(onB.frames.filter((f) => f.kind === 'me')).toHaveLength(0);
    phone.ws.close();
    onA.ws.close();
    onB.ws.close();
  }, 180_000);
});
