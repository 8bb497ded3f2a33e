import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { memoryBus, redisBus, type EventBus } from './bus.ts';
import { createCoordination } from './coordination.ts';
import { appendEvent, createStream, publishEvents, readEvents, StreamHub, transactWithEvents, type StoredEvent } from './stream.ts';
import { newId } from '../ids.ts';

/*
 * The event bus both ways (in-process and Redis: Redis must be reachable, this fails without it),
 * and durable streams on the database under test: sequence numbers without gaps, resume points,
 * gaps filled from the database, duplicates dropped.
 */

const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const until = async (ok: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe.each([
  ['memory', () => memoryBus()],
  ['redis', () => redisBus(redisUrl)],
] as const)('%s bus', (_name, make) => {
  it('delivers to every subscriber of a channel, and not after unsubscribing', async () => {
    const a: EventBus = make();
    const b: EventBus = _name === 'redis' ? make() : a;
    const got: string[] = [];
    const off1 = await b.subscribe('c1', (m) => got.push(`1:${m}`));
    const off2 = await b.subscribe('c1', (m) => got.push(`2:${m}`));
    await b.subscribe('c2', (m) => got.push(`other:${m}`));
    await a.publish('c1', 'hello');
    await until(() => got.length === 2);
    expect(got.sort()).toEqual(['1:hello', '2:hello']);
    await off1();
    await off2();
    await a.publish('c1', 'late');
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toHaveLength(2);
    await a.close();
    if (b !== a) await b.close();
  });
});

describe.each([
  ['memory', ''],
  ['redis', redisUrl],
] as const)('%s locks and limits', (_n, url) => {
  it('one holder at a time; a window of hits per key', async () => {
    const c = createCoordination(url);
    const key = `k-${newId()}`;
    const tok = await c.locks.acquire(key, 5000);
    expect(tok).toBeTruthy();
    expect(await c.locks.acquire(key, 5000)).toBeNull();
    await c.locks.release(key, 'not-mine');
    expect(await c.locks.acquire(key, 5000)).toBeNull();
    await c.locks.release(key, tok!);
    expect(await c.locks.acquire(key, 5000)).toBeTruthy();
    const hits = [];
    for (let i = 0; i < 5; i++) hits.push(await c.limiter.hit(key, 3, 60_000));
    expect(hits).toEqual([true, true, true, false, false]);
    expect(await c.limiter.hit(`${key}-other`, 3, 60_000)).toBe(true);
    await c.close();
  });
});

describe('durable streams', () => {
  it('numbers events 1, 2, 3… per stream, in the transaction', async () => {
    const s1 = newId();
    const s2 = newId();
    await createStream(t.db.db, s1);
    await createStream(t.db.db, s2);
    const seqs = [];
    for (let i = 0; i < 3; i++) seqs.push((await t.db.db.transaction().execute((trx) => appendEvent(trx, s1, 'x', { i }))).seq);
    const other = await t.db.db.transaction().execute((trx) => appendEvent(trx, s2, 'x', {}));
    expect(seqs).toEqual([1, 2, 3]);
    expect(other.seq).toBe(1);
    // A rolled-back transaction takes no number.
    await expect(
      t.db.db.transaction().execute(async (trx) => {
        await appendEvent(trx, s1, 'x', {});
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect((await readEvents(t.db.db, s1, 0)).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await readEvents(t.db.db, s1, 1)).map((e) => e.data)).toEqual([{ i: 1 }, { i: 2 }]);
  });

  it('concurrent writers get distinct consecutive numbers', async () => {
    const s = newId();
    await createStream(t.db.db, s);
    const got = await Promise.all(
      Array.from({ length: 8 }, (_, i) => transactWithEvents({ db: t.db.db, bus: memoryBus() }, (_trx, emit) => emit(s, 'x', { i }))),
    );
    expect(got.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 8 }, (_, i) => i + 1));
  });

  it('a listener resumes after its last sequence, receives each event once and in order, gaps filled from the database', async () => {
    const bus = memoryBus();
    const hub = new StreamHub(t.db.db, bus);
    const s = newId();
    await createStream(t.db.db, s);
    const deps = { db: t.db.db, bus };
    for (let i = 1; i <= 5; i++) await transactWithEvents(deps, (_trx, emit) => emit(s, 'x', { i }));

    const got: number[] = [];
    let ready = -1;
    const off = await hub.subscribe(s, 3, { send: (e) => got.push(e.seq), ready: (n) => (ready = n) });
    expect(got).toEqual([4, 5]);
    expect(ready).toBe(5);

    // Seq 6 is committed but its publication lost; 7 arrives, then 6 late, then 7 again.
    const six = await t.db.db.transaction().execute((trx) => appendEvent(trx, s, 'x', { i: 6 }));
    const seven = await t.db.db.transaction().execute((trx) => appendEvent(trx, s, 'x', { i: 7 }));
    await publishEvents(bus, [seven]);
    await until(() => got.length === 4);
    await publishEvents(bus, [six, seven]);
    await transactWithEvents(deps, (_trx, emit) => emit(s, 'x', { i: 8 }));
    await until(() => got.length === 5);
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual([4, 5, 6, 7, 8]);

    // A second listener from the start sees everything once; an unknown future resume point is treated as now.
    const all: StoredEvent[] = [];
    const off2 = await hub.subscribe(s, 0, { send: (e) => all.push(e) });
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const none: number[] = [];
    const off3 = await hub.subscribe(s, 99, { send: (e) => none.push(e.seq) });
    await transactWithEvents(deps, (_trx, emit) => emit(s, 'x', { i: 9 }));
    await until(() => none.length === 1);
    expect(none).toEqual([9]);
    await off();
    await off2();
    await off3();
    expect(hub.listenerCount(s)).toBe(0);
    await hub.close();
  });
  it('publishes a group of events of one stream as one message, which a hub delivers as each of its events', async () => {
    const bus = memoryBus();
    const sent: string[] = [];
    const counting = { ...bus, publish: (c: string, m: string) => (sent.push(m), bus.publish(c, m)) };
    const hub = new StreamHub(t.db.db, bus);
    const s = newId();
    await createStream(t.db.db, s);
    const got: number[] = [];
    const off = await hub.subscribe(s, 0, { send: (e) => got.push(e.seq) });
    await transactWithEvents({ db: t.db.db, bus: counting }, async (_trx, emit, emitMany) => {
      await emitMany(s, [
        { type: 'x', data: 1 },
        { type: 'x', data: 2 },
      ]);
      await emit(s, 'y', 3);
    });
    expect(sent).toHaveLength(1);
    await until(() => got.length === 3);
    expect(got).toEqual([1, 2, 3]);
    await off();
    await hub.close();
  });

  it('batches: events arriving within the window reach a listener as one array, shared by every listener, in order', async () => {
    const bus = memoryBus();
    const hub = new StreamHub(t.db.db, bus, () => {}, 500);
    const s = newId();
    await createStream(t.db.db, s);
    const deps = { db: t.db.db, bus };
    const a: StoredEvent[][] = [];
    const b: StoredEvent[][] = [];
    const single: number[] = [];
    const offA = await hub.subscribe(s, 0, { send: () => expect.unreachable(), sendBatch: (es) => a.push(es) });
    const offB = await hub.subscribe(s, 0, { send: () => expect.unreachable(), sendBatch: (es) => b.push(es) });
    const offC = await hub.subscribe(s, 0, { send: (e) => single.push(e.seq) });
    // The first event after a quiet spell goes at once (one turn of the loop), alone.
    await transactWithEvents(deps, (_trx, emit) => emit(s, 'x', { i: 1 }));
    await until(() => a.length === 1);
    expect(a[0]!.map((e) => e.seq)).toEqual([1]);
    // Four more within the window: held back, then one batch.
    for (let i = 2; i <= 5; i++) await transactWithEvents(deps, (_trx, emit) => emit(s, 'x', { i }));
    expect(a).toHaveLength(1);
    await until(() => a.length === 2);
    expect(a[1]!.map((e) => e.seq)).toEqual([2, 3, 4, 5]);
    expect(b[1]).toBe(a[1]);
    expect(single).toEqual([1, 2, 3, 4, 5]);
    await offA();
    await offB();
    await offC();
    await hub.close();
  });
});
