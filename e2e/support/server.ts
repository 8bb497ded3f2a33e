import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The repository root (e2e/support/ is two levels down). */
export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** A port the system says is free now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
  /** What the server printed, for a failing test's message. */
  output: () => string;
}

/**
 * Starts the real server as a child process on a fresh SQLite database in a temporary folder and
 * a free port, with the demo data, serving the built web app. Builds nothing: the test script
 * builds `apps/web/dist` first, and this refuses to start without it.
 */
export async function startServer(): Promise<RunningServer> {
  if (!fs.existsSync(path.join(repoRoot, 'apps/web/dist/index.html'))) {
    throw new Error('apps/web/dist is missing: run `npm run build -w apps/web` before the browser tests');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-e2e-'));
  const port = await freePort();
  // E2E_SERVER_ROOT runs the server from another checkout (e.g. a snapshot of HEAD while the
  // working tree's server is mid-change); the web app is always this tree's build.
  const serverRoot = process.env.E2E_SERVER_ROOT ?? repoRoot;
  const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
  let log = '';
  const child: ChildProcess = spawn(tsx, ['apps/server/src/main.ts'], {
    cwd: serverRoot,
    env: {
      ...process.env,
      DATABASE_URL: `file:${path.join(dir, 'e2e.db')}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_DIST: path.join(repoRoot, 'apps/web/dist'),
      // Live sockets' access is re-checked every few seconds here (a minute by default), so that a
      // scenario can watch a logged-out page being told.
      LIVE_ACCESS_RECHECK_SECONDS: '2',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before it was ready:\n${log}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /healthz within 90 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    url,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
