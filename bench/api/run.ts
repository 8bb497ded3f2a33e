import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

/*
 * `npm run bench:api`: requests per second and p99 latency of an authenticated, database-backed
 * list endpoint (GET /api/v1/members, SQLite, demo data) beside a bare Fastify hello-world
 * server, both measured with autocannon the same way in the same run. Each server runs in its
 * own process; autocannon runs here. Rounds alternate (hello, api, hello, api, …) and the
 * medians are reported, so drift on this 2-core machine hits both alike.
 */

const root = path.resolve(import.meta.dirname, '../..');
const rounds = Number(process.env.ROUNDS ?? 3);
const duration = Number(process.env.DURATION ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 10);

async function start(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /READY (\S+)|running at (\S+)/.exec(buf);
      if (m) resolve({ child, url: (m[1] ?? m[2])! });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${buf}`)));
  });
}

async function measure(url: string, headers: Record<string, string>) {
  const r = await autocannon({ url, connections, duration, headers });
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p99: r.latency.p99, p50: r.latency.p50 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-bench-'));
const hello = await start(['bench/api/hello.ts'], {});
const api = await start(['apps/server/src/main.ts'], {
  DATABASE_URL: `file:${dir}/bench.db`,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  WEB_DIST: 'none',
});
try {
  const apiBase = api.url.replace('localhost', '127.0.0.1');
  const login = await fetch(`${apiBase}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'staff', password: 'Demo@2026' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const listUrl = `${apiBase}/api/v1/members?limit=20`;
  const check = await fetch(listUrl, { headers: { cookie } });
  const body = (await check.json()) as { items: unknown[]; total: number };
  if (body.items.length !== 20) throw new Error('the list endpoint did not answer a page of 20');

  // The floor: the same page from the same database file by bare Fastify + better-sqlite3.
  const { createHash } = await import('node:crypto');
  const token = cookie.split('=')[1]!;
  const floor = await start(['bench/api/floor.ts'], {
    DB_FILE: `${dir}/bench.db`,
    SESSION_ID: createHash('sha256').update(token).digest('hex'),
  });
  const floorUrl = `${floor.url}/members`;
  // Warm all up (JIT, SQLite page cache) before measuring.
  await autocannon({ url: hello.url, connections, duration: 2 });
  await autocannon({ url: floorUrl, connections, duration: 2, headers: { cookie } });
  await autocannon({ url: listUrl, connections, duration: 2, headers: { cookie } });
  const h: { rps: number; p99: number; p50: number }[] = [];
  const f: { rps: number; p99: number; p50: number }[] = [];
  const a: { rps: number; p99: number; p50: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    h.push(await measure(hello.url, {}));
    f.push(await measure(floorUrl, { cookie }));
    a.push(await measure(listUrl, { cookie }));
  }
  floor.child.kill();
  const hr = median(h.map((x) => x.rps));
  const ar = median(a.map((x) => x.rps));
  const ap99 = median(a.map((x) => x.p99));
  console.log(
    `\nbench:api — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Node ${process.version}, ${rounds} rounds × ${duration}s, ${connections} connections, server LOG_LEVEL=${process.env.LOG_LEVEL ?? 'info'}`,
  );
  console.log('| server | req/s (median) | p50 ms | p99 ms | rounds (req/s) |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(
    `| Fastify hello-world | ${hr.toFixed(0)} | ${median(h.map((x) => x.p50))} | ${median(h.map((x) => x.p99))} | ${h.map((x) => x.rps.toFixed(0)).join(', ')} |`,
  );
  const fr = median(f.map((x) => x.rps));
  console.log(
    `| floor: bare Fastify + better-sqlite3, same page, same file | ${fr.toFixed(0)} | ${median(f.map((x) => x.p50))} | ${median(f.map((x) => x.p99))} | ${f.map((x) => x.rps.toFixed(0)).join(', ')} |`,
  );
  console.log(
    `| GET /api/v1/members (session + 20 rows + total, SQLite) | ${ar.toFixed(0)} | ${median(a.map((x) => x.p50))} | ${ap99} | ${a.map((x) => x.rps.toFixed(0)).join(', ')} |`,
  );
  console.log(
    `\nratio api/hello: ${(ar / hr).toFixed(2)} (goal ≥ 0.50); floor/hello: ${(fr / hr).toFixed(2)}; api/floor: ${(ar / fr).toFixed(2)}; api p99: ${ap99} ms (goal < 20 ms)`,
  );
} finally {
  hello.child.kill();
  api.child.kill();
  fs.rmSync(dir, { recursive: true, force: true });
}
