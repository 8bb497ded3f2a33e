import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { Queue, Worker as BullWorker, type ConnectionOptions } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import { nowIso } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import { transactWithEvents } from '../../platform/events/index.ts';
import type { OpinionMap } from '@shangliang/contract';
import type { MapPoints, MapReply, MapRequest } from './live.worker.ts';
import * as store from './live.store.ts';

/** The map as stored in `live_map.map_json`: the broadcast map plus what is never broadcast. */
export type StoredMap = OpinionMap & Pick<MapPoints, 'points' | 'extremity'>;
type Place = NonNullable<OpinionMap['me']>;

/**
 * Each participant's own place on the latest map, read once per map version and process (the
 * WebSocket tells every connected participant theirs after each map; 2,000 clients, one read).
 */
export class MapPlaces {
  private latest = new Map<string, { version: number; places: Promise<Map<string, Place>> }>();
  constructor(private db: Deps['db']) {}

  of(sessionId: string, version: number): Promise<Map<string, Place>> {
    const l = this.latest.get(sessionId);
    if (l && l.version >= version) return l.places;
    const places = store.findMap(this.db, sessionId).then((m) => {
      const stored = m ? (JSON.parse(m.map_json) as Partial<StoredMap>) : {};
      return new Map((stored.points ?? []).map((p) => [p.participantId, { x: p.x, y: p.y, group: p.group }]));
    });
    this.latest.set(sessionId, { version, places });
    places.catch(() => this.latest.delete(sessionId));
    return places;
  }

  forget(sessionId: string): void {
    this.latest.delete(sessionId);
  }
}

/**
 * Recomputes a session's opinion map off the request path. A vote schedules the session; the
 * first schedule starts a timer (LIVE_MAP_DEBOUNCE_MS) and the votes that arrive meanwhile join the
 * same computation, so a steady stream of votes gives one map per period. One computation per
 * session at a time across every process: in one process a lock is held while computing (a second
 * request tries again later, then finds the map already at its votes' version and does nothing);
 * with REDIS_URL the computation is a BullMQ job deduplicated by session (one waiting or running
 * per session, and one more queued if votes arrive while it runs), run by any process's worker. The map records the votes version it was computed at,
 * so that no vote is left out and none is computed twice. The engine runs in a worker thread.
 */
