import type { FastifyInstance, FastifyRequest } from 'fastify';
import { liveSessionParams, liveSocketQuery } from '@shangliang/contract';
import { AppError } from '../../platform/errors.ts';
import type { StoredEvent } from '../../platform/events/index.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import * as service from './live.service.ts';

/** A client that lets this much pile up unsent is too slow: it is closed and resumes from its last sequence. */
const MAX_BUFFERED = 4 * 1024 * 1024;

/** One event is sent to every client of the session: serialise it once (2,000 clients, one string). */
const frames = new WeakMap<object, string>();
function frameOf(e: StoredEvent): string {
  let f = frames.get(e);
  if (f === undefined) frames.set(e, (f = JSON.stringify({ seq: e.seq, type: e.type, at: e.at, data: e.data })));
  return f;
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
 * Authenticated by the session cookie, or a pseudonymous participant's token (`?token=` or its
 * cookie). A frame `{"kind":"echo",…}` is sent back as is (the benchmark's baseline round trip).
 */
export function registerLiveSocket(app: FastifyInstance): void {
  app.get('/api/v1/live/sessions/:id/ws', { websocket: true, config: { access: 'public' } }, (socket, request) => {
    let unsubscribe: (() => Promise<void>) | null = null;
    let closed = false;
    const fail = (code: string, message: string, closeCode = 1008) => {
      if (closed) return;
      socket.send(JSON.stringify({ kind: 'error', code, message }));
      socket.close(closeCode, code);
    };
    socket.on('close', () => {
      closed = true;
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
        const { sees } = await service.authorizeSubscription(ctx, params.data.id);
        if (closed) return;
        const off = await app.deps.hub.subscribe(params.data.id, query.data.after ?? Number.MAX_SAFE_INTEGER, {
          send: (e) => {
            if (!sees(e.type)) return;
            if (socket.bufferedAmount > MAX_BUFFERED)
              return fail('too_slow', 'the client fell behind; reconnect with your last sequence', 1013);
            socket.send(frameOf(e));
          },
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
