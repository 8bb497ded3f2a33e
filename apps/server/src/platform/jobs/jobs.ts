import { now, nowIso } from '../clock.ts';
import type { Deps } from '../deps.ts';

/** A periodic job: a name that is unique across the platform, how often, and what it does. */
export interface Job {
  name: string;
  everyMs: number;
  /** How long a run may hold the job before another process may take it over (default: 10 × everyMs, at least a minute). */
  leaseMs?: number;
  run(deps: Deps): Promise<void>;
}

const registry = new Map<string, Job>();

/**
 * Adds a job to the ones `startJobs` runs; modules call it from their manifest (e.g. deadline
 * reminders). Registering the same job again is harmless; another job under a taken name is a bug.
 */
export function registerJob(job: Job): void {
  const known = registry.get(job.name);
  if (known && known !== job) throw new Error(`a different job is already registered as ${job.name}`);
  registry.set(job.name, job);
}

/** The registered jobs, in registration order. */
export const registeredJobs = (): Job[] => [...registry.values()];

export type JobOutcome = 'ran' | 'not_due' | 'failed';

const leaseOf = (job: Job) => job.leaseMs ?? Math.max(60_000, job.everyMs * 10);

/**
 * Runs a job once if it is due and no other process holds it. The claim is one conditional
 * UPDATE on the job's row in `job_run` (works alike on SQLite and PostgreSQL): only one process
 * wins a period. "Due" means half a period since the last start, so that timer jitter in one
 * process never skips a run, while two processes ticking out of phase still share the work.
 */
export async function runJobOnce(deps: Deps, job: Job): Promise<JobOutcome> {
  const { db } = deps;
  await db
    .insertInto('job_run')
    .values({ name: job.name, locked_until: null, last_started_at: null, last_finished_at: null, last_error: null, runs: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const t = now();
  const startedAt = t.toISOString();
  const dueIfStartedBefore = new Date(t.getTime() - job.everyMs / 2).toISOString();
  const claim = await db
    .updateTable('job_run')
    .set((eb) => ({
      locked_until: new Date(t.getTime() + leaseOf(job)).toISOString(),
      last_started_at: startedAt,
      runs: eb('runs', '+', 1),
    }))
    .where('name', '=', job.name)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', startedAt)]))
    .where((eb) => eb.or([eb('last_started_at', 'is', null), eb('last_started_at', '<=', dueIfStartedBefore)]))
    .executeTakeFirst();
  if (Number(claim.numUpdatedRows) !== 1) return 'not_due';
  let error: string | null = null;
  try {
    await job.run(deps);
  } catch (err) {
    error = String((err as Error)?.stack ?? err).slice(0, 2000);
  }
  await db
    .updateTable('job_run')
    .set({ locked_until: null, last_finished_at: nowIso(), last_error: error })
    .where('name', '=', job.name)
    .where('last_started_at', '=', startedAt)
    .execute();
  return error ? 'failed' : 'ran';
}

export interface StartJobsOptions {
  /** The jobs to run (default: every registered job). */
  jobs?: Job[];
  /** Told when a run fails or cannot start (e.g. the database is down); the timers keep going. */
  onError?: (message: string, err?: unknown) => void;
}

export interface JobRunner {
  /** Stops the timers and waits for runs in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Starts the in-process scheduler: each job ticks on its own timer (unref'd: timers never keep
 * the process alive) and runs when `runJobOnce` says it is due. A tick is skipped while the
 * previous run of the same job in this process is still going. Call `stop()` when the app closes.
 */
export function startJobs(deps: Deps, opts: StartJobsOptions = {}): JobRunner {
  const { jobs = registeredJobs(), onError = () => {} } = opts;
  const timers: NodeJS.Timeout[] = [];
  const running = new Map<string, Promise<void>>();
  let stopped = false;
  for (const job of jobs) {
    const tick = () => {
      if (stopped || running.has(job.name)) return;
      const p = runJobOnce(deps, job)
        .then((outcome) => {
          if (outcome === 'failed') onError(`job ${job.name} failed (see job_run.last_error)`);
        })
        .catch((err: unknown) => onError(`job ${job.name} could not run`, err))
        .finally(() => running.delete(job.name));
      running.set(job.name, p);
    };
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    timers.push(timer);
  }
  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running.values());
    },
  };
}
