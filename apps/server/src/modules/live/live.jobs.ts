import type { FastifyBaseLogger } from 'fastify';
import type { Job } from '../../platform/jobs/index.ts';
import { MapScheduler } from './live.map.ts';
import { closeDueSessions } from './live.service.ts';

/*
 * The live module's periodic job: online sessions close at their closing time by themselves,
 * as if the convener had closed them (one process wins each period; each session is closed in
 * its own transaction, once).
 */

/** Jobs get the dependencies, not the app's logger: failures of the final map go to stderr as one JSON line. */
const log = {
  error: (obj: unknown, msg?: string) =>
    process.stderr.write(`${JSON.stringify({ level: 'error', msg, err: String((obj as { err?: unknown })?.err ?? obj) })}\n`),
} as unknown as FastifyBaseLogger;

/** Every minute: closes the open sessions whose `closes_at` has passed, then computes their final opinion map. */
export const liveClosesJob: Job = {
  name: 'live.closes',
  everyMs: 60_000,
  run: async (deps) => {
    // A scheduler of its own (the app's lives in the app), without a queue worker: with REDIS_URL the
    // final map goes to the queue (any process's worker computes it), otherwise it is computed here;
    // either way only a map that is behind its votes is computed.
    // Made only when a session is due: most minutes close nothing and need no Redis connection.
    let maps: MapScheduler | null = null;
    try {
      await closeDueSessions(deps, (id) => (maps ??= new MapScheduler(deps, log, { consume: false })).finalize(id));
    } finally {
      await (maps as MapScheduler | null)?.close();
    }
  },
};
