import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { moveClock, resetClock } from '../clock.ts';
import { openDb } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { registerJob, registeredJobs, runJobOnce, startJobs, type Job } from './index.ts';

/*
 * The in-process scheduler: a job runs once per period across processes (the claim is a row in
 * job_run), a failure is recorded and releases the job, and stop() ends the timers.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  resetClock();
  await t?.close();
});

const counting = (name: string, everyMs: number, fn: () => Promise<void> = async () => {}) => {
  const job: Job & { runs: number } = {
    name,
    everyMs,
    runs: 0,
    run: async () => {
      job.runs++;
      await fn();
    },
  };
  return job;
};
const stateOf = (name: string) => t.db.db.selectFrom('job_run').selectAll().where('name', '=', name).executeTakeFirstOrThrow();

describe('jobs', () => {
  it('runs a job once per period', async () => {
    const job = counting('test.period', 60_000);
    expect(await runJobOnce(t.app.deps, job)).toBe('ran');
    expect(await runJobOnce(t.app.deps, job)).toBe('not_due');
    moveClock(60_000);
    expect(await runJobOnce(t.app.deps, job)).toBe('ran');
    resetClock();
    expect(job.runs).toBe(2);
    const s = await stateOf('test.period');
    expect(s).toMatchObject({ runs: 2, locked_until: null, last_error: null });
    expect(s.last_finished_at).not.toBeNull();
  });

  it('two processes ticking at once: only one runs the job', async () => {
    const job = counting('test.race', 60_000, () => new Promise((r) => setTimeout(r, 50)));
    const a = openDb(t.url);
    const b = openDb(t.url);
    try {
      const deps = (h: typeof a): Deps => ({ ...t.app.deps, db: h.db, dbHandle: h });
      const outcomes = await Promise.all([
        runJobOnce(deps(a), job),
        runJobOnce(deps(b), job),
        runJobOnce(deps(a), job),
        runJobOnce(deps(b), job),
      ]);
      expect(outcomes.filter((o) => o === 'ran')).toHaveLength(1);
      expect(job.runs).toBe(1);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a job that is still running is not started again by another process, until its lease runs out', async () => {
    let release!: () => void;
    const job = counting('test.lease', 1000, () => new Promise<void>((r) => (release = r)));
    const first = runJobOnce(t.app.deps, job);
    await new Promise((r) => setTimeout(r, 50));
    moveClock(5000);
    expect(await runJobOnce(t.app.deps, { ...job, run: async () => {} })).toBe('not_due');
    release();
    expect(await first).toBe('ran');
    resetClock();
  });

  it('records a failure and releases the job', async () => {
    const job = counting('test.fail', 60_000, async () => {
      throw new Error('数据库不可用');
    });
    expect(await runJobOnce(t.app.deps, job)).toBe('failed');
    const s = await stateOf('test.fail');
    expect(s.last_error).toContain('数据库不可用');
    expect(s.locked_until).toBeNull();
  });

  it('startJobs runs registered jobs on their timers and stop() ends them', async () => {
    const job = counting('test.timer', 40);
    registerJob(job);
    registerJob(job);
    expect(() => registerJob({ ...job })).toThrow(/already registered/);
    expect(registeredJobs().map((j) => j.name)).toContain('test.timer');
    const logs: string[] = [];
    const runner = startJobs(t.app.deps, { jobs: [job], onError: (m) => logs.push(m) });
    await new Promise((r) => setTimeout(r, 400));
    await runner.stop();
    const after = job.runs;
    expect(after).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 150));
    expect(job.runs).toBe(after);
    expect(logs).toEqual([]);
  });

  it('reports a failing run and keeps ticking', async () => {
    const job = counting('test.timer-fail', 40, async () => {
      throw new Error('boom');
    });
    const logs: string[] = [];
    const runner = startJobs(t.app.deps, { jobs: [job], onError: (m) => logs.push(m) });
    await new Promise((r) => setTimeout(r, 300));
    await runner.stop();
    expect(job.runs).toBeGreaterThanOrEqual(2);
    expect(logs[0]).toBe('job test.timer-fail failed (see job_run.last_error)');
  });

  it('wired as main.ts should: started with the app, stopped when it closes', async () => {
    const app = await buildApp({ config: t.config, db: t.db });
    const job = counting('test.app', 30);
    const jobs = startJobs(app.deps, { jobs: [job] });
    app.addHook('onClose', () => jobs.stop());
    await app.ready();
    await new Promise((r) => setTimeout(r, 200));
    await app.close();
    const after = job.runs;
    expect(after).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 120));
    expect(job.runs).toBe(after);
  });
});
