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

/** Publishes committed events; a failure is only logged: subscribers fill the gap from the database. */
export async function publishEvents(bus: EventBus, events: StoredEvent[], onError?: (err: unknown) => void): Promise<void> {
  for (const e of events) {
    try {
      await bus.publish(channelOf(e.stream), JSON.stringify(e));
    } catch (err) {
      onError?.(err);
    }
  }
}

export type Emit = (stream: string, type: string, data: unknown) => Promise<StoredEvent>;

/**
 * Runs `fn` in a transaction with an `emit` that appends events; publishes them once the
 * transaction has committed (never before: a subscriber must be able to read what it is told of).
 */
export async function transactWithEvents<T>(
  deps: { db: Db; bus: EventBus },
  fn: (trx: Trx, emit: Emit) => Promise<T>,
  onPublishError?: (err: unknown) => void,
): Promise<T> {
  const events: StoredEvent[] = [];
  const result = await deps.db.transaction().execute((trx) =>
    fn(trx, async (stream, type, data) => {
      const e = await appendEvent(trx, stream, type, data);
      events.push(e);
      return e;
    }),
  );
  await publishEvents(deps.bus, events, onPublishError);
  return result;
}

/** Something that receives a stream's events in order; `ready` once it has caught up. */
export interface StreamListener {
  send(e: StoredEvent): void;
  ready?(lastSeq: number): void;
}

interface StreamState {
  delivered: number;
  listeners: Map<StreamListener, { sent: number }>;
  chain: Promise<void>;
  unsubscribe?: () => Promise<void>;
}

/**
 * One process's fan-out of streams to its local listeners (WebSocket clients). One bus
 * subscription per stream; everything about a stream happens in one queue, so listeners receive
 * events in sequence order, once each, gaps filled from the database.
 */
export class StreamHub {
  private streams = new Map<string, StreamState>();
  constructor(
    private db: Db,
    private bus: EventBus,
    private onError: (err: unknown) => void = () => {},
  ) {}

  private enqueue(s: StreamState, job: () => Promise<void>) {
    s.chain = s.chain.then(job).catch((err) => this.onError(err));
    return s.chain;
  }

  /** Adds a listener that has seen events up to `after`: it first receives what it missed. */
  async subscribe(stream: string, after: number, listener: StreamListener): Promise<() => Promise<void>> {
    let s = this.streams.get(stream);
    if (!s) {
      const state: StreamState = { delivered: 0, listeners: new Map(), chain: Promise.resolve() };
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
        const rows = await readEvents(this.db, stream, entry.sent, 1000);
        for (const e of rows) {
          if (e.seq > state.delivered) break;
          listener.send(e);
          entry.sent = e.seq;
        }
        more = rows.length === 1000 && entry.sent < state.delivered;
      }
      entry.sent = state.delivered;
      state.listeners.set(listener, entry);
      listener.ready?.(state.delivered);
    });
    return async () => {
      state.listeners.delete(listener);
      if (!state.listeners.size && this.streams.get(stream) === state) {
        this.streams.delete(stream);
        await this.enqueue(state, async () => state.unsubscribe?.());
      }
    };
  }

  private onMessage(state: StreamState, stream: string, message: string) {
    const e = JSON.parse(message) as StoredEvent;
    void this.enqueue(state, async () => {
      if (e.seq <= state.delivered) return;
      if (e.seq > state.delivered + 1) {
        // Missed or reordered between publishers: read the gap; it is committed (see above).
        for (const g of await readEvents(this.db, stream, state.delivered, e.seq - state.delivered - 1)) this.deliver(state, g);
      }
      if (e.seq === state.delivered + 1) this.deliver(state, e);
    });
  }

  private deliver(state: StreamState, e: StoredEvent) {
    if (e.seq !== state.delivered + 1) return;
    state.delivered = e.seq;
    for (const [l, entry] of state.listeners) {
      if (e.seq > entry.sent) {
        entry.sent = e.seq;
        try {
          l.send(e);
        } catch (err) {
          this.onError(err);
        }
      }
    }
  }

  /** Local listeners of a stream (for tests and the benchmark). */
  listenerCount(stream: string): number {
    return this.streams.get(stream)?.listeners.size ?? 0;
  }

  async close(): Promise<void> {
    for (const [, s] of this.streams) await s.unsubscribe?.().catch(() => {});
    this.streams.clear();
  }
}
