import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shangliang/contract';
import { moveClock, now, resetClock } from '../../platform/clock.ts';
import { createTestApp, nodeId, type Client, type TestApp } from '../../test/harness.ts';
import { deliberationLifecycle } from './deliberations.lifecycle.ts';
import { endEvaluationWindows } from './deliberations.service.ts';
import { participationCheck } from './deliberations.policy.ts';

let t: TestApp;
const as = {} as Record<Role, Client>;
let room: string;
let county: string;
let housing: string;
let otherConvener: Client;

beforeAll(async () => {
  // Sessions outlive the clock moves to the meeting day.
  t = await createTestApp({ SESSION_TTL_HOURS: '2000' });
  for (const r of ['resident', 'convener', 'staff', 'leader', 'member', 'department'] as Role[]) as[r] = await t.login(r);
  room = await nodeId(t.db, '和平桥街道“有事好商量”协商议事室');
  county = await nodeId(t.db, '崇川区政协');
  housing = await nodeId(t.db, '南通市住房和城乡建设局');
  // Topics are selected directly in these tests; the approval path is tested in topics.test.ts.
  expect((await as.staff.patch(`/api/v1/bodies/${county}/deliberation-settings`, { topicApprovalRequired: false })).statusCode).toBe(200);
  const other = await nodeId(t.db, '任港街道“有事好商量”协商议事室');
  await as.staff.post('/api/v1/accounts', {
    username: 'rg.convener',
    displayName: '任港召集人',
    initialPassword: 'Rengang-pass-1',
    grants: [{ role: 'convener', nodeId: other }],
  });
  otherConvener = await t.login('rg.convener', 'Rengang-pass-1');
  await otherConvener.post('/api/v1/auth/password', { currentPassword: 'Rengang-pass-1', newPassword: 'Rengang-pass-2' });
});
afterEach(() => resetClock());
afterAll(async () => t?.close());

const days = (n: number) => new Date(now().getTime() + n * 86_400_000).toISOString();

async function selectedTopic() {
  const topic = (
    await as.resident.post('/api/v1/topics', {
      roomId: room,
      title: '加装电梯协商',
      description: '老旧小区多层住宅加装电梯，低层住户有顾虑，需要协商。',
      category: 'publicInterest',
    })
  ).json();
  expect((await as.convener.post(`/api/v1/topics/${topic.id}/actions/accept`, {})).statusCode).toBe(200);
  expect((await as.convener.post(`/api/v1/topics/${topic.id}/actions/select`, {})).statusCode).toBe(200);
  return topic.id as string;
}

const act = (c: Client, id: string, action: string, body: object = {}) => c.post(`/api/v1/deliberations/${id}/actions/${action}`, body);

async function inviteMany(id: string, category: string, count: number) {
  for (let i = 0; i < count; i++) {
    const body = { category, name: `${category}参与者${i + 1}`, ...(category === 'department' ? { departmentId: housing } : {}) };
    const r = await as.convener.post(`/api/v1/deliberations/${id}/participants`, body);
    expect(r.statusCode, r.body).toBe(201);
  }
}

/** A deliberation ready to schedule: 12 participants (4 public), a research report, a date. */
async function readyToSchedule(id: string) {
  await inviteMany(id, 'resident', 3);
  await inviteMany(id, 'stakeholder', 1);
  await inviteMany(id, 'member', 4);
  await inviteMany(id, 'department', 2);
  await inviteMany(id, 'expert', 2);
  await as.convener.patch(`/api/v1/deliberations/${id}`, {
    researchReport: '走访了 12 户居民，低层住户担心采光和噪音。',
    meetingAt: days(10),
    place: '和平桥街道党群服务中心二楼',
  });
}

async function deliberationIn(state: string): Promise<string> {
  const res = await as.convener.post('/api/v1/deliberations', { topicId: await selectedTopic() });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const step = async (a: string, body: object = {}) => {
    const r = await act(as.convener, id, a, body);
    expect(r.statusCode, `${a}: ${r.body}`).toBe(200);
  };
  if (state === 'draft') return id;
  if (state === 'cancelled') {
    await step('cancel', { reason: '议题已由部门直接解决' });
    return id;
  }
  await step('prepare');
  if (state === 'preparing') return id;
  await readyToSchedule(id);
  await step('schedule');
  if (state === 'scheduled') return id;
  moveClock(10 * 86_400_000);
  await step('open');
  if (state === 'inSession') return id;
  const parts = (await as.convener.get(`/api/v1/deliberations/${id}/participants`)).json().items;
  const dep = parts.find((p: { category: string }) => p.category === 'department');
  await as.convener.post(`/api/v1/deliberations/${id}/speeches`, {
    participantId: dep.id,
    summary: '住建局答复：可申请加装电梯补贴。',
    interaction: true,
  });
  await as.convener.patch(`/api/v1/deliberations/${id}`, { minutes: '会议纪要：各方同意成立加装电梯协调小组。' });
  await step('closeMeeting');
  if (state === 'outcome') return id;
  await listsFor(id);
  await step('startImplementing');
  if (state === 'implementing') return id;
  await finishResponsibilities(id);
  await step('publishFeedback');
  if (state === 'feedbackPublished') return id;
  moveClock(30 * 86_400_000);
  await step('evaluate');
  if (state === 'evaluated') return id;
  await step('close');
  return id;
}

