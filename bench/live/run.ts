import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import WebSocket from 'ws';

/*
 * `npm run bench:live`: CLIENTS WebSocket clients (2,000) subscribed to one live session while
 * VOTES_PER_SECOND votes (200) are cast for SECONDS (60) by pseudonymous participants over HTTP.
 * Reported: votes accepted per second; p50/p99/max of the time from a vote's event being written
 * (its `at`, taken in the vote's transaction) to its arrival at the last of the clients; lost and
 * duplicated events per client; and, beside it in the same run, the same server's plain WebSocket
 * echo round trip (ECHO_CLIENTS clients sending a frame every 100 ms that the server sends back).
 *
 * `--cluster`: two server processes on PostgreSQL (BENCH_DATABASE_URL, default the local `test`
 * server, a fresh database) and Redis (REDIS_URL, default 127.0.0.1:6379); clients and votes are
 * split between them. Default: one process on SQLite.
 */

const root = path.resolve(import.meta.dirname, '../..');
const cluster = process.argv.includes('--cluster');
const CLIENTS = Number(process.env.CLIENTS ?? 2000);
const VOTES_PER_SECOND = Number(process.env.VOTES_PER_SECOND ?? 200);
const SECONDS = Number(process.env.SECONDS ?? 60);
const ECHO_CLIENTS = Number(process.env.ECHO_CLIENTS ?? 20);
const STATEMENTS = 60;
const VOTERS = Math.ceil((VOTES_PER_SECOND * SECONDS) / STATEMENTS) + 10;

interface Server {
  child: ChildProcess;
  url: string;
}

