import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import { liveSessionParams, liveSocketQuery } from '@shangliang/contract';
import { actorOfToken } from '../../platform/auth/plugin.ts';
import { SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { now } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import type { StoredEvent } from '../../platform/events/index.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import type { MapPlaces } from './live.map.ts';
import { eventIsFor } from './live.policy.ts';
import * as service from './live.service.ts';
import type * as store from './live.store.ts';

/** A client that lets this much pile up unsent is too slow: it is closed and resumes from its last sequence. */
const MAX_BUFFERED = 4 * 1024 * 1024;

/**
 * A batch of events is sent to every client of the session as one frame, a JSON array of events
 * in sequence order: the hub hands the same array to every caught-up client, so it is serialised
 * (and turned into bytes) once for 2,000 clients.
 */
const frames = new WeakMap<StoredEvent[], Buffer>();
function frameOf(events: StoredEvent[]): Buffer {
  let f = frames.get(events);
  if (f === undefined) {
    const body = events.map((e) => JSON.stringify({ seq: e.seq, type: e.type, at: e.at, data: e.data })).join(',');
    frames.set(events, (f = Buffer.from(`[${body}]`)));
  }
  return f;
}

/**
 * The same batch as a whole WebSocket text frame (RFC 6455 §5.2: FIN + text opcode, the payload
 * length, no mask from a server), built once: each client's send is then one write of one buffer,
 * instead of ws building a header and cork/writing two buffers per client (about 8 % of the live
 * benchmark's main thread went to that JS, beside the system call itself).
 */
const wires = new WeakMap<StoredEvent[], Buffer>();
function wireOf(events: StoredEvent[]): Buffer {
  let w = wires.get(events);
  if (w === undefined) {
    const payload = frameOf(events);
    const n = payload.length;
    const head = n < 126 ? Buffer.from([0x81, n]) : n < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
    if (n >= 126 && n < 65536) {
      head[0] = 0x81;
      head[1] = 126;
      head.writeUInt16BE(n, 2);
    } else if (n >= 65536) {
      head[0] = 0x81;
      head[1] = 127;
      head.writeBigUInt64BE(BigInt(n), 2);
    }
    wires.set(events, (w = Buffer.concat([head, payload])));
  }
  return w;
}

/**
 * What every client's send needs to know of a batch, worked out once per batch rather than once
 * per client: whether every event in it goes to everyone, and its last opinion map.
 */
const infos = new WeakMap<StoredEvent[], { everyone: boolean; map: StoredEvent | undefined }>();
function infoOf(events: StoredEvent[]) {
  let i = infos.get(events);
  if (i === undefined)
    infos.set(
      events,
      (i = { everyone: events.every((e) => eventIsFor(e.type, false)), map: events.findLast((e) => e.type === 'map.updated') }),
    );
  return i;
}

interface WsInternals {
  readyState: number;
  _socket?: { write(b: Buffer): boolean; cork(): void; uncork(): void };
  _sender?: { _state: number; _queue: unknown[] };
  _extensions?: Record<string, unknown>;
}

/**
 * Sends a batch: straight onto the TCP socket when ws's sender is idle with no extension (it then
 * writes each frame as is, in order, so writing beside it keeps the order), through ws otherwise
 * (compression negotiated, a frame queued, an injected test socket without a TCP socket).
 */
function sendEvents(socket: { send(b: Buffer, o: { binary: boolean }): void }, events: StoredEvent[]): 'direct' | 'ws' {
  const ws = socket as unknown as WsInternals;
  if (
    ws._socket &&
    ws._sender &&
    ws.readyState === 1 &&
    ws._sender._state === 0 &&
    !ws._sender._queue.length &&
    !Object.keys(ws._extensions ?? {}).length
  ) {
    ws._socket.write(wireOf(events));
    return 'direct';
  }
  // A text frame (a Buffer would go as binary, which browsers hand over as a Blob).
  socket.send(frameOf(events), { binary: false });
  return 'ws';
}
/** How batches went out in this process (tests: the direct path must be the one taken). */
export const sendPaths = { direct: 0, ws: 0 };

/** One socket's access, re-checked when `due` (ms, on the platform's clock) comes. */
interface Watched {
  sessionId: string;
  due: number;
  running: boolean;
  check: (session: () => Promise<store.SessionView>) => Promise<void>;
}

/**
 * Keeps every live socket's access true for its lifetime, off the event path: each socket is
 * re-checked about every `everyMs` (± a fifth at random, so that a room that connected at once
 * does not re-check at once), by one timer per process that looks for checks that are due.
 * Nothing is added to sending events (2,000 clients, 10 frames a second: no read, no promise per
 * event); the cost is one check per socket per period, and one read of each session per sweep.
 * The clock is the platform's, so tests move it and call `sweep()` instead of waiting.
 */
export class AccessWatch {
  private readonly watched = new Set<Watched>();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly deps: FastifyInstance['deps'],
    private readonly log: FastifyBaseLogger,
    private readonly everyMs: number,
    tickMs = 1000,
  ) {
    this.timer = setInterval(() => void this.sweep(), tickMs);
    this.timer.unref();
  }

  private next(): number {
    return now().getTime() + this.everyMs * (0.8 + 0.4 * Math.random());
  }

  /** Watches a socket; returns the function that stops (when it closes). */
  add(sessionId: string, check: Watched['check']): () => void {
    const w: Watched = { sessionId, due: this.next(), running: false, check };
    this.watched.add(w);
    return () => void this.watched.delete(w);
  }

  /** Sockets watched (tests, and the benchmark's sanity checks). */
  get size(): number {
    return this.watched.size;
  }

  /** Runs the checks that are due, a few at a time; returns how many ran. */
  async sweep(): Promise<number> {
    const t = now().getTime();
    const due = [...this.watched].filter((w) => w.due <= t && !w.running);
    const sessions = new Map<string, Promise<store.SessionView>>();
    const sessionOf = (id: string) => () => {
      let s = sessions.get(id);
      if (!s) sessions.set(id, (s = service.subscribedSession(this.deps.db, id)));
      return s;
    };
    for (let i = 0; i < due.length; i += 20) {
      await Promise.all(
        due.slice(i, i + 20).map(async (w) => {
          w.running = true;
          try {
            await w.check(sessionOf(w.sessionId));
          } catch (err) {
            // A failed read (the database busy) is no reason to drop anyone: the next period checks again.
            this.log.error({ err }, 'live socket: re-checking access');
          } finally {
            w.running = false;
            w.due = this.next();
          }
        }),
      );
    }
    return due.length;
  }

  close(): void {
    clearInterval(this.timer);
    this.watched.clear();
  }
}