/** Lists 1 and 2: one recommendation carried to the housing bureau. */
async function listsFor(id: string) {
  const rec = await as.convener.post(`/api/v1/deliberations/${id}/recommendations`, {
    text: '成立加装电梯协调小组，对低层住户给予适当补偿。',
    rationale: '多数居民支持，低层住户关切采光。',
    agree: 10,
    disagree: 1,
    abstain: 1,
  });
  expect(rec.statusCode, rec.body).toBe(201);
  const resp = await as.convener.post(`/api/v1/deliberations/${id}/recommendations/${rec.json().id}/responsibilities`, {
    departmentId: housing,
    personInCharge: '住建局物业处负责人',
    action: '指导小区申报加装电梯补贴，协调低层住户补偿方案。',
    deadline: days(40).slice(0, 10),
  });
  expect(resp.statusCode, resp.body).toBe(201);
  return { recommendation: rec.json().id as string, responsibility: resp.json().id as string };
}

/** The department accepts, starts and completes every responsibility with feedback. */
async function finishResponsibilities(id: string) {
  const mine = (await as.department.get(`/api/v1/responsibilities?deliberationId=${id}`)).json().items;
  for (const r of mine) {
    for (const [a, body] of [
      ['accept', {}],
      ['start', {}],
      ['complete', { feedback: '已完成补贴申报指导，电梯已开工。', evidence: '补贴批复文件编号 2026-118' }],
    ] as const) {
      const res = await as.department.post(`/api/v1/responsibilities/${r.id}/actions/${a}`, body);
      expect(res.statusCode, res.body).toBe(200);
    }
  }
}

describe('participation rules', () => {
  const s = {
    topicApprovalRequired: true,
    minParticipants: 9,
    maxParticipants: 30,
    minPublicSharePct: 33,
    researchReportRequired: true,
    noticeDays: 7,
    evaluationDays: 14,
  };
  it('computes the shortfall of residents and stakeholders counting the growth they cause', () => {
    expect(participationCheck({ member: 9 }, s).shortfalls).toEqual([{ rule: 'publicShare', count: 5 }]);
    expect(participationCheck({ member: 6, resident: 3 }, s).shortfalls).toEqual([]);
    expect(participationCheck({ member: 3, resident: 1 }, s).shortfalls).toEqual([
      { rule: 'publicShare', count: 2 },
      { rule: 'minParticipants', count: 3 },
    ]);
    expect(participationCheck({ member: 20, resident: 11 }, s).shortfalls).toEqual([{ rule: 'maxParticipants', count: 1 }]);
  });
});

