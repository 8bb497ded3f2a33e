import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, nodeId, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('the org tree', () => {
  it('holds the Nantong demo: a city, seven county bodies, three or more towns each with a three-in-one room', async () => {
    const staff = await t.login('staff');
    const bodies = (await staff.get('/api/v1/org/nodes?kind=body&limit=50')).json();
    expect(bodies.total).toBe(8);
    const city = bodies.items.find((b: { subkind: string }) => b.subkind === 'city');
    const detail = (await staff.get(`/api/v1/org/nodes/${city.id}`)).json();
    const counties = detail.children.filter((c: { kind: string }) => c.kind === 'body');
    expect(counties).toHaveLength(7);
    for (const c of counties) {
      const towns = (await staff.get(`/api/v1/org/nodes/${c.id}`)).json().children.filter((x: { kind: string }) => x.kind === 'town');
      expect(towns.length).toBeGreaterThanOrEqual(3);
      const room = (await staff.get(`/api/v1/org/nodes/${towns[0].id}`)).json().children.find((x: { kind: string }) => x.kind === 'room');
      const legs = (await staff.get(`/api/v1/org/nodes/${room.id}`))
        .json()
        .children.map((x: { kind: string }) => x.kind)
        .sort();
      expect(legs).toEqual(['contactPoint', 'memberStudio']);
    }
    expect(detail.children.filter((c: { kind: string }) => c.kind === 'department').length).toBeGreaterThanOrEqual(20);
    const summary = (await staff.get(`/api/v1/org/nodes/${city.id}/summary`)).json();
    expect(summary.members).toBeGreaterThanOrEqual(200);
    expect(summary.byKind.room).toBeGreaterThanOrEqual(21);
  });

  it("shows a node's parents root first and its children, with abilities for the actor", async () => {
    const room = await nodeId(t.db, '和平桥街道“有事好商量”协商议事室');
    const staff = await t.login('staff');
    const d = (await staff.get(`/api/v1/org/nodes/${room}`)).json();
    expect(d.ancestors.map((a: { name: string }) => a.name)).toEqual(['南通市政协', '崇川区政协', '和平桥街道']);
    expect(d.abilities).toEqual({ update: true, archive: true, createChild: true });
    const resident = await t.login('resident');
    expect((await resident.get(`/api/v1/org/nodes/${room}`)).json().abilities).toEqual({
      update: false,
      archive: false,
      createChild: false,
    });
  });

  it('staff create, edit and archive nodes, and every change is audited', async () => {
    const staff = await t.login('staff');
    const town = await nodeId(t.db, '任港街道');
    const created = await staff.post('/api/v1/org/nodes', { parentId: town, kind: 'dutyGroup', name: '任港第二履职小组' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const edited = await staff.patch(`/api/v1/org/nodes/${id}`, { name: '任港街道第二委员履职小组' });
    expect(edited.json().name).toBe('任港街道第二委员履职小组');
    const archived = await staff.post(`/api/v1/org/nodes/${id}/archive`);
    expect(archived.json().archived).toBe(true);
    expect((await staff.patch(`/api/v1/org/nodes/${id}`, { name: 'x' })).statusCode).toBe(409);
    const log = (await staff.get(`/api/v1/audit?entity=org_node&entityId=${id}`)).json();
    expect(log.items.map((e: { action: string }) => e.action)).toEqual(['archive', 'update', 'create']);
    const update = log.items[1];
    expect(update.before.name).toBe('任港第二履职小组');
    expect(update.after.name).toBe('任港街道第二委员履职小组');
    expect(update.actorName).toBe('市政协办公室');
  });

  it('refuses a kind the parent cannot hold, naming the field', async () => {
    const staff = await t.login('staff');
    const room = await nodeId(t.db, '任港街道“有事好商量”协商议事室');
    const res = await staff.post('/api/v1/org/nodes', { parentId: room, kind: 'department', name: '错位的部门' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('body.kind');
    const town = await nodeId(t.db, '任港街道');
    const noSub = await staff.post('/api/v1/org/nodes', { parentId: await nodeId(t.db, '崇川区政协'), kind: 'town', name: '新街道' });
    expect(noSub.json().error.details[0].field).toBe('body.subkind');
    expect(town).toBeTruthy();
  });

  it('refuses to archive a node with live children', async () => {
    const staff = await t.login('staff');
    const res = await staff.post(`/api/v1/org/nodes/${await nodeId(t.db, '任港街道')}/archive`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('precondition_failed');
  });

  it('keeps county staff inside their county', async () => {
    const admin = await t.login('admin');
    const county = await nodeId(t.db, '如东县政协');
    await admin.post('/api/v1/accounts', {
      username: 'rudong.staff',
      displayName: '如东县政协办公室',
      initialPassword: 'Rudong-pass-1',
      grants: [{ role: 'staff', nodeId: county }],
    });
    const rd = await t.login('rudong.staff', 'Rudong-pass-1');
    await rd.post('/api/v1/auth/password', { currentPassword: 'Rudong-pass-1', newPassword: 'Rudong-pass-2' });
    const own = await rd.post('/api/v1/org/nodes', { parentId: await nodeId(t.db, '栟茶镇'), kind: 'dutyGroup', name: '栟茶第二履职小组' });
    expect(own.statusCode).toBe(201);
    const other = await rd.post('/api/v1/org/nodes', { parentId: await nodeId(t.db, '常乐镇'), kind: 'dutyGroup', name: '越界' });
    expect(other.statusCode).toBe(403);
    const city = await rd.patch(`/api/v1/org/nodes/${await nodeId(t.db, '南通市政协')}`, { name: '改名' });
    expect(city.statusCode).toBe(403);
  });

  it('pages through nodes with a cursor and a total', async () => {
    const staff = await t.login('staff');
    const seen = new Set<string>();
    let cursor = '';
    let total = 0;
    do {
      const p = (await staff.get(`/api/v1/org/nodes?kind=room&limit=5${cursor ? `&cursor=${cursor}` : ''}`)).json();
      total = p.total;
      p.items.forEach((n: { id: string }) => seen.add(n.id));
      cursor = p.nextCursor ?? '';
    } while (cursor);
    expect(seen.size).toBe(total);
    expect(total).toBeGreaterThanOrEqual(21);
  });
});
