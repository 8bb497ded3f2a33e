import { nowIso } from '../clock.ts';
import type { Db, Executor, Trx } from '../db/index.ts';
import type { EventBus } from './bus.ts';

/*
 * Durable event streams: every event of a stream (a live session) gets the next sequence number of
 * that stream, written in the same transaction as the change it reports; after the commit it is
 * published on the bus. A subscriber that sees a gap, or reconnects with its last sequence (its
 * resume point), reads what it missed from the database: nothing is lost, nothing repeated.
 *
 * Why the sequence has no gaps and commits in order: the counter is one row per stream, and
 * taking the next number updates that row, which holds its row lock (PostgreSQL) or the write lock
 * (SQLite) until the transaction commits; the next writer waits, so seq n+1 commits after seq n.
 */

export interface StoredEvent {
  stream: string;
  seq: number;
  type: string;
  at: string;
  data: unknown;
}

const channelOf = (stream: string) => `stream:${stream}`;

/** Creates a stream (with the entity it belongs to, in the same transaction). */
export async function createStream(db: Executor, id: string): Promise<void> {
  await db.insertInto('event_stream').values({ id, last_seq: 0, created_at: nowIso() }).execute();
}

/** The last sequence number of a stream (0: no events yet). */
export async function lastSeq(db: Executor, id: string): Promise<number> {
  const r = await db.selectFrom('event_stream').select('last_seq').where('id', '=', id).executeTakeFirst();
  return Number(r?.last_seq ?? 0);
}

/** Appends an event in the caller's transaction; publish it after the commit (`transactWithEvents`). */
export async function appendEvent(trx: Trx, stream: string, type: string, data: unknown): Promise<StoredEvent> {
  const r = await trx
    .updateTable('event_stream')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', stream)
    .returning('last_seq')
    .executeTakeFirst();
  if (!r) throw new Error(`event stream ${stream} does not exist`);
  const e: StoredEvent = { stream, seq: Number(r.last_seq), type, at: nowIso(), data };
  await trx
    .insertInto('event_log')
    .values({ stream_id: stream, seq: e.seq, type, at: e.at, data_json: JSON.stringify(data) })
    .execute();
  return e;
}

/**
 * Appends several events to one stream in the caller's transaction: one counter update and one
 * insert for the lot (a group commit of votes), with consecutive sequence numbers in order.
 */
export async function appendEvents(trx: Trx, stream: string, items: { type: string; data: unknown }[]): Promise<StoredEvent[]> {
  if (!items.length) return [];
  const r = await trx
    .updateTable('event_stream')
    .set((eb) => ({ last_seq: eb('last_seq', '+', items.length) }))
    .where('id', '=', stream)
    .returning('last_seq')
    .executeTakeFirst();
  if (!r) throw new Error(`event stream ${stream} does not exist`);
  const first = Number(r.last_seq) - items.length + 1;
  const at = nowIso();
  const events = items.map((it, i): StoredEvent => ({ stream, seq: first + i, type: it.type, at, data: it.data }));
  // 5 values a row: well inside SQLite's 32,766 bound variables per statement.
  for (let i = 0; i < events.length; i += 1000) {
    await trx
      .insertInto('event_log')
      .values(
        events
          .slice(i, i + 1000)
          .map((e) => ({ stream_id: stream, seq: e.seq, type: e.type, at: e.at, data_json: JSON.stringify(e.data) })),
      )
      .execute();
  }
  return events;
}

/** Events of a stream after a sequence number, in order. */
export async function readEvents(db: Executor, stream: string, after: number, limit = 1000): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('event_log')
    .selectAll()
    .where('stream_id', '=', stream)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ stream, seq: Number(r.seq), type: r.type, at: r.at, data: JSON.parse(r.data_json) }));
}

/**
 * Publishes committed events, one message per stream (a JSON array of its events in order: a group
 * commit of votes is one message, not one per vote); a failure is only logged: subscribers fill
 * the gap from the database.
 */