describe('deliberation lifecycle: every transition and every refusal', () => {
  for (const tr of deliberationLifecycle.transitions) {
    it(`${tr.action}: ${tr.from.join('|')} → ${tr.to}, refused from other states and for others`, async () => {
      for (const from of tr.from) {
        const id = await deliberationIn(from);
        if (tr.action === 'schedule') await readyToSchedule(id);
        if (tr.action === 'open') moveClock(10 * 86_400_000);
        if (tr.action === 'startImplementing') await listsFor(id);
        if (tr.action === 'publishFeedback') await finishResponsibilities(id);
        if (tr.action === 'evaluate') moveClock(30 * 86_400_000);
        if (tr.action === 'closeMeeting') {
          const dep = (await as.convener.get(`/api/v1/deliberations/${id}/participants`))
            .json()
            .items.find((p: { category: string }) => p.category === 'department');
          await as.convener.post(`/api/v1/deliberations/${id}/speeches`, { participantId: dep.id, summary: '部门回应', interaction: true });
          await as.convener.patch(`/api/v1/deliberations/${id}`, { minutes: '纪要' });
        }
        const ok = await act(as.convener, id, tr.action, tr.needsReason ? { reason: '理由' } : {});
        expect(ok.statusCode, ok.body).toBe(200);
        expect(ok.json().state).toBe(tr.to);
        resetClock();
      }
      for (const other of deliberationLifecycle.states.filter((s) => !tr.from.includes(s))) {
        const id = await deliberationIn(other);
        const res = await act(as.convener, id, tr.action, { reason: '理由' });
        expect(res.statusCode, `${tr.action} from ${other}`).toBe(409);
        expect(res.json().error.code).toBe('invalid_transition');
        resetClock();
      }
      const id = await deliberationIn(tr.from[0]!);
      expect((await act(otherConvener, id, tr.action, { reason: '理由' })).statusCode).toBe(403);
      expect((await act(as.leader, id, tr.action, { reason: '理由' })).statusCode).toBe(403);
      if (tr.needsReason) expect((await act(as.convener, id, tr.action, {})).json().error.details[0].field).toBe('body.reason');
    });
  }

  it('refuses to schedule while the residents’ share is short, saying how many are missing, then schedules', async () => {
    const id = await deliberationIn('preparing');
    await inviteMany(id, 'member', 6);
    await inviteMany(id, 'department', 2);
    await inviteMany(id, 'resident', 1);
    await as.convener.patch(`/api/v1/deliberations/${id}`, { researchReport: '调研报告', meetingAt: days(10), place: '议事室' });
    const refused = await act(as.convener, id, 'schedule');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('precondition_failed');
    expect(refused.json().error.message).toContain('3 more residents or stakeholders needed');
    expect(refused.json().error.details).toEqual([
      { precondition: 'participants', reason: '3 more residents or stakeholders needed', code: 'publicShareShort', params: { count: 3 } },
    ]);
    const page = (await as.convener.get(`/api/v1/deliberations/${id}`)).json();
    expect(page.participation.shortfalls).toEqual([{ rule: 'publicShare', count: 3 }]);
    await inviteMany(id, 'stakeholder', 3);
    expect((await act(as.convener, id, 'schedule')).json().state).toBe('scheduled');
  });

  it('a declined invitation no longer counts', async () => {
    const id = await deliberationIn('preparing');
    await readyToSchedule(id);
    const resident = (await as.convener.get(`/api/v1/deliberations/${id}/participants`))
      .json()
      .items.find((p: { category: string }) => p.category === 'resident');
    expect(
      (await as.convener.post(`/api/v1/deliberations/${id}/participants/${resident.id}/answer`, { answer: 'declined' })).statusCode,
    ).toBe(200);
    const res = await act(as.convener, id, 'schedule');
    expect(res.json().error.details).toContainEqual(expect.objectContaining({ code: 'publicShareShort', params: { count: 1 } }));
  });

  it('needs the research report when the body requires it, and not when it does not', async () => {
    const id = await deliberationIn('preparing');
    await readyToSchedule(id);
    await as.convener.patch(`/api/v1/deliberations/${id}`, { researchReport: '' });
    const refused = await act(as.convener, id, 'schedule');
    expect(refused.json().error.details.map((d: { precondition: string }) => d.precondition)).toEqual(['researchReport']);
    await as.staff.patch(`/api/v1/bodies/${county}/deliberation-settings`, { researchReportRequired: false });
    expect((await act(as.convener, id, 'schedule')).json().state).toBe('scheduled');
    await as.staff.patch(`/api/v1/bodies/${county}/deliberation-settings`, { researchReportRequired: true });
  });

  it('needs the meeting far enough ahead for the notice', async () => {
    const id = await deliberationIn('preparing');
    await readyToSchedule(id);
    await as.convener.patch(`/api/v1/deliberations/${id}`, { meetingAt: days(3) });
    expect((await act(as.convener, id, 'schedule')).json().error.message).toMatch(/at least 7 days away/);
  });

  it('cannot open before the meeting day', async () => {
    const id = await deliberationIn('scheduled');
    expect((await act(as.convener, id, 'open')).json().error.message).toMatch(/not today/);
  });

  it('cannot close the meeting without the department exchange and the minutes', async () => {
    const id = await deliberationIn('inSession');
    const res = await act(as.convener, id, 'closeMeeting');
    expect(res.json().error.details.map((d: { precondition: string }) => d.precondition)).toEqual(['interaction', 'minutes']);
    const resident = (await as.convener.get(`/api/v1/deliberations/${id}/participants`))
      .json()
      .items.find((p: { category: string }) => p.category === 'resident');
    const wrong = await as.convener.post(`/api/v1/deliberations/${id}/speeches`, {
      participantId: resident.id,
      summary: '居民发言',
      interaction: true,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].field).toBe('body.interaction');
    expect(
      (await as.convener.post(`/api/v1/deliberations/${id}/speeches`, { participantId: resident.id, summary: '居民发言' })).statusCode,
    ).toBe(201);
  });

  it('a topic cannot be deliberated twice, nor before it is selected', async () => {
    const topic = await selectedTopic();
    expect((await as.convener.post('/api/v1/deliberations', { topicId: topic })).statusCode).toBe(201);
    expect((await as.convener.post('/api/v1/deliberations', { topicId: topic })).statusCode).toBe(409);
    const fresh = (
      await as.resident.post('/api/v1/topics', {
        roomId: room,
        title: '新的议题',
        description: '还没有被受理的议题描述。',
        category: 'publicWelfare',
      })
    ).json();
    const r = await as.convener.post('/api/v1/deliberations', { topicId: fresh.id });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0].field).toBe('body.topicId');
  });
});

