// Runs every suite and fails if any cannot run: lint, unit (packages), server on SQLite, server
// on PostgreSQL, the browser scenarios. A missing database or browser is a failure, not a skip.
// Ends with one line: "tests: N passed, M failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const pgUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const only = process.argv.slice(2);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-tests-'));
let passed = 0;
let failed = 0;
const problems = [];

function run(label, cmd, args, env = {}, suite = label) {
  if (only.length && !only.includes(suite)) return true;
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) problems.push(`${label} (exit ${r.status})`);
  return r.status === 0;
}

function vitest(label, project, env = {}) {
  const file = path.join(out, `${label}.json`);
  run(label, 'npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile=${file}`], env);
  if (fs.existsSync(file)) {
    const j = JSON.parse(fs.readFileSync(file, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests;
    if (j.numTotalTests === 0) problems.push(`${label} ran no test`);
  } else if (!only.length || only.includes(label)) problems.push(`${label} produced no report`);
}

function require(label, ok, hint) {
  if (!ok) problems.push(`${label} cannot run: ${hint}`);
  return ok;
}

// Chromium, the CJK font, scikit-learn, PostgreSQL and Redis: installed or started when missing.
if (!process.env.SKIP_ENSURE_SYSTEM) run('system', 'bash', ['scripts/ensure-system.sh']);
run('lint', 'npm', ['run', 'lint']);
vitest('unit', 'unit');
vitest('server-sqlite', 'server', { TEST_DATABASE_URL: '', TEST_REDIS_URL: redisUrl });
const pgUp = spawnSync('pg_isready', ['-d', pgUrl], { stdio: 'ignore' }).status === 0;
if (require('server-postgres', pgUp, `PostgreSQL not reachable at ${pgUrl} (scripts/ensure-system.sh starts it)`)) {
  vitest('server-postgres', 'server', { TEST_DATABASE_URL: pgUrl, TEST_REDIS_URL: redisUrl });
}
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (require('e2e', fs.existsSync(chromium), `no browser at ${chromium} (scripts/ensure-system.sh installs it)`)) {
  run('build-web', 'npm', ['run', 'build'], {}, 'e2e');
  vitest('e2e', 'e2e');
}

console.log('');
for (const p of problems) console.log(`FAILED: ${p}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(problems.length || failed ? 1 : 0);