/** The client's address; an injected upgrade (tests) has no socket behind it. */
function addressOf(request: FastifyRequest): string {
  try {
    return request.ip;
  } catch {
    return '';
  }
}

/**
 * The live channel: `GET /api/v1/live/sessions/:id/ws?after=<last seq>` upgrades to a WebSocket
 * that first replays the session's events after the resume point (none without one), then sends
 * `{kind:'ready', lastSeq}` and every new event as it is committed, in sequence order, once each.
 * Events come in frames that are arrays (`[{seq,type,at,data}, …]`, see `frameOf`); control
 * frames (`ready`, `error`, `echo`) are objects with a `kind`.
 * Authenticated by the session cookie, or a pseudonymous participant's token (`?token=` or its
 * cookie). A frame `{"kind":"echo",…}` is sent back as is (the benchmark's baseline round trip).
 * Access is checked at connect and again about every LIVE_ACCESS_RECHECK_SECONDS (`AccessWatch`):
 * a socket whose user may no longer follow the session gets `{kind:'error', code}` with one of the
 * contract's `liveSocketRevocations` and is closed (1008).
 */
export function registerLiveSocket(app: FastifyInstance, places: MapPlaces, watch: AccessWatch): void {
  app.get('/api/v1/live/sessions/:id/ws', { websocket: true, config: { access: 'public' } }, (socket, request) => {
    let unsubscribe: (() => Promise<void>) | null = null;
    let unwatch: (() => void) | null = null;
    let closed = false;
    const fail = (code: string, message: string, closeCode = 1008) => {
      if (closed) return;
      socket.send(JSON.stringify({ kind: 'error', code, message }));
      socket.close(closeCode, code);
    };
    socket.on('close', () => {
      closed = true;
      unwatch?.();
      void unsubscribe?.();
    });
    socket.on('message', (raw: Buffer) => {
      const text = raw.toString();
      if (text.length < 2000 && text.startsWith('{"kind":"echo"')) socket.send(text);
    });
    const params = liveSessionParams.safeParse(request.params);
    const query = liveSocketQuery.safeParse(request.query);
    if (!params.success || !query.success) {
      const issues = [
        ...(params.error?.issues ?? []).map((i) => `params.${i.path.join('.')}`),
        ...(query.error?.issues ?? []).map((i) => `query.${i.path.join('.') || 'unknown'}`),
      ];
      return fail('validation_failed', `bad ${issues.join(', ')}`);
    }
    const ctx = {
      ...app.deps,
      actor: request.actor,
      ip: addressOf(request),
      userAgent: request.headers['user-agent'] ?? null,
      request,
      reply: null,
    } as unknown as RequestContext;
    void (async () => {
      try {
        // What the socket receives follows the re-checks of its access (below): a role or a participant may change.
        let { participantId, sees } = await service.authorizeSubscription(ctx, params.data.id);
        if (closed) return;
        const sid = params.data.id;
        /** The place this client was last told (a reconnecting client is told again). */
        let told: string | undefined;

        const opened = { accountId: request.actor?.accountId ?? null, participantId };
        const cookie = request.cookies?.[SESSION_COOKIE];
        unwatch = watch.add(sid, async (session) => {
          const actor = cookie ? await actorOfToken(app.deps, cookie) : null;
          const r = await service.recheckSubscription({ ...ctx, actor } as RequestContext, await session(), opened);
          if (closed) return;
          if ('code' in r) return fail(r.code, r.message);
          ({ participantId, sees } = r);
          opened.participantId = participantId;
        });
        // The TCP socket under the WebSocket (absent for injected test sockets): corked, two frames go in one write.
        const tcp = (socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
        const sendBatch = (all: StoredEvent[]) => {
          // Some events are for the convener and staff only (pending statements): the rest share one frame.
          const info = infoOf(all);
          const events = info.everyone ? all : all.filter((e) => sees(e.type));
          if (!events.length) return;
          if (socket.bufferedAmount > MAX_BUFFERED)
            return fail('too_slow', 'the client fell behind; reconnect with your last sequence', 1013);
          // A participant is told their own place after each map (the broadcast map has no ids).
          const map = !participantId ? undefined : events === all ? info.map : events.findLast((e) => e.type === 'map.updated');
          if (map) tcp?.cork();
          sendPaths[sendEvents(socket, events)]++;
          if (!map) return;
          const version = (map.data as { version: number }).version;
          places
            .of(sid, version)
            .then((all) => {
              // Only when it changed: most of an audience has not voted (no place) or has not moved.
              const me = JSON.stringify(all.get(participantId!) ?? null);
              if (closed || me === told) return;
              told = me;
              socket.send(`{"kind":"me","version":${version},"place":${me}}`);
            })
            .catch((err: unknown) => request.log.error({ err }, 'live socket: reading the map places'))
            .finally(() => tcp?.uncork());
        };
        const off = await app.deps.hub.subscribe(params.data.id, query.data.after ?? Number.MAX_SAFE_INTEGER, {
          send: (e) => sendBatch([e]),
          sendBatch,
          ready: (lastSeq) => socket.send(JSON.stringify({ kind: 'ready', lastSeq })),
        });
        if (closed) await off();
        else unsubscribe = off;
      } catch (e) {
        if (!(e instanceof AppError)) request.log.error({ err: e }, 'live socket');
        const err = e instanceof AppError ? e : new AppError(500, 'internal', 'something went wrong on our side');
        fail(err.code, err.message);
      }
    })();
  });
}