describe('participants, research and the meeting record', () => {
  it('the invited person answers their own invitation; others may not', async () => {
    const id = await deliberationIn('preparing');
    const me = (await as.resident.get('/api/v1/auth/me')).json();
    const p = (
      await as.convener.post(`/api/v1/deliberations/${id}/participants`, {
        category: 'resident',
        name: '和平桥居民',
        accountId: me.account.id,
      })
    ).json();
    expect(
      (await as.convener.post(`/api/v1/deliberations/${id}/participants`, { category: 'resident', name: '重复', accountId: me.account.id }))
        .statusCode,
    ).toBe(409);
    expect((await as.member.post(`/api/v1/deliberations/${id}/participants/${p.id}/answer`, { answer: 'accepted' })).statusCode).toBe(403);
    const ok = await as.resident.post(`/api/v1/deliberations/${id}/participants/${p.id}/answer`, { answer: 'accepted' });
    expect(ok.json().answer).toBe('accepted');
    // A participant may now read the deliberation; a stranger may not.
    expect((await as.resident.get(`/api/v1/deliberations/${id}`)).statusCode).toBe(200);
    expect((await as.member.get(`/api/v1/deliberations/${id}`)).statusCode).toBe(403);
  });

  it('an invitation by phone reaches the account registered with it; one responsibility and its progress are readable', async () => {
    const id = await deliberationIn('preparing');
    const p = (
      await as.convener.post(`/api/v1/deliberations/${id}/participants`, { category: 'resident', name: '和平桥居民', phone: '13800000007' })
    ).json();
    expect(p.accountId).toBe((await as.resident.get('/api/v1/auth/me')).json().account.id);
    expect(
      (await as.convener.post(`/api/v1/deliberations/${id}/participants`, { category: 'resident', name: '又一次', phone: '13800000007' }))
        .statusCode,
    ).toBe(409);
    const other = await deliberationIn('outcome');
    const { responsibility } = await listsFor(other);
    await as.department.post(`/api/v1/responsibilities/${responsibility}/actions/accept`, {});
    await as.department.post(`/api/v1/responsibilities/${responsibility}/progress`, { note: '已现场踏勘', evidence: '踏勘记录' });
    expect((await as.department.get(`/api/v1/responsibilities/${responsibility}`)).json().state).toBe('accepted');
    expect((await as.leader.get(`/api/v1/responsibilities/${responsibility}/progress`)).json().items[0]).toMatchObject({
      note: '已现场踏勘',
      byName: '市住建局联络员',
    });
    expect((await otherConvener.get(`/api/v1/responsibilities/${responsibility}`)).statusCode).toBe(403);
  });

  it('a department participant needs its department', async () => {
    const id = await deliberationIn('draft');
    const r = await as.convener.post(`/api/v1/deliberations/${id}/participants`, { category: 'department', name: '住建局' });
    expect(r.json().error.details[0].field).toBe('body.departmentId');
  });

  it('research tasks are assigned and completed by their assignee', async () => {
    const id = await deliberationIn('preparing');
    const member = (await as.member.get('/api/v1/auth/me')).json().account.id;
    const task = (
      await as.convener.post(`/api/v1/deliberations/${id}/research-tasks`, {
        title: '走访低层住户',
        assigneeId: member,
        dueDate: '2026-12-10',
      })
    ).json();
    expect((await as.resident.post(`/api/v1/deliberations/${id}/research-tasks/${task.id}/findings`, { findings: 'x' })).statusCode).toBe(
      403,
    );
    const done = await as.member.post(`/api/v1/deliberations/${id}/research-tasks/${task.id}/findings`, {
      findings: '低层住户主要担心采光。',
    });
    expect(done.json().doneAt).toBeTruthy();
    expect((await as.convener.get(`/api/v1/deliberations/${id}/research-tasks`)).json().items[0].findings).toBe('低层住户主要担心采光。');
  });

  it('staff sign participants in by hand during the meeting, once', async () => {
    const id = await deliberationIn('scheduled');
    const p = (await as.convener.get(`/api/v1/deliberations/${id}/participants`)).json().items[0];
    const first = (await as.convener.post(`/api/v1/deliberations/${id}/participants/${p.id}/sign-in`, {})).json();
    const again = (await as.convener.post(`/api/v1/deliberations/${id}/participants/${p.id}/sign-in`, {})).json();
    expect(first.signedInAt).toBeTruthy();
    expect(again.signedInAt).toBe(first.signedInAt);
  });
});