export class MapScheduler {
  private timers = new Map<string, NodeJS.Timeout>();
  private running = new Set<string>();
  /** The votes version our worker's engine has seen, per session. */
  private known = new Map<string, number>();
  private worker: Worker | null = null;
  private requests = new Map<number, { resolve: (m: MapPoints) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private closed = false;
  private inFlight = new Set<Promise<void>>();
  /** Computations this process finished (tests, the benchmark). */
  computed = 0;

  /** With REDIS_URL: the BullMQ queue of map computations and this process's worker (none for `consume: false`). */
  private jobs: { queue: Queue; worker: BullWorker | null } | null = null;

  constructor(
    private deps: Deps,
    private log: FastifyBaseLogger,
    opts: { consume?: boolean } = {},
  ) {
    const url = deps.config.REDIS_URL;
    if (url) {
      // Processes of one deployment share one database: its address names their queue, so that
      // deployments (or test runs) sharing a Redis never compute each other's maps.
      const name = `live-map-${createHash('sha256').update(deps.config.DATABASE_URL).digest('hex').slice(0, 12)}`;
      // Connection options, not connections: BullMQ then owns its connections and closes them
      // itself, after its own start and pending commands (with connections of ours it did neither:
      // a scheduler closed while its queue was starting raised an 'error' nobody could hear, which
      // ended a benchmark's server process).
      const connection = { url, maxRetriesPerRequest: null } as ConnectionOptions;
      const queue = new Queue(name, { connection, prefix: 'sl' });
      queue.on('error', (err) => {
        if (!this.closed) this.log.warn({ err }, 'opinion map queue');
      });
      this.jobs = { queue, worker: null };
      if (opts.consume !== false) {
        const worker = new BullWorker(name, (job) => this.compute((job.data as { sessionId: string }).sessionId), {
          connection,
          prefix: 'sl',
          concurrency: 2,
        });
        worker.on('failed', (job, err) => {
          if (!this.closed) this.log.error({ err, sessionId: job?.data?.sessionId }, 'opinion map computation failed');
        });
        worker.on('error', (err) => {
          if (!this.closed) this.log.warn({ err }, 'opinion map queue');
        });
        this.jobs = { queue, worker };
      }
    }
  }

  /** Asks for a recomputation of a session's map soon. */
  schedule(sessionId: string, delayMs = this.deps.config.LIVE_MAP_DEBOUNCE_MS): void {
    if (this.closed || this.timers.has(sessionId)) return;
    if (this.jobs) {
      // One job per session at a time across every process (BullMQ's deduplication); a vote that
      // arrives while it runs leaves one more to run after it. Asked at most once per period here.
      this.timers.set(
        sessionId,
        setTimeout(() => this.timers.delete(sessionId), delayMs),
      );
      this.jobs.queue
        .add(
          'map',
          { sessionId },
          { delay: delayMs, deduplication: { id: sessionId, keepLastIfActive: true }, removeOnComplete: true, removeOnFail: true },
        )
        .catch((err: unknown) => {
          this.timers.delete(sessionId);
          if (!this.closed) this.log.error({ err, sessionId }, 'scheduling the opinion map');
        });
      return;
    }
    this.timers.set(
      sessionId,
      setTimeout(() => {
        this.timers.delete(sessionId);
        const run = this.compute(sessionId)
          .catch((err) => {
            if (!this.closed) this.log.error({ err, sessionId }, 'opinion map computation failed');
          })
          .finally(() => this.inFlight.delete(run));
        this.inFlight.add(run);
      }, delayMs),
    );
  }

  /**
   * The last map of a session that just closed: queued at once for any process's worker with
   * REDIS_URL (so that it is still one computation at a time), computed here otherwise.
   */
  async finalize(sessionId: string): Promise<void> {
    if (!this.jobs) return this.compute(sessionId);
    await this.jobs.queue.add(
      'map',
      { sessionId },
      { deduplication: { id: sessionId, keepLastIfActive: true }, removeOnComplete: true, removeOnFail: true },
    );
  }

  private async versions(sessionId: string) {
    const [s, m] = await Promise.all([
      this.deps.db.selectFrom('live_session').select('votes_version').where('id', '=', sessionId).executeTakeFirst(),
      store.findMap(this.deps.db, sessionId),
    ]);
    return { votes: Number(s?.votes_version ?? 0), map: Number(m?.version ?? 0) };
  }

  /** Brings the map up to the session's current votes version (or leaves it to the process computing it). */
  async compute(sessionId: string): Promise<void> {
    if (this.closed) return;
    const v0 = await this.versions(sessionId);
    if (v0.map >= v0.votes) return;
    if (this.running.has(sessionId)) return this.schedule(sessionId);
    this.running.add(sessionId);
    // In-process, a lock keeps computations of a session apart; with BullMQ the queue does.
    const lockKey = `live-map:${sessionId}`;
    const token = this.jobs ? 'queue' : await this.deps.locks.acquire(lockKey, 120_000);
    if (!token) {
      this.running.delete(sessionId);
      return this.schedule(sessionId);
    }
    try {
      const v = await this.versions(sessionId);
      if (v.map >= v.votes || this.closed) return;
      await this.computeAt(sessionId, v.votes);
      // Votes that arrived while computing wait for the next period, as the first ones did.
      const after = await this.versions(sessionId);
      if (after.map < after.votes) this.schedule(sessionId);
    } finally {
      this.running.delete(sessionId);
      if (!this.jobs) await this.deps.locks.release(lockKey, token).catch(() => {});
    }
  }

  private async computeAt(sessionId: string, version: number) {
    const db = this.deps.db;
    const seen = this.known.get(sessionId) ?? 0;
    const changed = (await store.votesAfter(db, sessionId, seen)).filter((r) => r.version <= version);
    const moderatedOut = (
      await db.selectFrom('live_statement').select('id').where('session_id', '=', sessionId).where('state', '!=', 'published').execute()
    ).map((r) => r.id);
    const total = seen === 0 ? changed.length : Number.POSITIVE_INFINITY;
    let points: MapPoints | null = null;
    if (total > 0) {
      points = await this.request({
        id: this.nextId++,
        sessionId,
        reset: seen === 0,
        moderatedOut,
        votes: changed.map((r) => ({
          participant: r.participant_id,
          statement: r.statement_id,
          vote: r.vote as -1 | 0 | 1,
          time: r.version,
        })),
      });
      this.known.set(sessionId, version);
    }
    const at = nowIso();
    const map = {
      sessionId,
      version,
      computedAt: at,
      participants: points?.participants ?? 0,
      votes: points?.votes ?? 0,
      spots: points?.spots ?? [],
      groups: points?.groups ?? [],
      consensus: points?.consensus ?? [],
    };
    await transactWithEvents(
      this.deps,
      async (trx, emit) => {
        // Stored with every participant's place (`points`, for `me`) and the extremities (for the priority).
        const stored: StoredMap = { ...map, points: points?.points ?? [], extremity: points?.extremity ?? {} };
        await store.saveMap(trx, sessionId, version, at, JSON.stringify(stored));
        await emit(sessionId, 'map.updated', map);
      },
      (err) => this.log.error({ err }, 'publishing the opinion map'),
    );
    this.computed++;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const self = new URL('./live.worker.ts', import.meta.url);
    const file = self.pathname.endsWith('.ts') ? self : new URL('./live.worker.js', import.meta.url);
    // From TypeScript sources (tsx, vitest) Node 20 does not carry the loader into workers:
    // register tsx inside the worker first (as packages/consensus/src/worker.ts does).
    const w = file.pathname.endsWith('.ts')
      ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(file.href)}); });`, { eval: true })
      : new Worker(file);
    w.on('message', (m: MapReply) => {
      const r = this.requests.get(m.id);
      if (!r) return;
      this.requests.delete(m.id);
      if (m.ok) r.resolve(m.map);
      else r.reject(new Error(m.message));
    });
    const fail = (err: Error) => {
      for (const [, r] of this.requests) r.reject(err);
      this.requests.clear();
      // The engines died with the worker: the next computation starts from all votes.
      this.known.clear();
      this.worker = null;
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the opinion map worker exited (${code})`)));
    w.unref();
    return (this.worker = w);
  }

  private request(req: MapRequest): Promise<MapPoints> {
    const w = this.ensureWorker();
    return new Promise((resolve, reject) => {
      this.requests.set(req.id, { resolve, reject });
      w.postMessage(req);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    // Let a computation under way finish (it holds a lock and may be writing) before the worker goes.
    await Promise.allSettled([...this.inFlight]);
    if (this.jobs) {
      const { queue, worker } = this.jobs;
      this.jobs = null;
      await worker?.close().catch(() => {});
      await queue.close().catch(() => {});
    }
    const w = this.worker;
    this.worker = null;
    if (w) {
      w.removeAllListeners('exit');
      await w.terminate();
    }
  }
}
