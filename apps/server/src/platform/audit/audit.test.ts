import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('the audit log', () => {
  it('records who, when, from where, the entity, the action, before and after', async () => {
    const staff = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'staff', password: 'Demo@2026' },
      remoteAddress: '10.1.2.3',
    });
    const cookie = `sl_session=${staff.cookies.find((c) => c.name === 'sl_session')!.value}`;
    const csrf = staff.json().csrfToken;
    const town = await t.db.db
      .selectFrom('org_node')
      .select(['id', 'name', 'description'])
      .where('name', '=', '西亭镇')
      .executeTakeFirstOrThrow();
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/org/nodes/${town.id}`,
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { description: '通州区西亭镇' },
      remoteAddress: '10.1.2.3',
    });
    expect(res.statusCode).toBe(200);
    const row = await t.db.db.selectFrom('audit_log').selectAll().where('entity_id', '=', town.id).executeTakeFirstOrThrow();
    expect(row.ip).toBe('10.1.2.3');
    expect(row.action).toBe('update');
    expect(JSON.parse(row.before_json!).description).toBeNull();
    expect(JSON.parse(row.after_json!).description).toBe('通州区西亭镇');
    expect(Date.now() - new Date(row.at).getTime()).toBeLessThan(60_000);
  });

  it('never records secrets', async () => {
    const staff = await t.login('staff');
    await staff.post('/api/v1/accounts', { username: 'secret.test', displayName: '测试', initialPassword: 'Very-secret-9' });
    const rows = await t.db.db.selectFrom('audit_log').select(['after_json']).execute();
    expect(rows.some((r) => r.after_json?.includes('Very-secret-9'))).toBe(false);
  });

  it('refuses updates and deletes at the database itself', async () => {
    await expect(sql`update audit_log set action = 'forged'`.execute(t.db.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.db.db)).rejects.toThrow(/append-only/);
    const n = await t.db.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBeGreaterThan(0);
  });

  it('staff browse it filtered by entity, person and date, newest first, paged', async () => {
    const staff = await t.login('staff');
    const me = (await staff.get('/api/v1/auth/me')).json();
    const mine = (await staff.get(`/api/v1/audit?actorId=${me.account.id}&limit=2`)).json();
    expect(mine.total).toBeGreaterThanOrEqual(3);
    expect(mine.items).toHaveLength(2);
    expect(mine.items.every((e: { actorId: string }) => e.actorId === me.account.id)).toBe(true);
    const next = (await staff.get(`/api/v1/audit?actorId=${me.account.id}&limit=2&cursor=${mine.nextCursor}`)).json();
    expect(next.items[0].at <= mine.items[1].at).toBe(true);
    const future = (await staff.get(`/api/v1/audit?from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`)).json();
    expect(future.total).toBe(0);
    const accounts = (await staff.get('/api/v1/audit?entity=account')).json();
    expect(accounts.items.every((e: { entity: string }) => e.entity === 'account')).toBe(true);
    const leader = await t.login('leader');
    expect((await leader.get('/api/v1/audit')).statusCode).toBe(403);
  });
});