describe('the three lists', () => {
  it('refuses to start implementing without recommendations, or with one that no department carries', async () => {
    const id = await deliberationIn('outcome');
    expect(
      (await act(as.convener, id, 'startImplementing')).json().error.details.map((d: { precondition: string }) => d.precondition),
    ).toEqual(['recommendations']);
    await as.convener.post(`/api/v1/deliberations/${id}/recommendations`, { text: '第一条建议内容' });
    const res = await act(as.convener, id, 'startImplementing');
    expect(res.json().error.message).toMatch(/1 recommendations have no responsible department/);
  });

  it('links a recommendation to the speeches behind it, and refuses speeches of another deliberation', async () => {
    const id = await deliberationIn('outcome');
    const speeches = (await as.convener.get(`/api/v1/deliberations/${id}/speeches`)).json().items;
    const ok = await as.convener.post(`/api/v1/deliberations/${id}/recommendations`, {
      text: '依据部门答复形成的建议',
      speechIds: [speeches[0].id],
    });
    expect(ok.json().speechIds).toEqual([speeches[0].id]);
    const other = await deliberationIn('outcome');
    const foreign = (await as.convener.get(`/api/v1/deliberations/${other}/speeches`)).json().items[0].id;
    const bad = await as.convener.post(`/api/v1/deliberations/${id}/recommendations`, { text: '错误引用的建议', speechIds: [foreign] });
    expect(bad.json().error.details[0].field).toBe('body.speechIds');
  });

  it('walks every responsibility transition and refusal', async () => {
    const id = await deliberationIn('outcome');
    const fresh = async () => (await listsFor(id)).responsibility;
    const act2 = (c: Client, r: string, a: string, body: object = {}) => c.post(`/api/v1/responsibilities/${r}/actions/${a}`, body);
    // accept, start, complete (needs feedback and evidence)
    const r1 = await fresh();
    expect((await act2(as.convener, r1, 'accept')).statusCode).toBe(403);
    expect((await act2(as.department, r1, 'start')).json().error.code).toBe('invalid_transition');
    expect((await act2(as.department, r1, 'accept')).json().state).toBe('accepted');
    expect((await act2(as.department, r1, 'start')).json().state).toBe('inProgress');
    const incomplete = await act2(as.department, r1, 'complete', { feedback: '做了' });
    expect(incomplete.json().error.details.map((d: { precondition: string }) => d.precondition)).toEqual(['evidence']);
    const done = (await act2(as.department, r1, 'complete', { feedback: '已完成', evidence: '验收单' })).json();
    expect(done.state).toBe('done');
    expect(done.feedback).toBe('已完成');
    expect((await act2(as.department, r1, 'cannotDo', { reason: 'x' })).json().error.code).toBe('invalid_transition');
    // decline (from assigned, with a reason)
    const r2 = await fresh();
    expect((await act2(as.department, r2, 'decline', {})).json().error.details[0].field).toBe('body.reason');
    expect((await act2(as.department, r2, 'decline', { reason: '不属于本部门职责' })).json()).toMatchObject({
      state: 'declined',
      reason: '不属于本部门职责',
    });
    // cannotDo (from accepted or in progress, with a reason)
    const r3 = await fresh();
    await act2(as.department, r3, 'accept');
    expect((await act2(as.department, r3, 'cannotDo', { reason: '资金无法落实' })).json().state).toBe('cannotDo');
    // Another department may not touch it.
    const r4 = await fresh();
    const police = await nodeId(t.db, '南通市公安局');
    await as.staff.post('/api/v1/accounts', {
      username: 'police.liaison',
      displayName: '公安局联络员',
      initialPassword: 'Police-pass-1',
      grants: [{ role: 'department', nodeId: police }],
    });
    const pol = await t.login('police.liaison', 'Police-pass-1');
    await pol.post('/api/v1/auth/password', { currentPassword: 'Police-pass-1', newPassword: 'Police-pass-2' });
    expect((await act2(pol, r4, 'accept')).statusCode).toBe(403);
    expect((await pol.get(`/api/v1/responsibilities?deliberationId=${id}`)).json().total).toBe(0);
  });

  it('derives overdue from the deadline and shows it in the supervision view with the days', async () => {
    const id = await deliberationIn('outcome');
    const { responsibility } = await listsFor(id);
    const before = (await as.leader.get('/api/v1/responsibilities?overdue=true')).json().items.map((r: { id: string }) => r.id);
    expect(before).not.toContain(responsibility);
    moveClock(45 * 86_400_000);
    const after = (await as.leader.get('/api/v1/responsibilities?overdue=true')).json();
    const mine = after.items.find((r: { id: string }) => r.id === responsibility);
    expect(mine.overdue).toBe(true);
    expect(mine.overdueDays).toBeGreaterThanOrEqual(4);
    expect(mine.departmentName).toBe('南通市住房和城乡建设局');
    // The department sees it on its own list too.
    expect((await as.department.get('/api/v1/responsibilities?overdue=true')).json().items.map((r: { id: string }) => r.id)).toContain(
      responsibility,
    );
  });

  it('refuses a deadline in the past and a node that is not a department', async () => {
    const id = await deliberationIn('outcome');
    const rec = (await as.convener.post(`/api/v1/deliberations/${id}/recommendations`, { text: '建议内容文字' })).json();
    const url = `/api/v1/deliberations/${id}/recommendations/${rec.id}/responsibilities`;
    const past = await as.convener.post(url, { departmentId: housing, personInCharge: '某人', action: '某项行动', deadline: '2020-01-01' });
    expect(past.json().error.details[0].field).toBe('body.deadline');
    const notDep = await as.convener.post(url, {
      departmentId: county,
      personInCharge: '某人',
      action: '某项行动',
      deadline: days(30).slice(0, 10),
    });
    expect(notDep.json().error.details[0].field).toBe('body.departmentId');
  });
});

