import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import nodeHttp from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Worker } from 'node:worker_threads';
import WebSocket from 'ws';
import type { Arrival, ClientsInput, ClientsMessage } from './clients.ts';

/*
 * `npm run bench:live`: CLIENTS WebSocket clients (2,000) subscribed to one live session while
 * VOTES_PER_SECOND votes (200) are cast for SECONDS (60) by pseudonymous participants over HTTP.
 * Reported: votes accepted per second; p50/p99/max of the time from a vote's event being written
 * (its `at`, taken in the vote's transaction) to its arrival at the last of the clients; lost and
 * duplicated events per client; and, beside it in the same run, the same server's plain WebSocket
 * echo round trip (ECHO_CLIENTS clients sending a frame every 100 ms that the server sends back).
 * The subscribed clients run in CLIENT_THREADS (2) worker threads (`clients.ts`), the votes and the
 * echo clients on the main thread; the server's and the benchmark's CPU time while voting are
 * reported beside the figures (on a shared machine, wall-clock latency also measures the others).
 *
 * `--cluster`: two server processes on PostgreSQL (BENCH_DATABASE_URL, default the local `test`
 * server, a fresh database) and Redis (REDIS_URL, default 127.0.0.1:6379); clients and votes are
 * split between them. Default: one process on SQLite.
 */

const root = path.resolve(import.meta.dirname, '../..');
// BENCH_CPUS: the benchmark's own threads (and the client threads it starts) on these cores only.
if (process.env.BENCH_CPUS) execFileSync('taskset', ['-a', '-pc', process.env.BENCH_CPUS, String(process.pid)], { stdio: 'ignore' });
const cluster = process.argv.includes('--cluster');
const CLIENTS = Number(process.env.CLIENTS ?? 2000);
const VOTES_PER_SECOND = Number(process.env.VOTES_PER_SECOND ?? 200);
const SECONDS = Number(process.env.SECONDS ?? 60);
const ECHO_CLIENTS = Number(process.env.ECHO_CLIENTS ?? 20);
const CLIENT_THREADS = Number(process.env.CLIENT_THREADS ?? 2);
const CLIENT_LIB = (process.env.CLIENT_LIB ?? 'lean') as 'lean' | 'ws';
const CLIENT_NICE = Number(process.env.CLIENT_NICE ?? 0);
const STATEMENTS = 60;
const VOTERS = Math.ceil((VOTES_PER_SECOND * SECONDS) / STATEMENTS) + 10;

/** Set when the benchmark stops the servers: an exit after that is not news. */
let stopping = false;

interface Server {
  child: ChildProcess;
  url: string;
}

