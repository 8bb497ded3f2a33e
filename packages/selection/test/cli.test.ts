/** The `npm run select` command (runCli, the same code the script runs). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli-run.ts';
import {
  buildProblem,
  greedyDraw,
  inputDigest,
  quotaViolation,
  replace,
  replacementSeed,
  SeededRandom,
  selectPanel,
} from '../src/index.ts';
import { parsePoolCsv, parseQuotasCsv } from '../src/files.ts';
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

describe('select command: --replace replays the replacement draws', () => {
  // 24 volunteers of three communities and two genders; a panel of 6 with every value bounded.
  const dir = mkdtempSync(path.join(tmpdir(), 'selection-replace-'));
  const poolFile = path.join(dir, 'pool.csv');
  const quotaFile = path.join(dir, 'quotas.csv');
  const rows = Array.from({ length: 24 }, (_, i) => `p${i},${['east', 'west', 'north'][i % 3]},${i % 4 < 2 ? 'f' : 'm'}`);
  writeFileSync(poolFile, `id,community,gender\n${rows.join('\n')}\n`);
  writeFileSync(
    quotaFile,
    'category,feature,min,max\ncommunity,east,2,2\ncommunity,west,2,2\ncommunity,north,2,2\ngender,f,3,3\ngender,m,3,3\n',
  );
  const base = ['--pool', poolFile, '--quotas', quotaFile, '--size', '6', '--seed', '2026-12-02 骰子 4'];
  const pool = parsePoolCsv(`id,community,gender\n${rows.join('\n')}\n`).pool;
  const quotas = parseQuotasCsv(
    'category,feature,min,max\ncommunity,east,2,2\ncommunity,west,2,2\ncommunity,north,2,2\ngender,f,3,3\ngender,m,3,3\n',
  ).quotas;

  it('draws each replacement with the derived seed, as replace() does step by step, keeping every quota', async () => {
    const lottery = JSON.parse((await run([...base, '--json'])).out);
    const first = lottery.panel[2] as string;
    const one = await run([...base, '--replace', first, '--json']);
    expect(one.code, one.err).toBe(0);
    const a = JSON.parse(one.out);
    expect(a.panel).toEqual(lottery.panel);
    expect(a.replacements).toHaveLength(1);
    expect(a.replacements[0]).toMatchObject({ ordinal: 1, declined: first, seed: '2026-12-02 骰子 4/replacement/1' });
    // The same draw through the API, with the inputs a server passes for the first replacement.
    const direct = await replace({ pool, quotas, panel: lottery.panel, declined: [first], seed: replacementSeed('2026-12-02 骰子 4', 1) });
    expect(a.replacements[0].replacement).toBe(direct.replacements[0]);
    expect(a.replacements[0].replacementDigest).toBe(direct.replacementDigest);
    expect(a.currentPanel).toEqual(direct.panel);
    // A second decline, here by the replacement themselves: excluded are those who declined before.
    const second = a.replacements[0].replacement as string;
    const two = JSON.parse((await run([...base, '--replace', first, '--replace', second, '--json'])).out);
    expect(two.replacements[0]).toEqual(a.replacements[0]);
    const next = await replace({
      pool,
      quotas,
      panel: direct.panel,
      declined: [second],
      excluded: [first],
      seed: replacementSeed('2026-12-02 骰子 4', 2),
    });
    expect(two.replacements[1]).toEqual({
      ordinal: 2,
      declined: second,
      replacement: next.replacements[0],
      seed: '2026-12-02 骰子 4/replacement/2',
      replacementDigest: next.replacementDigest,
    });
    expect([first, second]).not.toContain(two.currentPanel.find((id: string) => !lottery.panel.includes(id)));
    expect(quotaViolation(two.currentPanel, pool, quotas, 6)).toBeUndefined();
    const text = await run([...base, '--replace', first]);
    expect(text.out).toContain(
      `Replacement 1 (seed "2026-12-02 骰子 4/replacement/1"): ${first} declined, ${direct.replacements[0]} replaces them`,
    );
    // The lottery itself is unchanged by --replace.
    const again = await selectPanel({ pool, quotas, size: 6, seed: '2026-12-02 骰子 4' });
    expect(again.panel).toEqual(lottery.panel);
  });

  it('refuses bad --replace values with a message naming the flag and exit code 64', async () => {
    const lottery = JSON.parse((await run([...base, '--json'])).out);
    const onPanel = lottery.panel[0] as string;
    const offPanel = pool.map((v) => v.id).find((id) => !lottery.panel.includes(id))!;
    const cases: [string[], RegExp][] = [
      [['--replace', 'nobody'], /^--replace: "nobody" is not an id of .*pool\.csv/],
      [['--replace', ' '], /^--replace: replacement 1 names no id/],
      [['--replace', onPanel, '--replace', onPanel], new RegExp(`^--replace: "${onPanel}" is given twice`)],
      [['--replace', offPanel], new RegExp(`^--replace: "${offPanel}" \\(replacement 1\\) is not on the panel after 0 replacement`)],
      [['--replace'], /--replace/],
      [['--panel', 'current.csv'], /--panel/],
    ];
    for (const [extra, message] of cases) {
      const r = await run([...base, ...extra]);
      expect(r.code, extra.join(' ')).toBe(64);
      expect(r.err).toMatch(message);
      expect(r.out).toBe('');
    }
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