describe('evaluation', () => {
  it('participants rate once after feedback is published; the quality score follows the rubric', async () => {
    const id = await deliberationIn('implementing');
    const me = (await as.resident.get('/api/v1/auth/me')).json().account.id;
    // The resident takes part (invited earlier would be the normal path; the convener may add them before the meeting only).
    await t.db.db
      .insertInto('participant')
      .values({
        id: '01900000-0000-7000-8000-0000000000aa',
        deliberation_id: id,
        category: 'resident',
        name: '和平桥居民',
        account_id: me,
        member_id: null,
        department_id: null,
        phone: null,
        answer: 'accepted',
        source: 'invited',
        invited_at: new Date().toISOString(),
        answered_at: null,
        reminded_at: null,
        signed_in_at: null,
        sign_in_by: null,
      })
      .execute();
    expect((await as.resident.post(`/api/v1/deliberations/${id}/ratings`, { rating: 'satisfied' })).statusCode).toBe(409);
    await finishResponsibilities(id);
    await act(as.convener, id, 'publishFeedback');
    expect((await as.member.post(`/api/v1/deliberations/${id}/ratings`, { rating: 'satisfied' })).statusCode).toBe(403);
    const before = (await as.resident.get(`/api/v1/deliberations/${id}`)).json();
    expect([before.myRating, before.abilities.rate]).toEqual([null, true]);
    expect((await as.convener.get(`/api/v1/deliberations/${id}`)).json().abilities.rate).toBe(false);
    expect(
      (
        await as.resident.post(`/api/v1/deliberations/${id}/ratings`, {
          rating: 'basicallySatisfied',
          comment: '电梯开工了，补偿还可以更快。',
        })
      ).statusCode,
    ).toBe(201);
    expect((await as.resident.post(`/api/v1/deliberations/${id}/ratings`, { rating: 'satisfied' })).statusCode).toBe(409);
    const after = (await as.resident.get(`/api/v1/deliberations/${id}`)).json();
    expect([after.myRating, after.abilities.rate]).toEqual(['basicallySatisfied', false]);
    expect((await act(as.convener, id, 'evaluate')).json().error.message).toMatch(/may rate until/);
    moveClock(15 * 86_400_000);
    const evaluated = (await act(as.convener, id, 'evaluate')).json();
    expect(evaluated.state).toBe('evaluated');
    expect(evaluated.quality.parts.satisfaction).toBe(60);
    expect(evaluated.quality.parts.interaction).toBe(50);
    expect(evaluated.quality.parts.outcome).toBe(100);
    expect(evaluated.quality.total).toBeGreaterThan(0);
    expect(evaluated.quality.total).toBeLessThanOrEqual(100);
  });
});

