import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../db/index.ts';
import { createTestDatabase } from '../../test/harness.ts';

/*
 * Nothing acknowledged is lost: a real server process takes a write load, is killed with SIGKILL
 * mid-stream, and every write it answered 201 to must be in the database afterwards.
 */

const repoRoot = path.resolve(import.meta.dirname, '../../../../..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(url: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WEB_DIST: 'none' },
    stdio: ['ignore', process.env.DEBUG_DURABILITY ? 'inherit' : 'ignore', 'inherit'],
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

let db: { url: string; drop: () => Promise<void> };
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

describe('durability', () => {
  it('keeps every acknowledged write after SIGKILL in the middle of a write load', async () => {
    const port = await freePort();
    const server = await startServer(db.url, port);
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'staff', password: 'Demo@2026' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const towns = (await (await fetch(`${base}/api/v1/org/nodes?kind=town&limit=5`, { headers: { cookie } })).json()) as {
      items: { id: string }[];
    };

    const acknowledged: string[] = [];
    let sent = 0;
    let stop = false;
    const worker = async (w: number) => {
      while (!stop) {
        const name = `负载履职小组-${w}-${sent++}`;
        try {
          const r = await fetch(`${base}/api/v1/org/nodes`, {
            method: 'POST',
            headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
            body: JSON.stringify({ parentId: towns.items[w % towns.items.length]!.id, kind: 'dutyGroup', name }),
          });
          if (r.status === 201) acknowledged.push(((await r.json()) as { id: string }).id);
        } catch {
          return; // the server is gone
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    await new Promise((r) => setTimeout(r, 1500));
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    await exited;
    expect(acknowledged.length).toBeGreaterThan(20);

    // Restart on the same database: it must come up (recovering the WAL) and hold every write.
    const again = await startServer(db.url, port);
    // SIGTERM is a graceful stop: the process closes the server and the database and exits 0.
    const stopped = new Promise<number | null>((r) => again.once('exit', (code) => r(code)));
    again.kill('SIGTERM');
    expect(await stopped).toBe(0);
    const handle = openDb(db.url);
    try {
      const found = await handle.db.selectFrom('org_node').select('id').where('id', 'in', acknowledged).execute();
      expect(found.length).toBe(acknowledged.length);
      const audited = await handle.db.selectFrom('audit_log').select('entity_id').where('entity_id', 'in', acknowledged).execute();
      expect(audited.length).toBe(acknowledged.length);
    } finally {
      await handle.close();
    }
    console.log(`durability: ${acknowledged.length} acknowledged writes, all present after SIGKILL (${sent} sent)`);
  });
});
