import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shangliang/contract';
import { createTestApp, nodeId, type Client, type TestApp } from '../../test/harness.ts';
import { topicLifecycle } from './topics.lifecycle.ts';

let t: TestApp;
const as = {} as Record<Role, Client>;
let room: string;
let otherRoom: string;
let county: string;

beforeAll(async () => {
  t = await createTestApp();
  for (const r of ['resident', 'convener', 'staff', 'leader', 'member', 'department'] as Role[]) as[r] = await t.login(r);
  room = await nodeId(t.db, '和平桥街道“有事好商量”协商议事室');
  otherRoom = await nodeId(t.db, '任港街道“有事好商量”协商议事室');
  county = await nodeId(t.db, '崇川区政协');
});
afterAll(async () => t?.close());

let n = 0;
async function propose(roomId = room) {
  const res = await as.resident.post('/api/v1/topics', {
    roomId,
    title: `小区停车难问题 ${++n}`,
    description: '老旧小区车位不足，夜间占用消防通道，希望协商解决。',
    category: 'publicAffairs',
    place: '和平桥街道某小区',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

const act = (c: Client, id: string, action: string, body: object = {}) => c.post(`/api/v1/topics/${id}/actions/${action}`, body);

let approvalOn = true;
async function setApproval(on: boolean) {
  approvalOn = on;
  const r = await as.staff.patch(`/api/v1/bodies/${county}/deliberation-settings`, { topicApprovalRequired: on });
  expect(r.statusCode, r.body).toBe(200);
}

/** Brings a new topic to a state through the API. */
async function topicIn(state: string): Promise<string> {
  const id = await propose();
  const step = async (c: Client, a: string, b: object = {}) => expect((await act(c, id, a, b)).statusCode).toBe(200);
  switch (state) {
    case 'proposed':
      break;
    case 'accepted':
      await step(as.convener, 'accept');
      break;
    case 'awaitingApproval':
    case 'selected': {
      const was = approvalOn;
      await setApproval(true);
      await step(as.convener, 'accept');
      await step(as.convener, 'submitForApproval');
      if (state === 'selected') await step(as.leader, 'approve');
      await setApproval(was);
      break;
    }
    case 'declined':
      await step(as.convener, 'decline', { reason: '不属于本议事室范围' });
      break;
    case 'merged':
      await step(as.convener, 'merge', { mergeIntoId: await propose() });
      break;
    case 'withdrawn':
      await step(as.resident, 'withdraw');
      break;
  }
  return id;
}

/** Who may take each kind of transition, and someone who may not. */
const actors: Record<string, { allowed: Role; refused: Role }> = {
  'the convener or staff': { allowed: 'convener', refused: 'member' },
  'the work committee (staff or leaders)': { allowed: 'leader', refused: 'convener' },
  'the proposer': { allowed: 'resident', refused: 'convener' },
};

describe('topic lifecycle: every transition and every refusal', () => {
  for (const tr of topicLifecycle.transitions) {
    it(`${tr.action}: ${tr.from.join('|')} → ${tr.to}, refused from other states, for others, and when its preconditions fail`, async () => {
      const who = actors[tr.whoLabel]!;
      await setApproval(tr.action !== 'select');
      for (const from of tr.from) {
        const id = await topicIn(from);
        const body = {
          ...(tr.needsReason ? { reason: '理由说明' } : {}),
          ...(tr.action === 'merge' ? { mergeIntoId: await propose() } : {}),
        };
        const ok = await act(as[who.allowed], id, tr.action, body);
        expect(ok.statusCode, ok.body).toBe(200);
        expect(ok.json().state).toBe(tr.to);
      }
      for (const other of topicLifecycle.states.filter((s) => !tr.from.includes(s))) {
        const id = await topicIn(other);
        const res = await act(as[who.allowed], id, tr.action, { reason: '理由', mergeIntoId: await propose() });
        expect(res.statusCode, `${tr.action} from ${other}`).toBe(409);
        expect(res.json().error.code).toBe('invalid_transition');
      }
      const id = await topicIn(tr.from[0]!);
      const refused = await act(as[who.refused], id, tr.action, {
        reason: '理由',
        ...(tr.action === 'merge' ? { mergeIntoId: await propose() } : {}),
      });
      expect(refused.statusCode).toBe(403);
      if (tr.needsReason) {
        const noReason = await act(as[who.allowed], id, tr.action, { reason: '  ' });
        expect(noReason.statusCode).toBe(400);
        expect(noReason.json().error.details[0].field).toBe('body.reason');
      }
    });
  }

  it('refuses merge without a target, into itself, across rooms or into a declined topic', async () => {
    const id = await topicIn('proposed');
    const cases: [object, RegExp][] = [
      [{}, /choose the topic/],
      [{ mergeIntoId: id }, /itself/],
      [{ mergeIntoId: await propose(otherRoom) }, /another room/],
      [{ mergeIntoId: await topicIn('declined') }, /declined/],
    ];
    for (const [body, why] of cases) {
      const res = await act(as.convener, id, 'merge', body);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('precondition_failed');
      expect(res.json().error.message).toMatch(why);
    }
  });

  it("follows the body's rule: select directly when approval is off, only through approval when on", async () => {
    await setApproval(true);
    const a = await topicIn('accepted');
    const refused = await act(as.convener, a, 'select');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/work committee must approve/);
    await setApproval(false);
    const b = await topicIn('accepted');
    expect((await act(as.convener, b, 'submitForApproval')).json().error.message).toMatch(/do not require approval/);
    expect((await act(as.convener, b, 'select')).json().state).toBe('selected');
    await setApproval(true);
  });

  it('shows the next actions the actor may take', async () => {
    await setApproval(true);
    const id = await topicIn('proposed');
    expect((await as.convener.get(`/api/v1/topics/${id}`)).json().nextActions.sort()).toEqual(['accept', 'decline', 'merge']);
    expect((await as.resident.get(`/api/v1/topics/${id}`)).json().nextActions).toEqual(['withdraw']);
    expect((await as.member.get(`/api/v1/topics/${id}`)).json().nextActions).toEqual([]);
  });

  it('shows the proposer the reason a topic was declined, and records the history in the audit log', async () => {
    const id = await topicIn('declined');
    const seen = (await as.resident.get(`/api/v1/topics/${id}`)).json();
    expect(seen.declineReason).toBe('不属于本议事室范围');
    const history = (await as.staff.get(`/api/v1/audit?entity=topic&entityId=${id}`)).json();
    expect(history.items.map((e: { action: string }) => e.action)).toEqual(['decline', 'propose']);
  });
});

describe('topics: supports, comments, privacy, lists', () => {
  it('counts supports once per person, not the proposer, and moves supports on merge', async () => {
    const a = await propose();
    const b = await propose();
    expect((await as.member.post(`/api/v1/topics/${a}/support`)).json().supportCount).toBe(1);
    expect((await as.member.post(`/api/v1/topics/${a}/support`)).json().supportCount).toBe(1);
    expect((await as.leader.post(`/api/v1/topics/${a}/support`)).json().supportedByMe).toBe(true);
    expect((await as.resident.post(`/api/v1/topics/${a}/support`)).statusCode).toBe(403);
    expect((await as.leader.del(`/api/v1/topics/${a}/support`)).json().supportCount).toBe(1);
    await act(as.convener, a, 'merge', { mergeIntoId: b });
    expect((await as.convener.get(`/api/v1/topics/${b}`)).json().supportCount).toBe(1);
    expect((await as.member.post(`/api/v1/topics/${a}/support`)).statusCode).toBe(409);
  });

  it('masks the proposer and commenters for others, shows them in full to the convener', async () => {
    const id = await propose();
    await as.member.post(`/api/v1/topics/${id}/comments`, { body: '支持，建议增设夜间临时停车位。' });
    expect((await as.member.get(`/api/v1/topics/${id}`)).json().proposerName).toBe('和***民');
    expect((await as.convener.get(`/api/v1/topics/${id}`)).json().proposerName).toBe('和平桥居民');
    expect((await as.resident.get(`/api/v1/topics/${id}/comments`)).json().items[0].authorName).toBe('政**员');
    expect((await as.convener.get(`/api/v1/topics/${id}/comments`)).json().items[0].authorName).toBe('政协委员');
  });

  it('refuses a topic for a node that is not a room, naming the field', async () => {
    const res = await as.resident.post('/api/v1/topics', {
      roomId: county,
      title: '某议题标题',
      description: '足够长的描述文字内容。',
      category: 'publicWelfare',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('body.roomId');
    const asMember = await as.resident.post('/api/v1/topics', {
      roomId: room,
      title: '某议题标题',
      description: '足够长的描述文字内容。',
      category: 'publicWelfare',
      source: 'member',
    });
    expect(asMember.json().error.details[0].field).toBe('body.source');
  });

  it('lists topics by room and state with paging', async () => {
    const before = (await as.convener.get(`/api/v1/topics?roomId=${otherRoom}`)).json().total;
    for (let i = 0; i < 3; i++) await propose(otherRoom);
    const p1 = (await as.convener.get(`/api/v1/topics?roomId=${otherRoom}&limit=2`)).json();
    expect(p1.total).toBe(before + 3);
    const p2 = (await as.convener.get(`/api/v1/topics?roomId=${otherRoom}&limit=2&cursor=${p1.nextCursor}`)).json();
    expect(new Set([...p1.items, ...p2.items].map((x: { id: string }) => x.id)).size).toBe(Math.min(4, before + 3));
    const proposed = (await as.convener.get(`/api/v1/topics?state=declined`)).json();
    expect(proposed.items.every((x: { state: string }) => x.state === 'declined')).toBe(true);
  });
});