describe('the evaluation window', () => {
  const stateOf = async (id: string) => (await as.convener.get(`/api/v1/deliberations/${id}`)).json();

  it('evaluates and closes a deliberation by itself once its rating window ends, not before', async () => {
    const id = await deliberationIn('feedbackPublished');
    expect(await endEvaluationWindows(t.app.deps)).toBe(0);
    expect((await stateOf(id)).state).toBe('feedbackPublished');
    moveClock(15 * 86_400_000);
    expect(await endEvaluationWindows(t.app.deps)).toBeGreaterThanOrEqual(1);
    const d = await stateOf(id);
    expect(d.state).toBe('closed');
    expect(d.quality.total).toBeGreaterThan(0);
    const log = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'ip'])
      .where('entity', '=', 'deliberation')
      .where('entity_id', '=', id)
      .where('action', 'in', ['evaluate', 'close'])
      .orderBy('at')
      .execute();
    expect(log).toEqual([
      { action: 'evaluate', actor_id: null, ip: 'system: evaluation window' },
      { action: 'close', actor_id: null, ip: 'system: evaluation window' },
    ]);
    // Once closed, nothing more to do.
    expect(await endEvaluationWindows(t.app.deps)).toBe(0);
  });

  it('leaves a zero-day window to the convener', async () => {
    // The room's own body: the nearest one above it.
    const ancestors: { id: string; kind: string }[] = (await as.staff.get(`/api/v1/org/nodes/${room}`)).json().ancestors;
    const body = [...ancestors].reverse().find((a) => a.kind === 'body')!;
    const settingsUrl = `/api/v1/bodies/${body.id}/deliberation-settings`;
    const before = (await as.staff.get(settingsUrl)).json();
    expect((await as.staff.patch(settingsUrl, { evaluationDays: 0 })).statusCode).toBe(200);
    try {
      const id = await deliberationIn('feedbackPublished');
      moveClock(30 * 86_400_000);
      await endEvaluationWindows(t.app.deps);
      expect((await stateOf(id)).state).toBe('feedbackPublished');
      expect((await act(as.convener, id, 'evaluate')).json().state).toBe('evaluated');
    } finally {
      await as.staff.patch(settingsUrl, { evaluationDays: before.evaluationDays });
    }
  });
});