async function start(env: Record<string, string>): Promise<Server> {
  // SERVER_NODE_ARGS: extra Node flags for the server processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const nodeArgs = (process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // SERVER_CPUS: run the servers on these cores only (taskset), e.g. with BENCH_CPUS, to keep the measurer off the server's core.
  const pin = process.env.SERVER_CPUS ? ['taskset', '-c', process.env.SERVER_CPUS] : [];
  const [cmd, ...args] = [...pin, process.execPath, ...nodeArgs, '--import', 'tsx', 'apps/server/src/main.ts'];
  const child = spawn(cmd!, args, {
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
    let started = false;
    child.stdout!.on('data', (d: Buffer) => {
      // Keep the server's last output: if it exits during the run, it says why.
      buf = (buf + d.toString()).slice(-20_000);
      const m = /running at (\S+)/.exec(buf);
      if (m && !started) {
        started = true;
        resolve({ child, url: m[1]!.replace('localhost', '127.0.0.1') });
      }
    });
    child.on('exit', (code, signal) => {
      if (!started) return reject(new Error(`server exited ${code}: ${buf}`));
      if (!stopping)
        console.error(`\nserver ${child.pid} exited during the run (${code ?? signal}); its last output:\n${buf.slice(-4000)}`);
    });
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

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number, thread = false): number {
  try {
    // The process (all its threads), or its main thread alone (the event loop: the one that fans out).
    const f = fs
      .readFileSync(thread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8')
      .split(') ')[1]!
      .split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

/*
 * Votes go through a pool of keep-alive connections per server (VOTE_CONNECTIONS, 64), as they
 * would through a reverse proxy's upstream pool; a connection per vote would measure the
 * machine's TCP handshakes (and, past the listen backlog, resets) rather than the server.
 */
const voteAgent = new nodeHttp.Agent({ keepAlive: true, maxSockets: Number(process.env.VOTE_CONNECTIONS ?? 64) });
function postVote(base: string, path: string, token: string, body: unknown): Promise<{ status: number; body: string }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = nodeHttp.request(
      `${base}${path}`,
      {
        method: 'POST',
        agent: voteAgent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), 'x-live-token': token },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
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

  // ---------------------------------------------------------------- participants: every client is one, the first VOTERS vote
  const participants: { base: string; token: string; next: number }[] = [];
  const joining = Math.max(VOTERS, CLIENTS);
  const j0 = Date.now();
  for (let i = 0; i < joining; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, joining - i) }, async (_, k) => {
        const base = baseOf(i + k);
        const j = await http(base)('POST', `/api/v1/live/sessions/${sid}/join`, {});
        return { base, token: j.token as string, next: 0 };
      }),
    );
    participants.push(...batch);
  }
  const voters = participants.slice(0, VOTERS);
  console.log(`${joining} participants joined in ${((Date.now() - j0) / 1000).toFixed(1)} s; ${VOTERS} of them vote`);

  // ---------------------------------------------------------------- clients, in CLIENT_THREADS threads
  const t0 = Date.now();
  const threads = Array.from({ length: CLIENT_THREADS }, (_, k) => {
    const urls = [];
    // Each client is a participant's phone (with its token: it is also told its own place after each map).
    for (let i = k; i < CLIENTS; i += CLIENT_THREADS)
      urls.push(
        `${participants[i]!.base.replace('http', 'ws')}/api/v1/live/sessions/${sid}/ws?after=${startSeq}&token=${participants[i]!.token}`,
      );
    const file = new URL('./clients.ts', import.meta.url).href;
    // Node 20 does not carry tsx's loader into workers: register it inside the worker first.
    return new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(file)}); });`, {
      eval: true,
      workerData: { urls, lib: CLIENT_LIB, nice: CLIENT_NICE } satisfies ClientsInput,
    });
  });
  const next = (w: Worker, kind: ClientsMessage['kind']) =>
    new Promise<ClientsMessage>((resolve, reject) => {
      const on = (m: ClientsMessage) => {
        if (m.kind !== kind) return;
        w.off('message', on);
        w.off('error', fail);
        resolve(m);
      };
      const fail = (e: Error) => {
        w.off('message', on);
        reject(e);
      };
      w.on('message', on);
      w.once('error', fail);
    });
  await Promise.all(threads.map((w) => next(w, 'subscribed')));
  /** Per event: clients that received it, when the last one did, when it was written, its type. */
  const collect = async () => {
    const arrivals = new Map<number, Arrival>();
    const perThread: Map<number, Arrival>[] = [];
    let malformed = 0;
    let lost = 0;
    let duplicated = 0;
    for (const w of threads) {
      const report = next(w, 'arrivals');
      w.postMessage({ kind: 'report' });
      const r = (await report) as Extract<ClientsMessage, { kind: 'arrivals' }>;
      lost += r.lost;
      duplicated += r.duplicated;
      malformed += r.malformed;
      perThread.push(new Map(r.arrivals));
      for (const [seq, a] of r.arrivals) {
        const b = arrivals.get(seq);
        if (!b) arrivals.set(seq, { ...a });
        else {
          b.n += a.n;
          b.last = Math.max(b.last, a.last);
          b.first = Math.min(b.first, a.first);
        }
      }
    }
    return { arrivals, perThread, lost, duplicated, malformed };
  };
  console.log(
    `${CLIENTS} clients subscribed in ${((Date.now() - t0) / 1000).toFixed(1)} s from ${CLIENT_THREADS} thread${CLIENT_THREADS > 1 ? 's' : ''} with the ${CLIENT_LIB} client (${servers.length} server process${servers.length > 1 ? 'es' : ''}, ${cluster ? 'PostgreSQL + Redis' : 'SQLite'})`,
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
  const cpu0 = servers.map((sv) => cpuSeconds(sv.child.pid!));
  const loop0 = servers.map((sv) => cpuSeconds(sv.child.pid!, true));
  const benchCpu0 = process.cpuUsage();
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * VOTES_PER_SECOND));
      while (sent < due) {
        const v = voters[sent % voters.length]!;
        const statementId = statements[v.next++ % statements.length]!;
        const p = postVote(v.base, `/api/v1/live/sessions/${sid}/votes`, v.token, {
          statementId,
          vote: ['agree', 'disagree', 'pass'][sent % 3],
        })
          .then(({ status, body }) => {
            if (status === 200) {
              accepted++;
              acceptedSeqs.push((JSON.parse(body) as { seq: number }).seq);
            } else because(`HTTP ${status}`);
          })
          .catch((e: Error & { code?: string }) => because(e.code ?? e.message))
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
  const serverCpu = servers.map((sv, i) => cpuSeconds(sv.child.pid!) - cpu0[i]!);
  const loopCpu = servers.map((sv, i) => cpuSeconds(sv.child.pid!, true) - loop0[i]!);
  const benchCpu = process.cpuUsage(benchCpu0);
  // Let the last broadcasts arrive.
  const lastSeq = Math.max(...acceptedSeqs);
  const deadline = Date.now() + 30_000;
  let seen = await collect();
  while (Date.now() < deadline && (seen.arrivals.get(lastSeq)?.n ?? 0) < CLIENTS) {
    await new Promise((r) => setTimeout(r, 250));
    seen = await collect();
  }
  await new Promise((r) => setTimeout(r, 1000));
  clearInterval(echoTimer);
  const { arrivals, perThread, lost, duplicated, malformed } = await collect();

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
    `broadcasts: ${complete.length}/${accepted} votes reached all ${CLIENTS} clients; ${incompleteDeliveries} deliveries missing; ${lost} lost and ${duplicated} duplicated events (sequence gaps and repeats at clients); ${malformed} unreadable frames; ${maps} opinion-map updates`,
  );
  console.log(
    `vote accepted -> at every client: p50 ${f(pct(latencies, 50))}, p99 ${f(pct(latencies, 99))}, max ${f(Math.max(...latencies))} (goal p99 < 250 ms)`,
  );
  console.log(
    `  first client: p50 ${f(
      pct(
        complete.map(([, a]) => a.first - a.at),
        50,
      ),
    )}, p99 ${f(
      pct(
        complete.map(([, a]) => a.first - a.at),
        99,
      ),
    )}; last client per thread: ${perThread
      .map((m) => {
        const l = complete.map(([seq]) => m.get(seq)!.last - m.get(seq)!.at);
        return `p50 ${f(pct(l, 50))} p99 ${f(pct(l, 99))}`;
      })
      .join(' / ')}`,
  );
  {
    // Where in the run the slow ones were: the worst seconds by their slowest vote.
    const t0 = Math.min(...complete.map(([, a]) => a.at));
    const bySecond = new Map<number, number>();
    for (const [, a] of complete) {
      const k = Math.floor((a.at - t0) / 1000);
      bySecond.set(k, Math.max(bySecond.get(k) ?? 0, a.last - a.at));
    }
    const worst = [...bySecond].sort((a, b) => b[1] - a[1]).slice(0, 6);
    console.log(`  worst seconds of the run (second: slowest vote): ${worst.map(([k, v]) => `${k}: ${f(v)}`).join(', ')}`);
  }
  console.log(
    `baseline, WebSocket echo round trip (${ECHO_CLIENTS} clients, same server, same run): p50 ${f(pct(echoRtts, 50))}, p99 ${f(pct(echoRtts, 99))} over ${echoRtts.length} echoes`,
  );
  console.log(
    `CPU while voting: server${servers.length > 1 ? 's' : ''} ${serverCpu.map((c) => `${c.toFixed(1)} s`).join(' + ')} (${((1000 * serverCpu.reduce((a, b) => a + b, 0)) / Math.max(1, accepted)).toFixed(2)} ms a vote, fan-out included; main thread${servers.length > 1 ? 's' : ''} ${loopCpu.map((c) => `${((100 * c) / votingSeconds).toFixed(0)} %`).join(' + ')} busy), benchmark process ${((benchCpu.user + benchCpu.system) / 1e6).toFixed(1)} s, over ${votingSeconds.toFixed(1)} s`,
  );
  console.log(
    `load average: ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores`,
  );
  for (const w of threads) w.postMessage({ kind: 'stop' });
  await Promise.all(threads.map((w) => w.terminate()));
  for (const ws of echoes) ws.terminate();
} finally {
  stopping = true;
  for (const s of servers) s.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 2000));
  await dropDb?.().catch(() => {});
  fs.rmSync(dir, { recursive: true, force: true });
}
