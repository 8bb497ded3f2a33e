import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveClock, resetClock } from '../../platform/clock.ts';
import { notify } from '../../platform/notify/index.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';

/* The inbox through the API: newest first, paged, unread count, marking read; private to its account. */

let t: TestApp;
let member: Client;
let resident: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  member = await t.login('member');
  resident = await t.login('resident');
  for (const u of ['member', 'resident']) {
    ids[u] = (await t.db.db.selectFrom('account').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
  }
  // Five notices a minute apart to the member, one to the resident.
  for (let i = 1; i <= 5; i++) {
    await t.db.db
      .transaction()
      .execute((trx) =>
        notify(trx, { accountIds: [ids.member!], kind: 'topic.update', title: `通知 ${i}`, body: `第 ${i} 条`, link: `/topics/${i}` }),
      );
    moveClock(60_000);
  }
  await t.db.db
    .transaction()
    .execute((trx) => notify(trx, { accountIds: [ids.resident!], kind: 'x', title: '居民的通知', body: '只给居民' }));
  resetClock();
});
afterAll(async () => {
  resetClock();
  await t?.close();
});

describe('the inbox', () => {
  it('lists the actor’s own notifications newest first, with the unread count', async () => {
    const res = await member.get('/api/v1/notifications');
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.items.map((n: { title: string }) => n.title)).toEqual(['通知 5', '通知 4', '通知 3', '通知 2', '通知 1']);
    expect(page).toMatchObject({ total: 5, unread: 5, nextCursor: null });
    expect(page.items[0]).toMatchObject({ kind: 'topic.update', body: '第 5 条', link: '/topics/5', read: false, readAt: null });
    const theirs = (await resident.get('/api/v1/notifications')).json();
    expect(theirs.items.map((n: { title: string }) => n.title)).toEqual(['居民的通知']);
  });

  it('pages with a cursor without gaps or repeats', async () => {
    const first = (await member.get('/api/v1/notifications?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await member.get(`/api/v1/notifications?limit=2&cursor=${first.nextCursor}`)).json();
    const third = (await member.get(`/api/v1/notifications?limit=2&cursor=${second.nextCursor}`)).json();
    expect([...first.items, ...second.items, ...third.items].map((n: { title: string }) => n.title)).toEqual([
      '通知 5',
      '通知 4',
      '通知 3',
      '通知 2',
      '通知 1',
    ]);
    expect(third.nextCursor).toBeNull();
    const bad = await member.get('/api/v1/notifications?cursor=bm90LWEtY3Vyc29y');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('query.cursor');
  });

  it('marks one read, keeps its first reading time, and counts it', async () => {
    const [latest] = (await member.get('/api/v1/notifications?limit=1')).json().items;
    const res = await member.post(`/api/v1/notifications/${latest.id}/read`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: latest.id, read: true });
    const readAt = res.json().readAt;
    moveClock(60_000);
    expect((await member.post(`/api/v1/notifications/${latest.id}/read`)).json().readAt).toBe(readAt);
    resetClock();
    const page = (await member.get('/api/v1/notifications')).json();
    expect(page.unread).toBe(4);
    const unread = (await member.get('/api/v1/notifications?unreadOnly=true')).json();
    expect(unread.items.map((n: { title: string }) => n.title)).toEqual(['通知 4', '通知 3', '通知 2', '通知 1']);
    expect(unread.total).toBe(4);
  });

  it('someone else’s notification is not found, and stays unread', async () => {
    const [theirs] = (await resident.get('/api/v1/notifications')).json().items;
    const res = await member.post(`/api/v1/notifications/${theirs.id}/read`);
    expect(res.statusCode).toBe(404);
    expect((await resident.get('/api/v1/notifications')).json().unread).toBe(1);
    expect((await member.post('/api/v1/notifications/01900000-0000-7000-8000-000000000000/read')).statusCode).toBe(404);
  });

  it('marks all read, only the actor’s own', async () => {
    const res = await member.post('/api/v1/notifications/read-all');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, updated: 4, unread: 0 });
    expect((await member.get('/api/v1/notifications')).json().unread).toBe(0);
    expect((await resident.get('/api/v1/notifications')).json().unread).toBe(1);
  });

  it('refuses anonymous callers and writes without the CSRF token', async () => {
    expect((await t.anonymous.get('/api/v1/notifications')).statusCode).toBe(401);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: { cookie: resident.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
  });
});
