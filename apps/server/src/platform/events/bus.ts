import { Redis } from 'ioredis';

/**
 * The event bus port (DESIGN.md "one machine, and many"): publish a message on a channel, and
 * subscribe to a channel. In-process by default; Redis pub/sub when REDIS_URL is set, so that any
 * number of server processes see each other's events. Delivery is at most once and unordered
 * across publishers: durable, ordered streams are built on it in `stream.ts`.
 */
export interface EventBus {
  readonly kind: 'memory' | 'redis';
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once the subscription is active; returns the function that ends it. */
  subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** One process: handlers are called on a later tick, as they would be from Redis. */
export function memoryBus(): EventBus {
  const channels = new Map<string, Set<(m: string) => void>>();
  return {
    kind: 'memory',
    async publish(channel, message) {
      for (const h of channels.get(channel) ?? []) queueMicrotask(() => h(message));
    },
    async subscribe(channel, handler) {
      let set = channels.get(channel);
      if (!set) channels.set(channel, (set = new Set()));
      set.add(handler);
      return async () => {
        set.delete(handler);
        if (!set.size) channels.delete(channel);
      };
    },
    async close() {
      channels.clear();
    },
  };
}

/**
 * Redis pub/sub: one connection publishes, one subscribes (a subscribed connection can do nothing
 * else). Channels are subscribed once per process however many local handlers they have.
 */
export function redisBus(url: string): EventBus {
  const pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const sub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const channels = new Map<string, Set<(m: string) => void>>();
  sub.on('message', (channel: string, message: string) => {
    for (const h of channels.get(channel) ?? []) h(message);
  });
  // Errors are retried by ioredis; without a listener they would be thrown as unhandled.
  pub.on('error', () => {});
  sub.on('error', () => {});
  return {
    kind: 'redis',
    async publish(channel, message) {
      await pub.publish(channel, message);
    },
    async subscribe(channel, handler) {
      let set = channels.get(channel);
      if (!set) {
        channels.set(channel, (set = new Set()));
        await sub.subscribe(channel);
      }
      set.add(handler);
      return async () => {
        set.delete(handler);
        if (!set.size && channels.get(channel) === set) {
          channels.delete(channel);
          await sub.unsubscribe(channel).catch(() => {});
        }
      };
    },
    async close() {
      channels.clear();
      pub.disconnect();
      sub.disconnect();
    },
  };
}
