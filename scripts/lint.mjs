// `npm run lint`: types (each workspace's tsconfig), ESLint, Prettier, module boundaries.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const projects = ['packages/contract', 'packages/consensus', 'packages/selection', 'apps/server', 'apps/web', 'e2e', 'bench'].filter((p) =>
  fs.existsSync(path.join(root, p, 'tsconfig.json')),
);
const steps = [
  ...projects.map((p) => ['tsc', ['npx', 'tsc', '-p', p, '--noEmit']]),
  ['eslint', ['npx', 'eslint', '.']],
  ['prettier', ['npx', 'prettier', '--check', '.', '--log-level', 'warn']],
  ['dependency-cruiser', ['npx', 'depcruise', 'apps', 'packages', '--config', '.dependency-cruiser.cjs', '--output-type', 'err']],
];
let failed = 0;
for (const [name, [cmd, ...args]] of steps) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  console.log(`lint ${name} ${args.includes('-p') ? args[args.indexOf('-p') + 1] : ''}: ${r.status === 0 ? 'ok' : 'FAILED'}`);
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
