import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, nodeId, createTestApp, type TestApp } from '../../test/harness.ts';
import { moveClock, resetClock } from '../../platform/clock.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  resetClock();
  await t?.close();
});

describe('log in and sessions', () => {
  it('logs in by username and by phone, and me returns roles and a CSRF token', async () => {
    const byName = await t.login('staff');
    const me = (await byName.get('/api/v1/auth/me')).json();
    expect(me.account.username).toBe('staff');
    expect(me.roles.map((r: { role: string }) => r.role)).toEqual(['staff']);
    expect(me.csrfToken).toBe(byName.csrfToken);
    const byPhone = await t.login('13800000007');
    expect((await byPhone.get('/api/v1/auth/me')).json().account.username).toBe('resident');
  });

  it('sets an httpOnly SameSite cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'leader', password: 'Demo@2026' } });
    const c = res.cookies.find((x) => x.name === 'sl_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
  });

  it('says the same thing for a wrong password and an unknown account', async () => {
    const wrong = await t.anonymous.post('/api/v1/auth/login', { login: 'member', password: 'nope-nope' });
    const unknown = await t.anonymous.post('/api/v1/auth/login', { login: 'nobody-here', password: 'nope-nope' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('locks a login after five failures, even for an account that does not exist, then lets it in after the lock', async () => {
    for (const login of ['department', 'ghost-account']) {
      for (let i = 0; i < 5; i++) {
        const r = await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { login, password: 'bad-password' },
          remoteAddress: `10.9.${i}.1`,
        });
        expect(r.statusCode).toBe(401);
      }
      const locked = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { login, password: 'Demo@2026' },
        remoteAddress: '10.9.9.9',
      });
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.code).toBe('too_many_attempts');
    }
    moveClock(16 * 60_000);
    await expect(loginAs(t.app, 'department', 'Demo@2026', '10.9.9.9')).resolves.toBeTruthy();
    resetClock();
  });

  it('throttles an address that tries many accounts', async () => {
    let last = 0;
    for (let i = 0; i < 31; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { login: `spray${i}`, password: 'x' },
        remoteAddress: '10.7.7.7',
      });
      last = r.statusCode;
    }
    expect(last).toBe(429);
  });

  it('logs out: the session no longer works', async () => {
    const c = await t.login('leader');
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('refuses a write without the CSRF token', async () => {
    const c = await t.login('staff');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: c.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
  });

  it('expires sessions after their lifetime', async () => {
    const c = await t.login('member');
    moveClock((t.config.SESSION_TTL_HOURS + 1) * 3600_000);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    resetClock();
  });
});

