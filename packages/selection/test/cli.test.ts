/** The `npm run select` command (runCli, the same code the script runs). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli-run.ts';
import { buildProblem, greedyDraw, inputDigest, quotaViolation, SeededRandom } from '../src/index.ts';
import { loadExample } from './helpers/data.ts';

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('select command', () => {
  const ex = loadExample('example_small_20');
  const args = ['--pool', ex.poolFile, '--quotas', ex.quotaFile, '--size', '20', '--seed', '8675309'];

  it('prints the documented JSON, reproducibly', async () => {
    const a = await run([...args, '--json']);
    expect(a.code).toBe(0);
    const json = JSON.parse(a.out);
    expect(Object.keys(json)).toEqual(['panel', 'probabilities', 'seed', 'inputDigest']);
    expect(json.panel).toHaveLength(20);
    expect(json.seed).toBe('8675309');
    expect(Object.keys(json.probabilities)).toHaveLength(200);
    expect(json.inputDigest).toBe(inputDigest(ex.pool.pool, ex.quotas.quotas, 20));
    expect(quotaViolation(json.panel, ex.pool.pool, ex.quotas.quotas, 20)).toBeUndefined();
    const b = await run([...args, '--json']);
    expect(b.out).toBe(a.out);
  });

  it('prints a readable table without --json', async () => {
    const r = await run(args);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Panel of 20/);
    expect(r.out).toMatch(/Minimum selection probability: 10\.0000 %/);
    expect(r.out).toMatch(/certificate: met/);
  });

  it('refuses malformed files with file, row and reason; explains infeasible quotas', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'selection-cli-'));
    const pool = path.join(dir, 'pool.csv');
    const quotas = path.join(dir, 'quotas.csv');
    writeFileSync(pool, 'id,gender\na,f\nb,m\nc,x\n');
    writeFileSync(quotas, 'category,feature,min,max\ngender,f,1,2\ngender,m,1,2\n');
    const bad = await run(['--pool', pool, '--quotas', quotas, '--size', '2', '--seed', '1']);
    expect(bad.code).toBe(65);
    expect(bad.err).toContain(`${pool}, row 4: value "x" of category "gender" is named by no quota`);
    writeFileSync(pool, 'id,gender\na,f\nb,m\nc,m\n');
    writeFileSync(quotas, 'category,feature,min,max\ngender,f,2,3\ngender,m,0,3\n');
    const infeasible = await run(['--pool', pool, '--quotas', quotas, '--size', '2', '--seed', '1']);
    expect(infeasible.code).toBe(66);
    expect(infeasible.err).toMatch(/gender=f >= 2/);
    expect(infeasible.err).toMatch(/min 2 -> 1/);
    expect((await run(['--pool', pool])).code).toBe(64);
  });
});

describe('greedy baseline', () => {
  it('draws panels that meet every quota', () => {
    const ex = loadExample('example_large_200');
    const problem = buildProblem({ pool: ex.pool.pool, quotas: ex.quotas.quotas, size: 200 });
    const rng = new SeededRandom('g');
    const ids = ex.pool.pool.map((v) => v.id);
    for (let i = 0; i < 20; i++) {
      const panel = greedyDraw(problem, rng);
      expect(panel).toBeDefined();
      expect(
        quotaViolation(
          panel!.map((v) => ids[v]!),
          ex.pool.pool,
          ex.quotas.quotas,
          200,
        ),
      ).toBeUndefined();
    }
  });
});