async function start(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_DIST: 'none',
      LIVE_JOIN_LIMIT: '1000000',
      LIVE_VOTE_LIMIT: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /running at (\S+)/.exec(buf);
      if (m) resolve({ child, url: m[1]!.replace('localhost', '127.0.0.1') });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${buf}`)));
  });
}

function http(base: string, headers: Record<string, string> = {}) {
  return async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

async function login(base: string, username: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: username, password: 'Demo@2026' }),
  });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return http(base, { cookie, 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken });
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

// ------------------------------------------------------------------ servers
const servers: Server[] = [];
let dropDb: (() => Promise<void>) | null = null;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-bench-live-'));
if (cluster) {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `sl_bench_live_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const env = { DATABASE_URL: u.toString(), REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' };
  servers.push(await start(env));
  servers.push(await start(env));
  dropDb = async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
} else {
  servers.push(await start({ DATABASE_URL: `file:${dir}/bench.db` }));
}
const baseOf = (i: number) => servers[i % servers.length]!.url;

try {
  // ---------------------------------------------------------------- a session with statements
  const main = baseOf(0);
  const staff = await login(main, 'staff');
  const convener = await login(main, 'convener');
  const resident = await login(main, 'resident');
  const rooms = await staff('GET', '/api/v1/org/nodes?kind=room&limit=100');
  const room = rooms.items.find((n: { name: string }) => n.name === '和平桥街道“有事好商量”协商议事室');
  const parent = await staff('GET', `/api/v1/org/nodes/${room.parentId}`);
  await staff('PATCH', `/api/v1/bodies/${parent.kind === 'county' ? parent.id : parent.parentId}/deliberation-settings`, {
    topicApprovalRequired: false,
  });
  const topic = await resident('POST', '/api/v1/topics', {
    roomId: room.id,
    title: '基准测试协商',
    description: '两千人同时在线表态的基准测试。',
    category: 'publicInterest',
  });
  await convener('POST', `/api/v1/topics/${topic.id}/actions/accept`, {});
  await convener('POST', `/api/v1/topics/${topic.id}/actions/select`, {});
  const d = await convener('POST', '/api/v1/deliberations', { topicId: topic.id });
  await convener('POST', `/api/v1/deliberations/${d.id}/actions/prepare`, {});
  const session = await convener('POST', '/api/v1/live/sessions', { deliberationId: d.id, kind: 'hybrid', joinPolicy: 'link' });
  const sid = session.id as string;
  const texts = Array.from({ length: STATEMENTS }, (_, i) => `基准观点第${i + 1}条`);
  const statements = (await convener('POST', `/api/v1/live/sessions/${sid}/statements/seed`, { texts })).items.map(
    (s: { id: string }) => s.id,
  ) as string[];
  const startSeq = (await convener('GET', `/api/v1/live/sessions/${sid}`)).lastSeq as number;

  // ---------------------------------------------------------------- voters
  const voters: { base: string; token: string; next: number }[] = [];
  for (let i = 0; i < VOTERS; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, VOTERS - i) }, async (_, k) => {
        const base = baseOf(i + k);
        const j = await http(base)('POST', `/api/v1/live/sessions/${sid}/join`, {});
        return { base, token: j.token as string, next: 0 };
      }),
    );
    voters.push(...batch);
  }

  // ---------------------------------------------------------------- clients
  const arrivals = new Map<number, { n: number; last: number; at: number; type: string }>();
  let lost = 0;
  let duplicated = 0;
  const clients: { ws: WebSocket; expect: number }[] = [];
  const connect = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const c = {
        ws: new WebSocket(`${baseOf(i).replace('http', 'ws')}/api/v1/live/sessions/${sid}/ws?after=${startSeq}`),
        expect: startSeq + 1,
      };
      c.ws.on('message', (raw: Buffer) => {
        const now = performance.timeOrigin + performance.now();
        // Only the head of a frame is read (a map update is tens of kB): the measurer must not be the bottleneck.
        const head = raw.subarray(0, 24).toString();
        if (head.startsWith('{"kind":"ready"')) return resolve();
        if (head.startsWith('{"kind"')) return;
        const m = /^\{"seq":(\d+)/.exec(head);
        if (!m) return;
        const seq = Number(m[1]);
        if (seq < c.expect) duplicated++;
        else {
          if (seq > c.expect) lost += seq - c.expect;
          c.expect = seq + 1;
        }
        let a = arrivals.get(seq);
        if (!a) {
          const e = JSON.parse(raw.toString()) as { type: string; at: string };
          arrivals.set(seq, (a = { n: 0, last: 0, at: Date.parse(e.at), type: e.type }));
        }
        a.n++;
        if (now > a.last) a.last = now;
      });
      c.ws.on('error', reject);
      clients.push(c);
    });
  const t0 = Date.now();
  for (let i = 0; i < CLIENTS; i += 100) await Promise.all(Array.from({ length: Math.min(100, CLIENTS - i) }, (_, k) => connect(i + k)));
  console.log(
    `${CLIENTS} clients subscribed in ${((Date.now() - t0) / 1000).toFixed(1)} s (${servers.length} server process${servers.length > 1 ? 'es' : ''}, ${cluster ? 'PostgreSQL + Redis' : 'SQLite'})`,
  );

  // ---------------------------------------------------------------- echo baseline
  const echoRtts: number[] = [];
  const echoes = await Promise.all(
    Array.from(
      { length: ECHO_CLIENTS },
      (_, i) =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(`${baseOf(i).replace('http', 'ws')}/api/v1/live/sessions/${sid}/ws`);
          ws.on('open', () => resolve(ws));
          ws.on('error', reject);
          ws.on('message', (raw: Buffer) => {
            const s = raw.toString();
            if (s.startsWith('{"kind":"echo"')) echoRtts.push(performance.now() - Number(JSON.parse(s).t));
          });
        }),
    ),
  );
  const echoTimer = setInterval(() => {
    for (const ws of echoes) ws.send(JSON.stringify({ kind: 'echo', t: performance.now() }));
  }, 100);

  // ---------------------------------------------------------------- votes
  let accepted = 0;
  let refused = 0;
  const reasons = new Map<string, number>();
  const because = (why: string) => {
    refused++;
    reasons.set(why, (reasons.get(why) ?? 0) + 1);
  };
  const acceptedSeqs: number[] = [];
  const inflight = new Set<Promise<void>>();
  const total = VOTES_PER_SECOND * SECONDS;
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * VOTES_PER_SECOND));
      while (sent < due) {
        const v = voters[sent % voters.length]!;
        const statementId = statements[v.next++ % statements.length]!;
        const p = fetch(`${v.base}/api/v1/live/sessions/${sid}/votes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-live-token': v.token },
          body: JSON.stringify({ statementId, vote: ['agree', 'disagree', 'pass'][sent % 3] }),
        })
          .then(async (r) => {
            if (r.ok) {
              accepted++;
              acceptedSeqs.push(((await r.json()) as { seq: number }).seq);
            } else {
              because(`HTTP ${r.status}`);
              await r.text();
            }
          })
          .catch((e: Error & { cause?: { code?: string } }) => because(e.cause?.code ?? e.message))
          .finally(() => inflight.delete(p));
        inflight.add(p);
        sent++;
      }
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  await Promise.all([...inflight]);
  const votingSeconds = (performance.now() - started) / 1000;
  // Let the last broadcasts arrive.
  const lastSeq = Math.max(...acceptedSeqs);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && (arrivals.get(lastSeq)?.n ?? 0) < CLIENTS) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1000));
  clearInterval(echoTimer);

  // ---------------------------------------------------------------- figures
  const acceptedSet = new Set(acceptedSeqs);
  const voteEvents = [...arrivals.entries()].filter(([seq, a]) => a.type === 'vote.counts' && acceptedSet.has(seq));
  const complete = voteEvents.filter(([, a]) => a.n === CLIENTS);
  const latencies = complete.map(([, a]) => a.last - a.at);
  const incompleteDeliveries = voteEvents.reduce((s, [, a]) => s + (CLIENTS - a.n), 0) + (accepted - voteEvents.length) * CLIENTS;
  const maps = [...arrivals.values()].filter((a) => a.type === 'map.updated').length;
  const f = (x: number) => `${x.toFixed(1)} ms`;
  console.log('');
  console.log(
    `votes: ${accepted} accepted, ${refused} refused, in ${votingSeconds.toFixed(1)} s = ${(accepted / votingSeconds).toFixed(1)} votes/s (target ${VOTES_PER_SECOND})`,
  );
  if (refused) console.log(`refused votes: ${[...reasons].map(([k, n]) => `${k} x ${n}`).join(', ')}`);
  console.log(
    `broadcasts: ${complete.length}/${accepted} votes reached all ${CLIENTS} clients; ${incompleteDeliveries} deliveries missing; ${lost} lost and ${duplicated} duplicated events (sequence gaps and repeats at clients); ${maps} opinion-map updates`,
  );
  console.log(
    `vote accepted -> at every client: p50 ${f(pct(latencies, 50))}, p99 ${f(pct(latencies, 99))}, max ${f(Math.max(...latencies))} (goal p99 < 250 ms)`,
  );
  console.log(
    `baseline, WebSocket echo round trip (${ECHO_CLIENTS} clients, same server, same run): p50 ${f(pct(echoRtts, 50))}, p99 ${f(pct(echoRtts, 99))} over ${echoRtts.length} echoes`,
  );
  console.log(
    `load average: ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores`,
  );
  for (const c of clients) c.ws.terminate();
  for (const ws of echoes) ws.terminate();
} finally {
  for (const s of servers) s.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 2000));
  await dropDb?.().catch(() => {});
  fs.rmSync(dir, { recursive: true, force: true });
}