describe('accounts and roles', () => {
  it('staff create an account that must change its password first, then works', async () => {
    const staff = await t.login('staff');
    const room = await nodeId(t.db, '任港街道“有事好商量”协商议事室');
    const res = await staff.post('/api/v1/accounts', {
      username: 'rengang.convener',
      displayName: '任港召集人',
      initialPassword: 'First-pass-1',
      grants: [{ role: 'convener', nodeId: room }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().mustChangePassword).toBe(true);
    const fresh = await t.login('rengang.convener', 'First-pass-1');
    const blocked = await fresh.get('/api/v1/org/nodes');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
    expect((await fresh.post('/api/v1/auth/password', { currentPassword: 'wrong', newPassword: 'Second-pass-2' })).statusCode).toBe(400);
    expect((await fresh.post('/api/v1/auth/password', { currentPassword: 'First-pass-1', newPassword: 'Second-pass-2' })).statusCode).toBe(
      200,
    );
    expect((await fresh.get('/api/v1/org/nodes')).statusCode).toBe(200);
    await expect(t.login('rengang.convener', 'First-pass-1')).rejects.toThrow();
    await expect(t.login('rengang.convener', 'Second-pass-2')).resolves.toBeTruthy();
  });

  it('a duplicate username is a 409', async () => {
    const staff = await t.login('staff');
    const res = await staff.post('/api/v1/accounts', { username: 'member', displayName: '重复', initialPassword: 'Whatever-123' });
    expect(res.statusCode).toBe(409);
  });

  it('staff may not make an admin; county staff may not grant on the city', async () => {
    const staff = await t.login('staff');
    const city = await nodeId(t.db, '南通市政协');
    const resident = (await staff.get('/api/v1/accounts?q=resident')).json().items[0];
    const r1 = await staff.post(`/api/v1/accounts/${resident.id}/roles`, { role: 'admin', nodeId: city });
    expect(r1.statusCode).toBe(403);
    const county = await nodeId(t.db, '海门区政协');
    const created = await staff.post('/api/v1/accounts', {
      username: 'haimen.staff',
      displayName: '海门区政协办公室',
      initialPassword: 'Haimen-pass-1',
      grants: [{ role: 'staff', nodeId: county }],
    });
    expect(created.statusCode).toBe(201);
    const hm = await t.login('haimen.staff', 'Haimen-pass-1');
    await hm.post('/api/v1/auth/password', { currentPassword: 'Haimen-pass-1', newPassword: 'Haimen-pass-2' });
    const r2 = await hm.post(`/api/v1/accounts/${resident.id}/roles`, { role: 'member', nodeId: city });
    expect(r2.statusCode).toBe(403);
    const r3 = await hm.post(`/api/v1/accounts/${resident.id}/roles`, { role: 'member', nodeId: county });
    expect(r3.statusCode).toBe(201);
    // The grant reaches descendants: the account now holds member over a Haimen town.
    const list = (await hm.get('/api/v1/accounts?role=member')).json();
    expect(list.items.map((a: { id: string }) => a.id)).toContain(resident.id);
    const revoke = await hm.del(`/api/v1/accounts/${resident.id}/roles/${r3.json().id}`);
    expect(revoke.statusCode).toBe(200);
  });

  it('residents register with a phone number and are logged in as residents', async () => {
    const room = await nodeId(t.db, '和平桥街道“有事好商量”协商议事室');
    const res = await t.anonymous.post('/api/v1/auth/register', {
      phone: '13912345678',
      displayName: '新居民',
      password: 'Resident-pass-1',
      nodeId: room,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().roles).toMatchObject([{ role: 'resident', nodeId: room }]);
    const again = await t.anonymous.post('/api/v1/auth/register', {
      phone: '13912345678',
      displayName: '又一个',
      password: 'Resident-pass-1',
    });
    expect(again.statusCode).toBe(409);
  });

  it('lists members with search and paging', async () => {
    const m = await t.login('member');
    const first = (await m.get('/api/v1/members?limit=50')).json();
    expect(first.total).toBeGreaterThanOrEqual(200);
    expect(first.items).toHaveLength(50);
    const second = (await m.get(`/api/v1/members?limit=50&cursor=${first.nextCursor}`)).json();
    const ids = new Set([...first.items, ...second.items].map((x: { id: string }) => x.id));
    expect(ids.size).toBe(100);
    const one = first.items[3];
    const found = (await m.get(`/api/v1/members?q=${encodeURIComponent(one.name)}`)).json();
    expect(found.items.map((x: { id: string }) => x.id)).toContain(one.id);
    expect((await m.get(`/api/v1/members/${one.id}`)).json().name).toBe(one.name);
  });
});

describe('what the web app asks for', () => {
  it('a member finds their own record; an account without one gets 404', async () => {
    const m = await t.login('member');
    const mine = await m.get('/api/v1/members/me');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().accountId).toBe((await m.get('/api/v1/auth/me')).json().account.id);
    expect((await (await t.login('staff')).get('/api/v1/members/me')).statusCode).toBe(404);
  });

  it('the accounts list carries abilities per account', async () => {
    const staff = await t.login('staff');
    const list = (await staff.get('/api/v1/accounts?q=convener')).json();
    expect(list.items[0].abilities).toEqual({ grantRole: true, revokeRole: true });
  });

  it('staff set an email address at creation; a malformed one is refused', async () => {
    const staff = await t.login('staff');
    const ok = await staff.post('/api/v1/accounts', {
      username: 'mail.user',
      displayName: '有邮箱',
      email: 'someone@example.cn',
      initialPassword: 'Mail-pass-123',
    });
    expect(ok.json().email).toBe('someone@example.cn');
    const bad = await staff.post('/api/v1/accounts', {
      username: 'mail.user2',
      displayName: '坏邮箱',
      email: 'not-an-email',
      initialPassword: 'Mail-pass-123',
    });
    expect(bad.json().error.details[0].field).toBe('body.email');
  });

  it('anyone finds rooms by name for registration', async () => {
    const r = (await t.anonymous.get(`/api/v1/public/rooms?q=${encodeURIComponent('和平桥')}`)).json();
    expect(r.items).toEqual([
      expect.objectContaining({ name: '和平桥街道“有事好商量”协商议事室', townName: '和平桥街道', bodyName: '崇川区政协' }),
    ]);
    expect((await t.anonymous.get('/api/v1/public/rooms?limit=100')).json().items.length).toBeGreaterThanOrEqual(21);
  });
});