export async function publishEvents(bus: EventBus, events: StoredEvent[], onError?: (err: unknown) => void): Promise<void> {
  const byStream = new Map<string, StoredEvent[]>();
  for (const e of events) {
    const list = byStream.get(e.stream);
    if (list) list.push(e);
    else byStream.set(e.stream, [e]);
  }
  for (const [stream, list] of byStream) {
    try {
      await bus.publish(channelOf(stream), JSON.stringify(list));
    } catch (err) {
      onError?.(err);
    }
  }
}

export type Emit = (stream: string, type: string, data: unknown) => Promise<StoredEvent>;
/** Appends several events to one stream at once (see `appendEvents`). */
export type EmitMany = (stream: string, items: { type: string; data: unknown }[]) => Promise<StoredEvent[]>;

/**
 * Runs `fn` in a transaction with an `emit` that appends events; publishes them once the
 * transaction has committed (never before: a subscriber must be able to read what it is told of).
 */
export async function transactWithEvents<T>(
  deps: { db: Db; bus: EventBus },
  fn: (trx: Trx, emit: Emit, emitMany: EmitMany) => Promise<T>,
  onPublishError?: (err: unknown) => void,
): Promise<T> {
  const events: StoredEvent[] = [];
  const result = await deps.db.transaction().execute((trx) =>
    fn(
      trx,
      async (stream, type, data) => {
        const e = await appendEvent(trx, stream, type, data);
        events.push(e);
        return e;
      },
      async (stream, items) => {
        const es = await appendEvents(trx, stream, items);
        events.push(...es);
        return es;
      },
    ),
  );
  await publishEvents(deps.bus, events, onPublishError);
  return result;
}

/**
 * Something that receives a stream's events in order; `ready` once it has caught up. With
 * `sendBatch`, events that arrive together come as one array (the same array for every listener
 * that is caught up, so a WebSocket layer can serialise it once); without it, one `send` each.
 */
export interface StreamListener {
  send(e: StoredEvent): void;
  sendBatch?(events: StoredEvent[]): void;
  ready?(lastSeq: number): void;
}

interface StreamState {
  delivered: number;
  listeners: Map<StreamListener, { sent: number }>;
  chain: Promise<void>;
  unsubscribe?: () => Promise<void>;
  /** Delivered to the hub, not yet handed to the listeners (see `batchMs`). */
  outbox: StoredEvent[];
  flush: NodeJS.Timeout | NodeJS.Immediate | null;
  lastFlush: number;
}

function handOver(l: StreamListener, events: StoredEvent[]) {
  if (l.sendBatch) l.sendBatch(events);
  else for (const e of events) l.send(e);
}

/** Listener writes a second one stream may cost before its window widens (see StreamHub). */
const WRITES_PER_SECOND = 20_000;
const MAX_WINDOW_MS = 150;

/** The most events handed over in one batch (a replay is cut into batches of this size). */
const MAX_BATCH = 200;

/**
 * One process's fan-out of streams to its local listeners (WebSocket clients). One bus
 * subscription per stream; everything about a stream happens in one queue, so listeners receive
 * events in sequence order, once each, gaps filled from the database.
 *
 * Events are handed to the listeners in batches, at most one batch per stream per window: the
 * first event after a quiet period goes out at once (on the next turn of the event loop, with
 * whatever else arrived in the same turn, e.g. a group commit of votes); events that follow within
 * the window wait for its end and go together. Each batch is one write per client instead of one
 * per event: with 2,000 clients and 200 votes a second, the system calls of one frame per event
 * took most of a core (profile of 2026-12-01; a write to a loopback socket cost ~10 µs there).
 * The window is `batchMs`, widened for big audiences so that a stream costs at most about
 * `WRITES_PER_SECOND` writes a second (2,000 clients: 100 ms), and never more than `MAX_WINDOW_MS`.
 */
export class StreamHub {
  private streams = new Map<string, StreamState>();
  constructor(
    private db: Db,
    private bus: EventBus,
    private onError: (err: unknown) => void = () => {},
    private batchMs = 0,
  ) {}

  private enqueue(s: StreamState, job: () => Promise<void>) {
    s.chain = s.chain.then(job).catch((err) => this.onError(err));
    return s.chain;
  }