describe('exports', () => {
  it('exports the three lists to Excel, one sheet per list with Chinese headers, and a printable page', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const id = await deliberationIn('feedbackPublished');
    const res = await as.convener.get(`/api/v1/deliberations/${id}/lists.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['协商建议清单', '责任落实清单', '结果反馈清单']);
    const [recs, resps, feedback] = wb.worksheets;
    expect(recs!.getRow(1).values).toEqual([undefined, '序号', '协商建议', '理由', '赞成', '反对', '弃权']);
    expect(recs!.getRow(2).getCell(2).value).toBe('成立加装电梯协调小组，对低层住户给予适当补偿。');
    expect(recs!.getRow(2).getCell(4).value).toBe(10);
    expect(resps!.getRow(2).getCell(3).value).toBe('南通市住房和城乡建设局');
    expect(resps!.getRow(2).getCell(7).value).toBe('已办结');
    expect(feedback!.getRow(2).getCell(4).value).toBe('已完成补贴申报指导，电梯已开工。');
    expect(String(feedback!.getRow(4).getCell(1).value)).toContain('导出人：和平桥召集人');
    const log = (await as.staff.get(`/api/v1/audit?entity=deliberation&entityId=${id}`)).json();
    expect(log.items[0].action).toBe('export');

    const print = await as.convener.get(`/api/v1/deliberations/${id}/lists/print`);
    expect(print.headers['content-type']).toContain('text/html');
    expect(print.body).toContain('三、结果反馈清单');
    expect(print.body).toContain('补贴批复文件编号 2026-118');
    expect((await as.resident.get(`/api/v1/deliberations/${id}/lists.xlsx`)).statusCode).toBe(403);
  });

  it('exports every responsibility in scope', async () => {
    const ExcelJS = (await import('exceljs')).default;
    await deliberationIn('implementing');
    const res = await as.leader.get('/api/v1/responsibilities/export');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('协商活动');
    const listed = (await as.leader.get('/api/v1/responsibilities?limit=100')).json().total;
    expect(ws.actualRowCount).toBe(listed + 2);
  });
});

describe('at the meeting', () => {
  it('invited people sign in by scanning the room’s QR code on their phone; others and wrong codes are refused', async () => {
    const jsQR = (await import('jsqr')).default;
    const { PNG } = await import('pngjs');
    const id = await deliberationIn('preparing');
    const me = (await as.resident.get('/api/v1/auth/me')).json().account.id;
    await as.convener.post(`/api/v1/deliberations/${id}/participants`, { category: 'resident', name: '和平桥居民', accountId: me });
    await readyToSchedule(id);
    expect((await act(as.convener, id, 'schedule')).statusCode).toBe(200);
    const qr = await as.convener.get(`/api/v1/deliberations/${id}/sign-in-qr`);
    const img = PNG.sync.read(qr.rawPayload);
    const url = new URL(jsQR(new Uint8ClampedArray(img.data), img.width, img.height)!.data);
    expect(url.pathname).toBe(`/s/${id}`);
    const code = url.searchParams.get('code')!;
    const wrong = await as.resident.post(`/api/v1/deliberations/${id}/sign-in`, { code: 'WRONGCODE123' });
    expect(wrong.json().error.details[0].field).toBe('body.code');
    expect((await as.member.post(`/api/v1/deliberations/${id}/sign-in`, { code })).statusCode).toBe(403);
    const ok = (await as.resident.post(`/api/v1/deliberations/${id}/sign-in`, { code })).json();
    expect(ok).toMatchObject({ name: '和平桥居民', already: false });
    expect((await as.resident.post(`/api/v1/deliberations/${id}/sign-in`, { code })).json().already).toBe(true);
    expect((await as.resident.get(`/api/v1/deliberations/${id}/sign-in-qr`)).statusCode).toBe(403);
  });

  it('reminds an invited person who has not answered, once they have an account', async () => {
    const id = await deliberationIn('preparing');
    const me = (await as.resident.get('/api/v1/auth/me')).json().account.id;
    const p = (
      await as.convener.post(`/api/v1/deliberations/${id}/participants`, { category: 'resident', name: '和平桥居民', accountId: me })
    ).json();
    const r = await as.convener.post(`/api/v1/deliberations/${id}/participants/${p.id}/remind`, {});
    expect(r.statusCode, r.body).toBe(200);
    const inbox = (await as.resident.get('/api/v1/notifications?limit=100')).json();
    expect(
      inbox.items.filter((n: { kind: string; link: string }) => n.kind === 'deliberation.reminder' && n.link === `/deliberations/${id}`),
    ).toHaveLength(1);
    const noAccount = (await as.convener.post(`/api/v1/deliberations/${id}/participants`, { category: 'expert', name: '专家' })).json();
    expect((await as.convener.post(`/api/v1/deliberations/${id}/participants/${noAccount.id}/remind`, {})).statusCode).toBe(409);
  });

  it("shows the room's dashboard: states, categories, on-time and satisfaction rates", async () => {
    await deliberationIn('closed');
    const dash = (await as.convener.get(`/api/v1/rooms/${room}/dashboard`)).json();
    expect(dash.deliberationsByState.closed).toBeGreaterThanOrEqual(1);
    expect(dash.topicsByCategory.publicInterest).toBeGreaterThanOrEqual(1);
    expect(dash.responsibilities.finished).toBeGreaterThanOrEqual(1);
    expect(dash.responsibilities.onTimeRate).toBeGreaterThan(0);
    expect(dash.byMonth.length).toBeGreaterThanOrEqual(1);
    expect((await as.resident.get(`/api/v1/rooms/${room}/dashboard`)).statusCode).toBe(403);
  });

  it('a list page answers every deliberation as its own page does (lifecycle, participation, abilities, own rating)', async () => {
    const pick = (d: Record<string, unknown>) => ({
      state: d.state,
      participation: d.participation,
      nextActions: d.nextActions,
      abilities: d.abilities,
      myRating: d.myRating,
    });
    let compared = 0;
    const states = new Set<string>();
    for (const who of [as.convener, as.staff, as.leader]) {
      const res = await who.get(`/api/v1/deliberations?roomId=${room}&limit=50`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json();
      expect(page.items.length).toBeGreaterThan(5);
      for (const item of page.items) {
        const one = await who.get(`/api/v1/deliberations/${item.id}`);
        expect(one.statusCode).toBe(200);
        expect(pick(item)).toEqual(pick(one.json()));
        states.add(item.state);
        compared++;
      }
    }
    // The page spans the lifecycle, so every precondition's figures are compared.
    expect([...states]).toEqual(expect.arrayContaining(['preparing', 'scheduled', 'inSession', 'closed']));
    expect(compared).toBeGreaterThan(15);
  });
});
