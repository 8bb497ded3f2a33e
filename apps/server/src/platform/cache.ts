import { now } from './clock.ts';

/**
 * A small per-process map whose entries expire by the (movable) platform clock; when it is full
 * the oldest entry goes first. Used where a read may be a moment old: who is behind a session
 * cookie, and the live vote path's session and participant.
 */
export class TtlCache<K, V> {
  private entries = new Map<K, { value: V; until: number }>();
  constructor(
    private ttlMs: number,
    private max: number,
  ) {}

  /** The cached value, or undefined when absent or expired. */
  get(key: K): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.until > now().getTime()) return e.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: K, value: V, ttlMs = this.ttlMs): void {
    if (ttlMs <= 0) return;
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, { value, until: now().getTime() + ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}