  /** Adds a listener that has seen events up to `after`: it first receives what it missed. */
  async subscribe(stream: string, after: number, listener: StreamListener): Promise<() => Promise<void>> {
    let s = this.streams.get(stream);
    if (!s) {
      const state: StreamState = {
        delivered: 0,
        listeners: new Map(),
        chain: Promise.resolve(),
        outbox: [],
        flush: null,
        lastFlush: 0,
      };
      this.streams.set(stream, (s = state));
      // Subscribe first, then read where the stream is: a message arriving meanwhile waits in the queue.
      await this.enqueue(state, async () => {
        state.unsubscribe = await this.bus.subscribe(channelOf(stream), (m) => this.onMessage(state, stream, m));
        state.delivered = await lastSeq(this.db, stream);
      });
    }
    const state = s;
    await this.enqueue(state, async () => {
      const entry = { sent: Math.min(after, state.delivered) };
      for (let more = entry.sent < state.delivered; more;) {
        const rows = (await readEvents(this.db, stream, entry.sent, MAX_BATCH)).filter((e) => e.seq <= state.delivered);
        if (rows.length) {
          handOver(listener, rows);
          entry.sent = rows.at(-1)!.seq;
        }
        more = rows.length === MAX_BATCH && entry.sent < state.delivered;
      }
      entry.sent = state.delivered;
      state.listeners.set(listener, entry);
      listener.ready?.(state.delivered);
    });
    return async () => {
      state.listeners.delete(listener);
      if (!state.listeners.size && this.streams.get(stream) === state) {
        this.streams.delete(stream);
        this.cancelFlush(state);
        await this.enqueue(state, async () => state.unsubscribe?.());
      }
    };
  }

  private onMessage(state: StreamState, stream: string, message: string) {
    const parsed = JSON.parse(message) as StoredEvent | StoredEvent[];
    const events = Array.isArray(parsed) ? parsed : [parsed];
    void this.enqueue(state, async () => {
      for (const e of events) {
        if (e.seq <= state.delivered) continue;
        if (e.seq > state.delivered + 1) {
          // Missed or reordered between publishers: read the gap; it is committed (see above).
          for (const g of await readEvents(this.db, stream, state.delivered, e.seq - state.delivered - 1)) this.deliver(state, g);
        }
        if (e.seq === state.delivered + 1) this.deliver(state, e);
      }
    });
  }

  private deliver(state: StreamState, e: StoredEvent) {
    if (e.seq !== state.delivered + 1) return;
    state.delivered = e.seq;
    state.outbox.push(e);
    if (state.flush) return;
    const windowMs = Math.min(MAX_WINDOW_MS, Math.max(this.batchMs, (state.listeners.size * 1000) / WRITES_PER_SECOND));
    const wait = state.lastFlush + windowMs - performance.now();
    state.flush = wait > 0 ? setTimeout(() => this.flush(state), wait) : setImmediate(() => this.flush(state));
  }

  private cancelFlush(state: StreamState) {
    if (state.flush) {
      clearTimeout(state.flush as NodeJS.Timeout);
      clearImmediate(state.flush as NodeJS.Immediate);
    }
    state.flush = null;
  }

  /** Hands the outbox to every listener, each receiving only what it has not had (a late subscriber replayed some). */
  private flush(state: StreamState) {
    state.flush = null;
    state.lastFlush = performance.now();
    for (let i = 0; i < state.outbox.length; i += MAX_BATCH) {
      const batch = state.outbox.slice(i, i + MAX_BATCH);
      const last = batch.at(-1)!.seq;
      for (const [l, entry] of state.listeners) {
        if (last <= entry.sent) continue;
        const events = batch[0]!.seq > entry.sent ? batch : batch.filter((e) => e.seq > entry.sent);
        entry.sent = last;
        try {
          handOver(l, events);
        } catch (err) {
          this.onError(err);
        }
      }
    }
    state.outbox = [];
  }

  /** Local listeners of a stream (for tests and the benchmark). */
  listenerCount(stream: string): number {
    return this.streams.get(stream)?.listeners.size ?? 0;
  }

  async close(): Promise<void> {
    for (const [, s] of this.streams) {
      this.cancelFlush(s);
      await s.unsubscribe?.().catch(() => {});
    }
    this.streams.clear();
  }
}
