// `npm start`: builds the web app when it has not been built or its sources changed since (a
// pull, an edit), then starts the server on the embedded default (SQLite under ./data, demo data
// on first start) unless configured otherwise.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);

/** The newest modification time of the files, or of any file under the folders (0 when none exist). */
function newest(paths) {
  let t = 0;
  const walk = (p) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (!st.isDirectory()) t = Math.max(t, st.mtimeMs);
    else for (const e of fs.readdirSync(p)) if (e !== 'node_modules' && e !== 'dist') walk(path.join(p, e));
  };
  for (const p of paths) walk(p);
  return t;
}

const built = path.join(root, 'apps/web/dist/index.html');
const sources = ['apps/web/src', 'apps/web/index.html', 'apps/web/public', 'packages/contract/src'].map((p) => path.join(root, p));
const stale = !fs.existsSync(built) || newest(sources) > fs.statSync(built).mtimeMs;
if (stale) {
  console.log(
    fs.existsSync(built) ? 'The web app changed since it was built: building it again…' : 'Building the web app (first start only)…',
  );
  const b = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
