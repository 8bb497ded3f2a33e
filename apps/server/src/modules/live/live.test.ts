import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveRefusalCodes, type OpinionMap, type Role } from '@shangliang/contract';
type WebSocket = Awaited<ReturnType<TestApp['app']['injectWS']>>;
import { moveClock, now } from '../../platform/clock.ts';
import { runJobOnce } from '../../platform/jobs/index.ts';
import { liveClosesJob } from './live.jobs.ts';
import { liveLifecycles } from './live.lifecycle.ts';
import { createTestApp, nodeId, type Client, type TestApp } from '../../test/harness.ts';
import { ConsensusEngine } from '@shangliang/consensus';
import { consensusAcrossGroups, pickWeighted, pollAnswerIssue, priority, normalizeStatement, tally } from './live.policy.ts';
import { toMapPoints } from './live.worker.ts';
import { sendPaths } from './live.socket.ts';
import { MapScheduler } from './live.map.ts';
import type { FastifyBaseLogger } from 'fastify';
import net from 'node:net';

/*
 * Live sessions through the API on the database under test (SQLite or PostgreSQL), with the
 * in-process bus: sessions and their policies, statements and votes with every refusal, rate
 * limits, the next statement, the opinion map off the request path, the WebSocket channel with
 * resume points, the speaker queue into the meeting record, polls, venues, show of hands and
 * promotion into the recommendations list.
 */

let t: TestApp;
const as = {} as Record<Role, Client>;
let room: string;
let deliberation: string;
let residentAccount: string;
let residentParticipant: string;
const live = '/api/v1/live/sessions';

async function deliberationInSession(): Promise<string> {
  const topic = (
    await as.resident.post('/api/v1/topics', {
      roomId: room,
      title: '小区停车难协商',
      description: '小区车位不足，夜间乱停车影响消防通道，需要协商。',
      category: 'publicInterest',
    })
  ).json();
  expect((await as.convener.post(`/api/v1/topics/${topic.id}/actions/accept`, {})).statusCode).toBe(200);
  expect((await as.convener.post(`/api/v1/topics/${topic.id}/actions/select`, {})).statusCode).toBe(200);
  const id = (await as.convener.post('/api/v1/deliberations', { topicId: topic.id })).json().id as string;
  expect((await as.convener.post(`/api/v1/deliberations/${id}/actions/prepare`, {})).statusCode).toBe(200);
  const housing = await nodeId(t.db, '南通市住房和城乡建设局');
  const invite = async (body: object) =>
    expect((await as.convener.post(`/api/v1/deliberations/${id}/participants`, body)).statusCode).toBe(201);
  await invite({ category: 'resident', name: '居民甲', accountId: residentAccount });
  for (let i = 0; i < 3; i++) await invite({ category: 'resident', name: `居民${i}` });
  for (let i = 0; i < 4; i++) await invite({ category: 'member', name: `委员${i}` });
  for (let i = 0; i < 2; i++) await invite({ category: 'department', name: `部门${i}`, departmentId: housing });
  for (let i = 0; i < 2; i++) await invite({ category: 'expert', name: `专家${i}` });
  await as.convener.patch(`/api/v1/deliberations/${id}`, {
    researchReport: '走访了 30 户居民。',
    meetingAt: new Date(now().getTime() + 10 * 86_400_000).toISOString(),
    place: '和平桥街道党群服务中心',
  });
  expect((await as.convener.post(`/api/v1/deliberations/${id}/actions/schedule`, {})).statusCode).toBe(200);
  moveClock(10 * 86_400_000);
  const open = await as.convener.post(`/api/v1/deliberations/${id}/actions/open`, {});
  expect(open.statusCode, open.body).toBe(200);
  return id;
}

beforeAll(async () => {
  t = await createTestApp({
    SESSION_TTL_HOURS: '2000',
    LIVE_MAP_DEBOUNCE_MS: '400',
    LIVE_VOTE_LIMIT: '40',
    LIVE_STATEMENT_LIMIT: '4',
    LIVE_JOIN_LIMIT: '60',
  });
  for (const r of ['resident', 'convener', 'staff', 'leader', 'member', 'admin'] as Role[]) as[r] = await t.login(r);
  room = await nodeId(t.db, '和平桥街道“有事好商量”协商议事室');
  residentAccount = (await as.resident.get('/api/v1/auth/me')).json().account.id;
  expect(
    (await as.staff.patch(`/api/v1/bodies/${await nodeId(t.db, '崇川区政协')}/deliberation-settings`, { topicApprovalRequired: false }))
      .statusCode,
  ).toBe(200);
  deliberation = await deliberationInSession();
  residentParticipant = (await as.convener.get(`/api/v1/deliberations/${deliberation}/participants`))
    .json()
    .items.find((p: { accountId: string | null }) => p.accountId === residentAccount).id;
});
afterAll(async () => t?.close());

/** A pseudonymous participant of a link session: requests carry its token. */
async function guest(sessionId: string, n = 0) {
  const res = await t.app.inject({
    method: 'POST',
    url: `${live}/${sessionId}/join`,
    payload: {},
    remoteAddress: `10.0.${Math.floor(n / 250)}.${(n % 250) + 1}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  const { token, participantId } = res.json();
  const req = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: { 'x-live-token': token }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return {
    token: token as string,
    participantId: participantId as string,
    get: (u: string) => req('GET', u),
    post: (u: string, b: unknown = {}) => req('POST', u, b),
  };
}

async function openSession(body: object) {
  let res = await as.convener.post(live, { deliberationId: deliberation, ...body });
  // A session left open by an earlier failed test is closed, so that one failure does not cascade.
  const left = res.statusCode === 409 ? res.json().error.details?.[0]?.params?.sessionId : undefined;
  if (left) {
    await as.convener.post(`${live}/${left}/close`, {});
    res = await as.convener.post(live, { deliberationId: deliberation, ...body });
  }
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const close = async (id: string) => expect((await as.convener.post(`${live}/${id}/close`, {})).statusCode).toBe(200);
/** A WebSocket frame's contents: events come in arrays, control frames (ready, error) alone. */
type Frame = { seq?: number; type?: string; kind?: string; code?: string; data?: { version?: number } };
const framesOf = (m: Buffer): Frame[] => ([] as Frame[]).concat(JSON.parse(m.toString()) as Frame | Frame[]);
const fieldsOf = (res: { json(): { error: { details?: { field: string }[] } } }) => (res.json().error.details ?? []).map((d) => d.field);
/** The stable refusal code of a live refusal (the web says it in the reader's language). */
const codeOf = (res: { json(): { error: { details?: { code?: string }[] } } }) => res.json().error.details?.[0]?.code;

async function waitFor<T>(fn: () => Promise<T | undefined | null | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('pure rules', () => {
  it("Pol.is's priority favours statements with few votes, and the draw follows it", () => {
    expect(priority({ agree: 0, pass: 0, seen: 0 })).toBeCloseTo((0.25 * 9) ** 2, 10);
    expect(priority({ agree: 0, pass: 0, seen: 0 })).toBeGreaterThan(priority({ agree: 15, pass: 0, seen: 30 }));
    expect(priority({ agree: 10, pass: 0, seen: 10 })).toBeGreaterThan(priority({ agree: 10, pass: 10, seen: 20 }));
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const few = { seen: 0 };
    const many = { seen: 40 };
    let picks = 0;
    for (let i = 0; i < 1000; i++)
      if (pickWeighted([few, many], (s) => priority({ agree: s.seen / 2, pass: 0, seen: s.seen }), random) === few) picks++;
    expect(picks).toBeGreaterThan(800);
    expect(pickWeighted([], () => 1)).toBeNull();
  });

  it('normalises statements for the duplicate check; checks and counts poll answers', () => {
    expect(normalizeStatement('减少停车难！')).toBe(normalizeStatement(' 减少 停车难 '));
    expect(normalizeStatement('ＡＢＣ，abc')).toBe('abcabc');
    expect(normalizeStatement('！！？')).toBe('');
    expect(pollAnswerIssue('single', 3, { choices: [0, 1] })?.field).toBe('body.choices');
    expect(pollAnswerIssue('consent', 0, { score: 3 })?.field).toBe('body.score');
    expect(pollAnswerIssue('score', 0, {})?.field).toBe('body.score');
    expect(pollAnswerIssue('multiple', 3, { choices: [0, 3] })?.field).toBe('body.choices');
    expect(pollAnswerIssue('multiple', 3, { choices: [0, 2] })).toBeNull();
    expect(tally('consent', 0, [{ consent: 'block' }, { consent: 'agree' }, { consent: 'agree' }])).toEqual({
      agree: 2,
      abstain: 0,
      disagree: 0,
      block: 1,
    });
  });
});

describe('consensus across groups', () => {
  it('a statement one group never voted on is not consensus, however much the other group agrees', () => {
    // Two camps of eight split on s0–s7; everyone agrees with s8; only the first camp saw s9.
    const votes = [];
    for (let i = 0; i < 16; i++) {
      const first = i < 8;
      for (let j = 0; j < 8; j++)
        votes.push({ participant: `p${i}`, statement: `s${j}`, vote: (first === (j % 2 === 0) ? 1 : -1) as 1 | -1 });
      votes.push({ participant: `p${i}`, statement: 's8', vote: 1 as const });
      if (first) votes.push({ participant: `p${i}`, statement: 's9', vote: 1 as const });
    }
    const engine = new ConsensusEngine({ seed: 0 });
    engine.addVotes(votes);
    const result = engine.run();
    expect(result.groupList.length).toBeGreaterThanOrEqual(2);
    // The engine's consensus (over everyone, as Pol.is computes it) lists s9 …
    expect(result.consensus.map((c) => c.statement)).toEqual(expect.arrayContaining(['s8', 's9']));
    // … the map's does not: one group has no vote on it.
    const map = toMapPoints(result, 'run');
    expect(map.consensus.map((c) => c.statementId)).toContain('s8');
    expect(map.consensus.map((c) => c.statementId)).not.toContain('s9');
  });

  it('asks each group for a few votes, or all of a smaller group', () => {
    const c = (a: number[]) => ({ byGroup: a.map((n, group) => ({ group, agree: n, disagree: 0, pass: 0 })) });
    const groups = [
      { group: 0, size: 10 },
      { group: 1, size: 2 },
    ];
    expect(consensusAcrossGroups([c([3, 2]), c([2, 2]), c([5, 1])], groups)).toEqual([c([3, 2])]);
    expect(consensusAcrossGroups([c([3, 2])], [])).toHaveLength(1);
  });
});

describe('opening a session', () => {
  it('refuses bad sessions, naming the field; one open session per deliberation', async () => {
    const bad = async (body: object, field: string, status = 400) => {
      const res = await as.convener.post(live, { deliberationId: deliberation, joinPolicy: 'link', ...body });
      expect(res.statusCode, res.body).toBe(status);
      if (status === 400) expect(fieldsOf(res)).toContain(field);
    };
    await bad({ kind: 'online' }, 'body.closesAt');
    await bad({ kind: 'online', closesAt: new Date(now().getTime() - 1000).toISOString() }, 'body.closesAt');
    await bad({ kind: 'remote' }, 'body.venues');
    await bad({ kind: 'hybrid', venues: [{ name: '分会场' }] }, 'body.venues');
    await bad({ kind: 'remote', venues: [{ name: '分会场', videoUrl: 'javascript:alert(1)' }] }, 'body.venues.0.videoUrl');
    await bad({ kind: 'hybrid', deliberationId: '01900000-0000-7000-8000-000000000000' }, 'body.deliberationId');
    expect((await as.resident.post(live, { deliberationId: deliberation, kind: 'hybrid', joinPolicy: 'link' })).statusCode).toBe(403);
    const s = await openSession({ kind: 'hybrid', joinPolicy: 'link' });
    expect(s.venues).toHaveLength(1);
    expect(s.venues[0].main).toBe(true);
    expect(s.abilities.close).toBe(true);
    const again = await as.convener.post(live, { deliberationId: deliberation, kind: 'hybrid', joinPolicy: 'link' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0]).toMatchObject({ code: 'alreadyOpen', params: { sessionId: s.id } });
    await close(s.id);
    expect(codeOf(await as.convener.post(`${live}/${s.id}/close`, {}))).toBe('sessionClosed');
    expect((await t.anonymous.get(`${live}/01900000-0000-7000-8000-000000000000`)).statusCode).toBe(404);
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'live_session')
      .where('entity_id', '=', s.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['close', 'open']);
  });
});

describe('statements and votes', () => {
  let s: { id: string };
  beforeAll(async () => {
    s = await openSession({ kind: 'hybrid', joinPolicy: 'link' });
  });
  afterAll(async () => close(s.id));

  it('a pseudonymous participant writes; too long, empty, wordless and duplicate statements are refused, nothing stored', async () => {
    const g = await guest(s.id, 1);
    expect((await t.anonymous.post(`${live}/${s.id}/statements`, { text: '没有加入会话' })).statusCode).toBe(401);
    const ok = await g.post(`${live}/${s.id}/statements`, { text: '减少停车难！' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ state: 'published', origin: 'participant', mine: true });
    const refusals: [unknown, number, string, string?][] = [
      [{ text: '长'.repeat(141) }, 400, 'body.text'],
      [{ text: '   ' }, 400, 'body.text'],
      [{ text: '！？。' }, 400, 'body.text', 'statementEmpty'],
      [{ text: '减少 停车难' }, 409, 'body.text', 'statementDuplicate'],
      [{ text: 'ＡＢ', extra: 1 }, 400, 'body.extra'],
    ];
    for (const [body, status, field, code] of refusals) {
      const res = await g.post(`${live}/${s.id}/statements`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(fieldsOf(res), JSON.stringify(body)).toContain(field);
      if (code) expect(codeOf(res), JSON.stringify(body)).toBe(code);
    }
    const texts = (await g.get(`${live}/${s.id}/statements`)).json().items.map((x: { text: string }) => x.text);
    expect(texts).toEqual(['减少停车难！']);
    expect((await g.post(`${live}/01900000-0000-7000-8000-000000000000/statements`, { text: '未知会话' })).statusCode).toBe(404);
  });

  it('one vote per person and statement, the last counts; withdrawn and unknown statements refused', async () => {
    const seeded = await as.staff.post(`${live}/${s.id}/statements/seed`, {
      texts: ['增设夜间临时停车位', '开放机关单位停车场', '严格处罚占用消防通道'],
    });
    expect(seeded.statusCode, seeded.body).toBe(201);
    const [a, b, c] = seeded.json().items.map((x: { id: string }) => x.id);
    const dupSeed = await as.staff.post(`${live}/${s.id}/statements/seed`, { texts: ['新的说法', '新的 说法！'] });
    expect(dupSeed.statusCode).toBe(400);
    expect(fieldsOf(dupSeed)).toEqual(['body.texts.1']);
    expect(dupSeed.json().error.details[0]).toMatchObject({ code: 'seedDuplicate', params: { index: 1 } });
    const g1 = await guest(s.id, 2);
    const g2 = await guest(s.id, 3);
    expect((await g1.post(`${live}/${s.id}/votes`, { statementId: a, vote: 'agree' })).json().counts).toEqual({
      agree: 1,
      disagree: 0,
      pass: 0,
    });
    expect((await g2.post(`${live}/${s.id}/votes`, { statementId: a, vote: 'agree' })).json().counts).toEqual({
      agree: 2,
      disagree: 0,
      pass: 0,
    });
    const changed = await g1.post(`${live}/${s.id}/votes`, { statementId: a, vote: 'disagree' });
    expect(changed.json().counts).toEqual({ agree: 1, disagree: 1, pass: 0 });
    // A logged-in resident takes part as themselves (the link policy admits accounts too).
    expect((await as.resident.post(`${live}/${s.id}/votes`, { statementId: a, vote: 'pass' })).json().counts).toEqual({
      agree: 1,
      disagree: 1,
      pass: 1,
    });
    expect((await as.staff.post(`${live}/${s.id}/statements/${c}/moderate`, { decision: 'withdraw' })).statusCode).toBe(200);
    const onWithdrawn = await g1.post(`${live}/${s.id}/votes`, { statementId: c, vote: 'agree' });
    expect(onWithdrawn.statusCode).toBe(409);
    expect(fieldsOf(onWithdrawn)).toEqual(['body.statementId']);
    expect(onWithdrawn.json().error.details[0]).toMatchObject({ code: 'statementGone', params: { state: 'withdrawn' } });
    const unknown = await g1.post(`${live}/${s.id}/votes`, { statementId: '01900000-0000-7000-8000-000000000000', vote: 'agree' });
    expect(unknown.statusCode).toBe(400);
    expect(fieldsOf(unknown)).toEqual(['body.statementId']);
    expect(codeOf(unknown)).toBe('noSuchStatement');
    const badVote = await g1.post(`${live}/${s.id}/votes`, { statementId: b, vote: 'maybe' });
    expect(fieldsOf(badVote)).toEqual(['body.vote']);
    const votes = await t.db.db.selectFrom('live_vote').selectAll().where('statement_id', '=', a).execute();
    expect(votes).toHaveLength(3);
    // A guest cannot moderate, but may withdraw their own statement.
    expect((await g1.post(`${live}/${s.id}/statements/${b}/moderate`, { decision: 'withdraw' })).statusCode).toBe(403);
  });

  it('the next statement is one not yet voted on, until none remain', async () => {
    const g = await guest(s.id, 4);
    const seen = new Set<string>();
    for (;;) {
      const next = (await g.get(`${live}/${s.id}/next`)).json();
      if (!next.statement) {
        expect(next.remaining).toBe(0);
        break;
      }
      expect(seen.has(next.statement.id)).toBe(false);
      seen.add(next.statement.id);
      expect((await g.post(`${live}/${s.id}/votes`, { statementId: next.statement.id, vote: 'agree' })).statusCode).toBe(200);
    }
    const published = (await g.get(`${live}/${s.id}/statements`)).json().items.filter((x: { state: string }) => x.state === 'published');
    expect(seen.size).toBe(published.length);
  });

  it('a client flooding votes or statements gets 429; others are not affected', async () => {
    const flood = await guest(s.id, 5);
    const calm = await guest(s.id, 6);
    const target = (await flood.get(`${live}/${s.id}/statements`)).json().items.find((x: { state: string }) => x.state === 'published').id;
    const codes: number[] = [];
    for (let i = 0; i < 45; i++)
      codes.push((await flood.post(`${live}/${s.id}/votes`, { statementId: target, vote: i % 2 ? 'agree' : 'disagree' })).statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(40);
    expect(codes.slice(40)).toEqual([429, 429, 429, 429, 429]);
    expect((await calm.post(`${live}/${s.id}/votes`, { statementId: target, vote: 'agree' })).statusCode).toBe(200);
    const st: number[] = [];
    for (let i = 0; i < 5; i++) st.push((await flood.post(`${live}/${s.id}/statements`, { text: `刷屏的第${i}条意见` })).statusCode);
    expect(st).toEqual([201, 201, 201, 201, 429]);
    expect((await calm.post(`${live}/${s.id}/statements`, { text: '安静的一条意见' })).statusCode).toBe(201);
  });

  it('staff enter show-of-hands counts on a statement', async () => {
    const st = (await as.staff.get(`${live}/${s.id}/statements`)).json().items.find((x: { state: string }) => x.state === 'published');
    const res = await as.staff.post(`${live}/${s.id}/statements/${st.id}/hands`, { agree: 12, disagree: 3, pass: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().hands).toEqual({ agree: 12, disagree: 3, pass: 1 });
    expect(fieldsOf(await as.staff.post(`${live}/${s.id}/statements/${st.id}/hands`, { agree: -1, disagree: 0, pass: 0 }))).toEqual([
      'body.agree',
    ]);
  });
});

describe('moderation before publication', () => {
  it('a pending statement is seen by its author and staff only, until published', async () => {
    const s = await openSession({
      kind: 'online',
      joinPolicy: 'registered',
      moderation: 'pre',
      closesAt: new Date(now().getTime() + 86_400_000).toISOString(),
    });
    const w = await as.member.post(`${live}/${s.id}/statements`, { text: '建议错峰共享停车' });
    expect(w.json().state).toBe('pending');
    const visible = async (c: Client) => (await c.get(`${live}/${s.id}/statements`)).json().items.map((x: { id: string }) => x.id);
    expect(await visible(as.member)).toEqual([w.json().id]);
    expect(await visible(as.resident)).toEqual([]);
    expect(await visible(as.staff)).toEqual([w.json().id]);
    expect((await as.resident.post(`${live}/${s.id}/votes`, { statementId: w.json().id, vote: 'agree' })).statusCode).toBe(409);
    expect((await as.staff.post(`${live}/${s.id}/statements/${w.json().id}/moderate`, { decision: 'publish' })).statusCode).toBe(200);
    expect(await visible(as.resident)).toEqual([w.json().id]);
    expect((await t.anonymous.get(`${live}/${s.id}/statements`)).statusCode).toBe(401);
    await close(s.id);
  });
});

describe('opinion map, WebSocket and promotion', () => {
  it('recomputes off the request path, debounced; clients receive events in order and resume where they left off; a consensus statement becomes a recommendation', async () => {
    const s = await openSession({ kind: 'hybrid', joinPolicy: 'link' });
    const seeds = [
      '共建立体停车库',
      '夜间开放学校操场停车',
      '小区内禁止外来车辆',
      '增加充电桩',
      '公开车位分配规则',
      '物业收费提高',
      '设立居民议事小组',
      '加强巡逻',
    ];
    const items = (await as.staff.post(`${live}/${s.id}/statements/seed`, { texts: seeds })).json().items as { id: string }[];

    const frames: { seq?: number; type?: string; kind?: string; data?: { version?: number } }[] = [];
    let binaryFrames = 0;
    const direct = sendPaths.direct;
    const ws: WebSocket = await t.app.injectWS(
      `${live}/${s.id}/ws?after=0`,
      {},
      {
        onInit: (w) =>
          w.on('message', (m: Buffer, isBinary: boolean) => {
            // Text frames: a browser hands binary ones over as a Blob, which the page cannot parse as it is.
            binaryFrames += isBinary ? 1 : 0;
            frames.push(...framesOf(m));
          }),
      },
    );
    await waitFor(async () => frames.some((f) => f.kind === 'ready'));
    const replayed = frames.filter((f) => f.seq).map((f) => f.seq);
    expect(replayed).toEqual(Array.from({ length: replayed.length }, (_, i) => i + 1));
    expect(frames.filter((f) => f.type === 'statement.created')).toHaveLength(seeds.length);

    // Two camps of ten that agree on the last two statements (the consensus), split on the rest.
    const guests = [];
    for (let i = 0; i < 20; i++) guests.push(await guest(s.id, 20 + i));
    let votes = 0;
    for (const [i, g] of guests.entries()) {
      for (const [j, st] of items.entries()) {
        const camp = i < 10;
        const vote = j >= 6 || camp === (j % 2 === 0) ? 'agree' : 'disagree';
        expect((await g.post(`${live}/${s.id}/votes`, { statementId: st.id, vote })).statusCode).toBe(200);
        votes++;
      }
    }
    const map = await waitFor(async () => {
      const r = await t.anonymous.get(`${live}/${s.id}/map`);
      return r.statusCode === 200 && r.json().votes === votes ? (r.json() as OpinionMap) : null;
    });
    expect(map.participants).toBe(20);
    // Spots, not people: the two camps voted alike within themselves, so a few spots hold all twenty; no ids go out.
    expect(map.spots.reduce((n, p) => n + p.n, 0)).toBe(20);
    expect(map.spots.length).toBeLessThan(20);
    expect(JSON.stringify(map)).not.toContain(guests[0]!.participantId);
    expect(map.me).toBeNull();
    expect(map.groups.length).toBeGreaterThanOrEqual(2);
    // A participant is told their own place: in their camp's group, the other camp elsewhere.
    const mine = (await guests[0]!.get(`${live}/${s.id}/map`)).json().me;
    const theirs = (await guests[15]!.get(`${live}/${s.id}/map`)).json().me;
    expect(mine.group).not.toBeNull();
    expect(theirs.group).not.toBe(mine.group);
    expect((await guests[5]!.get(`${live}/${s.id}/map`)).json().me.group).toBe(mine.group);
    const consensusIds = map.consensus
      .filter((c: { direction: string }) => c.direction === 'agree')
      .map((c: { statementId: string }) => c.statementId);
    expect(consensusIds).toEqual(expect.arrayContaining([items[6]!.id, items[7]!.id]));
    const row = await t.db.db
      .selectFrom('live_map')
      .select(['computations', 'version'])
      .where('session_id', '=', s.id)
      .executeTakeFirstOrThrow();
    // Debounced: far fewer computations than votes, and the last one saw every vote.
    expect(row.computations).toBeLessThan(votes / 4);
    expect(row.version).toBe(
      (await t.db.db.selectFrom('live_session').select('votes_version').where('id', '=', s.id).executeTakeFirstOrThrow()).votes_version,
    );

    // The client received every vote's counts, once each, in sequence, and the map.
    await waitFor(async () => frames.some((f) => f.type === 'map.updated' && f.data?.version === row.version));
    const seqs = frames.filter((f) => f.seq).map((f) => f.seq!);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(frames.filter((f) => f.type === 'vote.counts')).toHaveLength(votes);
    // An anonymous viewer (the projector) is never told anyone's place.
    expect(frames.filter((f) => f.kind === 'me')).toHaveLength(0);
    expect(binaryFrames).toBe(0);
    // Batches went straight onto the socket as prebuilt frames (and arrived whole, as text, above).
    expect(sendPaths.direct).toBeGreaterThan(direct);
    ws.terminate();

    // Reconnecting with a resume point: only what came after it.
    const resumeAt = seqs.at(-1)!;
    await guests[0]!.post(`${live}/${s.id}/votes`, { statementId: items[0]!.id, vote: 'pass' });
    const later: (Frame & { place?: { group: number | null } | null })[] = [];
    const ws2: WebSocket = await t.app.injectWS(
      `${live}/${s.id}/ws?after=${resumeAt}&token=${guests[0]!.token}`,
      {},
      { onInit: (w) => w.on('message', (m: Buffer) => later.push(...framesOf(m))) },
    );
    await waitFor(async () => later.some((f) => f.kind === 'ready'));
    expect(later[0]).toMatchObject({ seq: resumeAt + 1, type: 'vote.counts' });
    // The participant's own connection: after the map that counts the new vote, their place.
    const me = await waitFor(async () => later.find((f) => f.kind === 'me') ?? null);
    expect(me.place).not.toBeNull();
    ws2.terminate();

    // A participant without a place (never voted) is told so once, not again after every map.
    const idle = await guest(s.id, 90);
    const idleFrames: (Frame & { place?: unknown })[] = [];
    const ws3: WebSocket = await t.app.injectWS(
      `${live}/${s.id}/ws?token=${idle.token}`,
      {},
      { onInit: (w) => w.on('message', (m: Buffer) => idleFrames.push(...framesOf(m))) },
    );
    await waitFor(async () => idleFrames.some((f) => f.kind === 'ready'));
    for (const vote of ['agree', 'disagree'] as const) {
      const maps = idleFrames.filter((f) => f.type === 'map.updated').length;
      await guests[1]!.post(`${live}/${s.id}/votes`, { statementId: items[0]!.id, vote });
      await waitFor(async () => idleFrames.filter((f) => f.type === 'map.updated').length > maps);
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(idleFrames.filter((f) => f.kind === 'me')).toEqual([expect.objectContaining({ place: null })]);
    ws3.terminate();

    // Promotion: a consensus statement with its support by group; not twice; not a divisive one.
    const promoted = await as.convener.post(`${live}/${s.id}/statements/${items[7]!.id}/promote`, {});
    expect(promoted.statusCode, promoted.body).toBe(201);
    expect(promoted.json().support.byGroup.length).toBeGreaterThanOrEqual(2);
    const recs = (await as.convener.get(`/api/v1/deliberations/${deliberation}/recommendations`)).json().items;
    expect(recs.find((r: { id: string }) => r.id === promoted.json().recommendationId)).toMatchObject({ text: seeds[7], agree: 20 });
    expect((await as.convener.post(`${live}/${s.id}/statements/${items[7]!.id}/promote`, {})).statusCode).toBe(409);
    const divisive = await as.convener.post(`${live}/${s.id}/statements/${items[0]!.id}/promote`, {});
    expect(divisive.statusCode).toBe(409);
    expect(divisive.json().error.code).toBe('precondition_failed');
    expect(divisive.json().error.details[0]).toMatchObject({ field: 'params.statementId', code: 'notConsensus' });
    await close(s.id);
  });

  it('a session for invited participants refuses other sockets', async () => {
    const s = await openSession({ kind: 'hybrid', joinPolicy: 'invited' });
    const frames: { kind?: string; code?: string }[] = [];
    const ws: WebSocket = await t.app.injectWS(
      `${live}/${s.id}/ws`,
      {},
      { onInit: (w) => w.on('message', (m: Buffer) => frames.push(...framesOf(m))) },
    );
    await waitFor(async () => frames.length > 0);
    expect(frames[0]).toMatchObject({ kind: 'error', code: 'unauthenticated' });
    ws.terminate();
    const member = await as.member.post(`${live}/${s.id}/join`, {});
    expect(member.statusCode).toBe(403);
    expect((await as.resident.post(`${live}/${s.id}/join`, {})).statusCode).toBe(200);
    await close(s.id);
  });
});

describe('speaker queue, polls and venues', () => {
  let s: { id: string; venues: { id: string; name: string; signInCode: string; main: boolean }[] };
  beforeAll(async () => {
    s = await openSession({
      kind: 'remote',
      joinPolicy: 'invited',
      venues: [{ name: '任港分会场', videoUrl: 'https://meeting.example.cn/j/123' }],
    });
  });
  afterAll(async () => close(s.id));

  it('a participant signs in at a venue; presence per venue; votes carry the venue', async () => {
    const sub = s.venues.find((v) => !v.main)!;
    expect(sub.signInCode).toBeTruthy();
    const wrong = await as.resident.post(`${live}/${s.id}/venues/${sub.id}/sign-in`, { code: 'wrong-code-1' });
    expect(wrong.statusCode).toBe(400);
    expect(fieldsOf(wrong)).toEqual(['body.code']);
    expect(codeOf(wrong)).toBe('venueCode');
    const ok = await as.resident.post(`${live}/${s.id}/venues/${sub.id}/sign-in`, { code: sub.signInCode });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ present: 1, signInCode: null, videoUrl: 'https://meeting.example.cn/j/123' });
    const st = (await as.staff.post(`${live}/${s.id}/statements/seed`, { texts: ['分会场的意见'] })).json().items[0];
    expect((await as.resident.post(`${live}/${s.id}/votes`, { statementId: st.id, vote: 'agree' })).statusCode).toBe(200);
    const v = await t.db.db.selectFrom('live_vote').select('venue_id').where('statement_id', '=', st.id).executeTakeFirstOrThrow();
    expect(v.venue_id).toBe(sub.id);
    const added = await as.convener.post(`${live}/${s.id}/venues`, { name: '观音山分会场' });
    expect(added.statusCode).toBe(201);
    expect((await as.resident.get(`${live}/${s.id}`)).json().venues.map((x: { present: number }) => x.present)).toEqual([0, 1, 0]);
  });

  it('raise a hand, get the floor with a time, and the speech is logged to the meeting record with its venue', async () => {
    const raised = await as.resident.post(`${live}/${s.id}/hands`, {});
    expect(raised.statusCode, raised.body).toBe(201);
    expect(raised.json()).toMatchObject({
      state: 'waiting',
      participantId: residentParticipant,
      venueName: '任港分会场',
      category: 'resident',
    });
    const twice = await as.resident.post(`${live}/${s.id}/hands`, {});
    expect([twice.statusCode, codeOf(twice)]).toEqual([409, 'handRaised']);
    const forRoom = await as.staff.post(`${live}/${s.id}/hands`, { name: '现场一位老人' });
    expect(forRoom.statusCode).toBe(201);
    expect((await as.resident.post(`${live}/${s.id}/hands`, { name: '冒名' })).statusCode).toBe(403);
    const floor = await as.convener.post(`${live}/${s.id}/hands/${raised.json().id}/floor`, { seconds: 120 });
    expect(floor.json()).toMatchObject({ state: 'speaking', seconds: 120 });
    const busy = await as.convener.post(`${live}/${s.id}/hands/${forRoom.json().id}/floor`, {});
    expect(busy.json().error.details[0]).toMatchObject({ code: 'someoneSpeaking', params: { name: '居民甲' } });
    expect(fieldsOf(await as.convener.post(`${live}/${s.id}/hands/${raised.json().id}/floor`, { seconds: 5 }))).toEqual(['body.seconds']);
    const done = await as.convener.post(`${live}/${s.id}/hands/${raised.json().id}/finish`, { summary: '建议分时段共享停车位。' });
    expect(done.statusCode, done.body).toBe(200);
    const speeches = (await as.convener.get(`/api/v1/deliberations/${deliberation}/speeches`)).json().items;
    expect(speeches.find((x: { id: string }) => x.id === done.json().speechId)).toMatchObject({
      summary: '建议分时段共享停车位。',
      category: 'resident',
    });
    const speech = await t.db.db.selectFrom('speech').select('venue').where('id', '=', done.json().speechId).executeTakeFirstOrThrow();
    expect(speech.venue).toBe('任港分会场');
    expect((await as.staff.post(`${live}/${s.id}/hands/${forRoom.json().id}/withdraw`, {})).json().state).toBe('withdrawn');
  });

  it('polls of every kind; hidden results appear when the poll closes; wrong answers name the field', async () => {
    const bad = await as.convener.post(`${live}/${s.id}/polls`, { question: '选哪个？', kind: 'single', options: ['只有一个'] });
    expect(fieldsOf(bad)).toEqual(['body.options']);
    const consent = (
      await as.convener.post(`${live}/${s.id}/polls`, { question: '同意方案吗？', kind: 'consent', results: 'hidden' })
    ).json();
    const wrong = await as.resident.post(`${live}/${s.id}/polls/${consent.id}/responses`, { score: 3 });
    expect(fieldsOf(wrong)).toEqual(['body.score']);
    expect(wrong.json().error.details[0]).toMatchObject({ code: 'answerNotUsed', params: { kind: 'consent' } });
    const r = await as.resident.post(`${live}/${s.id}/polls/${consent.id}/responses`, { consent: 'block' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ tally: null, responses: 1 });
    expect((await as.convener.get(`${live}/${s.id}/polls`)).json().items[0].tally).toEqual({ agree: 0, abstain: 0, disagree: 0, block: 1 });
    const closed = await as.convener.post(`${live}/${s.id}/polls/${consent.id}/close`, {});
    expect(closed.json()).toMatchObject({ state: 'closed', tally: { block: 1 } });
    expect((await as.resident.post(`${live}/${s.id}/polls/${consent.id}/responses`, { consent: 'agree' })).statusCode).toBe(409);
    const multi = (
      await as.convener.post(`${live}/${s.id}/polls`, { question: '哪些措施？', kind: 'multiple', options: ['车库', '操场', '充电桩'] })
    ).json();
    const m = await as.resident.post(`${live}/${s.id}/polls/${multi.id}/responses`, { choices: [0, 2] });
    expect(m.json().tally).toEqual({ 0: 1, 1: 0, 2: 1 });
    const score = (await as.convener.post(`${live}/${s.id}/polls`, { question: '满意度', kind: 'score' })).json();
    expect((await as.resident.post(`${live}/${s.id}/polls/${score.id}/responses`, { score: 4 })).json().tally['4']).toBe(1);
    expect((await as.resident.post(`${live}/${s.id}/polls/${score.id}/responses`, { score: 5 })).json().tally).toMatchObject({
      4: 0,
      5: 1,
    });
  });
});

describe('votes written in groups', () => {
  it('votes cast at once: each answer carries the counts just after it, a later vote replaces an earlier one, the store agrees', async () => {
    const s = await openSession({ kind: 'online', joinPolicy: 'link', closesAt: new Date(now().getTime() + 3_600_000).toISOString() });
    const [a, b] = (await as.staff.post(`${live}/${s.id}/statements/seed`, { texts: ['增设夜间临时停车位', '错峰共享单位车位'] })).json()
      .items as { id: string }[];
    const guests: Awaited<ReturnType<typeof guest>>[] = [];
    for (let i = 0; i < 10; i++) guests.push(await guest(s.id, 400 + i));
    const version0 = Number(
      (await t.db.db.selectFrom('live_session').select('votes_version').where('id', '=', s.id).executeTakeFirstOrThrow()).votes_version,
    );
    type Answer = { seq: number; statementId: string; counts: { agree: number; disagree: number; pass: number } };
    const cast = async (list: [number, string, string][]) => {
      const res = await Promise.all(list.map(([g, st, vote]) => guests[g]!.post(`${live}/${s.id}/votes`, { statementId: st, vote })));
      for (const r of res) expect(r.statusCode, r.body).toBe(200);
      return res.map((r) => r.json() as Answer);
    };
    const answers = [
      ...(await cast(guests.map((_, g) => [g, a!.id, 'agree']))),
      ...(await cast(guests.map((_, g) => [g, a!.id, g < 5 ? 'disagree' : 'pass']))),
      // One person's two votes on one statement at once: whichever came last counts.
      ...(await cast([
        [0, b!.id, 'agree'],
        [0, b!.id, 'disagree'],
        [1, b!.id, 'pass'],
      ])),
    ];
    const onA = answers.filter((x) => x.statementId === a!.id).sort((x, y) => x.seq - y.seq);
    expect(new Set(answers.map((x) => x.seq)).size).toBe(answers.length);
    // Every vote moves the counts by one voter: up by one while people vote first, level as they change their minds.
    const total = (c: Answer['counts']) => c.agree + c.disagree + c.pass;
    onA.forEach((x, i) => expect(total(x.counts)).toBe(Math.min(i + 1, 10)));
    expect(onA.at(-1)!.counts).toEqual({ agree: 0, disagree: 5, pass: 5 });
    const stored = await t.db.db.selectFrom('live_vote').selectAll().where('session_id', '=', s.id).execute();
    expect(
      stored
        .filter((v) => v.statement_id === a!.id)
        .map((v) => v.vote)
        .sort(),
    ).toEqual([-1, -1, -1, -1, -1, 0, 0, 0, 0, 0]);
    const [agreed, disagreed] = [answers[20]!, answers[21]!];
    const last = agreed.seq > disagreed.seq ? 1 : -1;
    const guest0OnB = stored.find((v) => v.statement_id === b!.id && v.participant_id === guests[0]!.participantId)!;
    expect(guest0OnB.vote).toBe(last);
    const onB = answers.filter((x) => x.statementId === b!.id).sort((x, y) => x.seq - y.seq);
    expect(onB.at(-1)!.counts).toEqual({ agree: last === 1 ? 1 : 0, disagree: last === -1 ? 1 : 0, pass: 1 });
    // One version per vote, the stored row carrying its last vote's; one audit entry per vote.
    const version = Number(
      (await t.db.db.selectFrom('live_session').select('votes_version').where('id', '=', s.id).executeTakeFirstOrThrow()).votes_version,
    );
    expect(version - version0).toBe(answers.length);
    expect(new Set(stored.map((v) => v.version)).size).toBe(stored.length);
    const audits = await t.db.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity', '=', 'live_vote')
      .where('entity_id', 'in', [a!.id, b!.id])
      .execute();
    expect(audits).toHaveLength(answers.length);
    // The counts in the events equal the answers.
    const events = (await as.convener.get(`${live}/${s.id}/events?after=0`)).json().items as { seq: number; data: unknown }[];
    for (const x of answers) expect(events.find((e) => e.seq === x.seq)?.data).toEqual({ statementId: x.statementId, counts: x.counts });
    // Closed: refused even though the request path's view of the session may be a second old.
    await close(s.id);
    const late = await guests[3]!.post(`${live}/${s.id}/votes`, { statementId: a!.id, vote: 'agree' });
    expect(late.statusCode).toBe(409);
    expect((await t.db.db.selectFrom('live_vote').select('vote').where('session_id', '=', s.id).execute()).length).toBe(stored.length);
  });
});

/** A WebSocket on a session's events as a client (cookie) or a guest (token); frames collected. */
async function subscribe(sessionId: string, who: { cookie?: string; token?: string } = {}) {
  const frames: { seq?: number; type?: string; kind?: string; data?: Record<string, unknown> }[] = [];
  const q = who.token ? `&token=${who.token}` : '';
  const ws: WebSocket = await t.app.injectWS(`${live}/${sessionId}/ws?after=0${q}`, who.cookie ? { headers: { cookie: who.cookie } } : {}, {
    onInit: (w) => w.on('message', (m: Buffer) => frames.push(...framesOf(m))),
  });
  await waitFor(async () => frames.some((f) => f.kind === 'ready'));
  return { frames, ws, types: () => frames.filter((f) => f.type).map((f) => f.type) };
}
const put = (c: Client, url: string, body: unknown) => c.post(url, body);

describe("the convener's current statement", () => {
  it('the room follows the statement the convener puts before it; phones are offered it first; withdrawing it clears it', async () => {
    const s = await openSession({ kind: 'hybrid', joinPolicy: 'link' });
    const items = (await as.staff.post(`${live}/${s.id}/statements/seed`, { texts: ['甲方案', '乙方案', '丙方案'] })).json().items as {
      id: string;
    }[];
    expect(s.currentStatementId).toBeNull();
    const g = await guest(s.id, 200);
    const sub = await subscribe(s.id, { token: g.token });
    const set = await put(as.convener, `${live}/${s.id}/current`, { statementId: items[2]!.id });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().currentStatementId).toBe(items[2]!.id);
    expect((await g.get(`${live}/${s.id}`)).json().currentStatementId).toBe(items[2]!.id);
    const event = await waitFor(async () => sub.frames.find((f) => f.type === 'statement.current'));
    expect(event.data).toMatchObject({ statementId: items[2]!.id, statement: { id: items[2]!.id, text: '丙方案' } });
    // Whatever the priority says, the phone is offered the room's statement first, once.
    for (let i = 0; i < 5; i++)
      expect((await g.get(`${live}/${s.id}/next`)).json()).toMatchObject({ statement: { id: items[2]!.id }, current: true });
    expect((await g.post(`${live}/${s.id}/votes`, { statementId: items[2]!.id, vote: 'agree' })).statusCode).toBe(200);
    const after = (await g.get(`${live}/${s.id}/next`)).json();
    expect(after.current).toBe(false);
    expect(after.statement.id).not.toBe(items[2]!.id);

    // Refusals: not a runner, unknown, not published; nothing stored.
    expect((await put(as.resident, `${live}/${s.id}/current`, { statementId: items[0]!.id })).statusCode).toBe(403);
    const unknown = await put(as.convener, `${live}/${s.id}/current`, { statementId: '01900000-0000-7000-8000-000000000000' });
    expect([unknown.statusCode, fieldsOf(unknown), codeOf(unknown)]).toEqual([400, ['body.statementId'], 'noSuchStatement']);
    expect(fieldsOf(await put(as.convener, `${live}/${s.id}/current`, { statementId: 'x' }))).toEqual(['body.statementId']);
    expect((await as.staff.post(`${live}/${s.id}/statements/${items[1]!.id}/moderate`, { decision: 'reject' })).statusCode).toBe(200);
    const rejected = await put(as.convener, `${live}/${s.id}/current`, { statementId: items[1]!.id });
    expect([rejected.statusCode, codeOf(rejected)]).toEqual([409, 'statementNotPublished']);
    expect((await g.get(`${live}/${s.id}`)).json().currentStatementId).toBe(items[2]!.id);

    // Withdrawing the current statement takes it off the screen.
    expect((await as.staff.post(`${live}/${s.id}/statements/${items[2]!.id}/moderate`, { decision: 'withdraw' })).statusCode).toBe(200);
    expect((await g.get(`${live}/${s.id}`)).json().currentStatementId).toBeNull();
    await waitFor(async () => sub.frames.some((f) => f.type === 'statement.current' && f.data?.statementId === null));
    expect((await put(as.convener, `${live}/${s.id}/current`, { statementId: items[0]!.id })).json().currentStatementId).toBe(items[0]!.id);
    expect((await put(as.convener, `${live}/${s.id}/current`, { statementId: null })).json().currentStatementId).toBeNull();
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', s.id)
      .where('action', '=', 'currentStatement')
      .execute();
    expect(audit).toHaveLength(3);
    sub.ws.terminate();
    await close(s.id);
    expect((await put(as.convener, `${live}/${s.id}/current`, { statementId: null })).statusCode).toBe(409);
  });
});

describe('pending statements reach the moderators live', () => {
  it('a statement waiting for moderation is sent to the convener and staff, not to participants; published, it reaches everyone', async () => {
    const s = await openSession({ kind: 'hybrid', joinPolicy: 'link', moderation: 'pre' });
    const g = await guest(s.id, 201);
    const staff = await subscribe(s.id, { cookie: as.staff.cookie });
    const other = await guest(s.id, 202);
    const participant = await subscribe(s.id, { token: other.token });
    const w = await g.post(`${live}/${s.id}/statements`, { text: '请先审核这条观点' });
    expect(w.json().state).toBe('pending');
    const pending = await waitFor(async () => staff.frames.find((f) => f.type === 'statement.pending'));
    expect(pending.data).toMatchObject({ id: w.json().id, state: 'pending', text: '请先审核这条观点' });
    // Rejected while pending: still between the author and the moderators.
    const w2 = await g.post(`${live}/${s.id}/statements`, { text: '这条会被驳回' });
    expect((await as.staff.post(`${live}/${s.id}/statements/${w2.json().id}/moderate`, { decision: 'reject' })).statusCode).toBe(200);
    expect((await as.staff.post(`${live}/${s.id}/statements/${w.json().id}/moderate`, { decision: 'publish' })).statusCode).toBe(200);
    await waitFor(async () => participant.frames.some((f) => f.type === 'statement.created' && f.data?.id === w.json().id));
    await waitFor(async () => staff.frames.some((f) => f.type === 'statement.created' && f.data?.id === w.json().id));
    expect(staff.types().filter((x) => x === 'statement.pending')).toHaveLength(3);
    expect(participant.types()).not.toContain('statement.pending');
    expect(JSON.stringify(participant.frames)).not.toContain('这条会被驳回');
    // The events a client polls for are filtered the same way.
    const polled = (await other.get(`${live}/${s.id}/events?after=0`)).json();
    expect(polled.items.map((e: { type: string }) => e.type)).not.toContain('statement.pending');
    const forStaff = (await as.staff.get(`${live}/${s.id}/events?after=0`)).json();
    expect(forStaff.items.map((e: { type: string }) => e.type)).toContain('statement.pending');
    staff.ws.terminate();
    participant.ws.terminate();
    await close(s.id);
  });
});

describe('whose hand, whose answer', () => {
  it("a raised hand and a poll answer are the caller's own, after a reload too; others' names are masked for participants", async () => {
    const s = await openSession({ kind: 'hybrid', joinPolicy: 'link' });
    const g1 = await guest(s.id, 203);
    const g2 = await guest(s.id, 204);
    const mineHand = await g1.post(`${live}/${s.id}/hands`, {});
    expect(mineHand.json()).toMatchObject({ mine: true, state: 'waiting' });
    const resident = await as.resident.post(`${live}/${s.id}/hands`, {});
    expect(resident.json()).toMatchObject({ mine: true, name: '居民甲', participantId: residentParticipant });
    expect((await as.staff.post(`${live}/${s.id}/hands`, { participantId: residentParticipant })).statusCode).toBe(201);
    const queueOf = async (
      get: (u: string) => Promise<{ json(): { items: { id: string; name: string; mine: boolean; participantId: string | null }[] } }>,
    ) => (await get(`${live}/${s.id}/hands`)).json().items;
    // Reloading: the guest's own hand is theirs; the resident's name is masked for the guest, whole for staff.
    const forGuest = await queueOf(g1.get);
    expect(forGuest.map((h) => [h.name.startsWith('访客') ? 'guest' : h.name, h.mine, h.participantId])).toEqual([
      ['guest', true, null],
      ['居*甲', false, null],
      ['居*甲', false, null],
    ]);
    expect((await queueOf(g2.get)).map((h) => h.mine)).toEqual([false, false, false]);
    expect((await queueOf(as.resident.get)).map((h) => [h.name, h.mine])).toEqual([
      [forGuest[0]!.name, false],
      ['居民甲', true],
      ['居*甲', false],
    ]);
    expect((await queueOf(as.staff.get)).map((h) => h.name)).toEqual([forGuest[0]!.name, '居民甲', '居民甲']);
    expect((await queueOf((u) => as.staff.get(`${u}?view=public`))).map((h) => h.name)).toEqual([forGuest[0]!.name, '居*甲', '居*甲']);
    // What every client receives masks names and marks no hand as anyone's.
    const events = (await g2.get(`${live}/${s.id}/events?after=0`))
      .json()
      .items.filter((e: { type: string }) => e.type === 'speaker.queue');
    const last = events.at(-1).data.hands as { name: string; mine: boolean; participantId: string | null }[];
    expect(last.map((h) => [h.name.startsWith('访客') ? 'guest' : h.name, h.mine, h.participantId])).toEqual([
      ['guest', false, null],
      ['居*甲', false, null],
      ['居*甲', false, null],
    ]);

    const poll = (
      await as.convener.post(`${live}/${s.id}/polls`, { question: '选哪个方案？', kind: 'single', options: ['甲', '乙'] })
    ).json();
    expect(poll.mine).toBeNull();
    const answered = await g1.post(`${live}/${s.id}/polls/${poll.id}/responses`, { choices: [1] });
    expect(answered.json().mine).toEqual({ choices: [1] });
    expect((await g1.get(`${live}/${s.id}/polls`)).json().items[0].mine).toEqual({ choices: [1] });
    expect((await g2.get(`${live}/${s.id}/polls`)).json().items[0].mine).toBeNull();
    expect((await as.staff.get(`${live}/${s.id}/polls`)).json().items[0].mine).toBeNull();
    await close(s.id);
  });
});

describe('online sessions close at their closing time', () => {
  it('a job closes an open session whose closesAt has passed, as the convener would: final map, event, audit with no actor', async () => {
    const s = await openSession({ kind: 'online', joinPolicy: 'link', closesAt: new Date(now().getTime() + 3_600_000).toISOString() });
    const [st] = (await as.staff.post(`${live}/${s.id}/statements/seed`, { texts: ['到点自动结束'] })).json().items as { id: string }[];
    const g = await guest(s.id, 205);
    expect((await g.post(`${live}/${s.id}/votes`, { statementId: st!.id, vote: 'agree' })).statusCode).toBe(200);
    // Not yet: the job leaves it open.
    await runJobOnce(t.app.deps, liveClosesJob);
    expect((await g.get(`${live}/${s.id}`)).json().state).toBe('open');
    moveClock(2 * 3_600_000);
    const sub = await subscribe(s.id, { token: g.token });
    expect(await runJobOnce(t.app.deps, liveClosesJob)).toBe('ran');
    const after = (await g.get(`${live}/${s.id}`)).json();
    expect(after.state).toBe('closed');
    await waitFor(async () => sub.frames.some((f) => f.type === 'session.updated' && f.data?.state === 'closed'));
    const entry = await t.db.db
      .selectFrom('audit_log')
      .select(['actor_id', 'ip'])
      .where('entity', '=', 'live_session')
      .where('entity_id', '=', s.id)
      .where('action', '=', 'close')
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ actor_id: null, ip: 'system: live closes' });
    const versions = await t.db.db
      .selectFrom('live_session')
      .innerJoin('live_map', 'live_map.session_id', 'live_session.id')
      .select(['live_session.votes_version as votes', 'live_map.version as map'])
      .where('live_session.id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(Number(versions.map)).toBe(Number(versions.votes));
    // Closed once: the next period finds nothing to do.
    moveClock(120_000);
    expect(await runJobOnce(t.app.deps, liveClosesJob)).toBe('ran');
    expect(sub.frames.filter((f) => f.type === 'session.updated' && f.data?.state === 'closed')).toHaveLength(1);
    sub.ws.terminate();
    expect(codeOf(await as.convener.post(`${live}/${s.id}/close`, {}))).toBe('sessionClosed');
  });
});

describe('the opinion map queue (Redis)', () => {
  // A scheduler made and closed at once, as the closing job did every minute: closing while the
  // queue was still starting cut its connection with commands pending, whose error, unheard, ended
  // the process (a benchmark server exited so).
  it('is made and closed, however quickly, without an error reaching the process', async () => {
    const warned: unknown[] = [];
    const log = { warn: (o: unknown) => warned.push(o), error: (o: unknown) => warned.push(o) } as unknown as FastifyBaseLogger;
    const deps = { ...t.app.deps, config: { ...t.app.deps.config, REDIS_URL: process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379' } };
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.prependListener('uncaughtException', onUncaught);
    try {
      for (let i = 0; i < 15; i++) await new MapScheduler(deps, log, { consume: i % 2 === 0 }).close();
      await Promise.all(Array.from({ length: 10 }, () => new MapScheduler(deps, log, { consume: false }).close()));
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(uncaught).toEqual([]);
  });

  it('is closed without an error reaching the process when Redis accepts but never answers', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    const log = { warn: () => {}, error: () => {} } as unknown as FastifyBaseLogger;
    const deps = { ...t.app.deps, config: { ...t.app.deps.config, REDIS_URL: `redis://127.0.0.1:${port}` } };
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.prependListener('uncaughtException', onUncaught);
    try {
      await new MapScheduler(deps, log, { consume: false }).close();
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      process.off('uncaughtException', onUncaught);
      silent.close();
    }
    expect(uncaught).toEqual([]);
  }, 15_000);
});

/*
 * The live lifecycles (live.lifecycle.ts), walked as the topic and deliberation lifecycles are:
 * every transition from each state it starts from, refused from every other state, refused for
 * someone it is not for, each precondition refused; every refusal with its live code.
 */
type Res = Awaited<ReturnType<Client['post']>>;
type Poster = { post(u: string, b?: unknown): Promise<Res>; get(u: string): Promise<Res> };
type Kind = keyof typeof liveLifecycles;
let nextGuest = 400;

/** A subject of a lifecycle, put in a state through the API, with the participant who owns it (if any). */
async function subjectIn(kind: Kind, sessionId: string, state: string): Promise<{ id: string; owner: Poster | null }> {
  const base = `${live}/${sessionId}`;
  const ok = (r: Res, status = 200) => {
    expect(r.statusCode, r.body).toBe(status);
    return r.json();
  };
  if (kind === 'session') {
    if (state === 'closed') await close(sessionId);
    return { id: sessionId, owner: null };
  }
  if (kind === 'poll') {
    const p = ok(await as.convener.post(`${base}/polls`, { question: `问题${nextGuest++}`, kind: 'single', options: ['甲', '乙'] }), 201);
    if (state === 'closed') ok(await as.convener.post(`${base}/polls/${p.id}/close`, {}));
    return { id: p.id, owner: null };
  }
  const g = await guest(sessionId, nextGuest++);
  if (kind === 'statement') {
    // The session moderates first: a participant's statement starts pending.
    const st = ok(await g.post(`${base}/statements`, { text: `观点${nextGuest}号` }), 201);
    expect(st.state).toBe('pending');
    const decision = { published: 'publish', rejected: 'reject' }[state as 'published' | 'rejected'];
    if (decision) ok(await as.convener.post(`${base}/statements/${st.id}/moderate`, { decision }));
    if (state === 'withdrawn') ok(await g.post(`${base}/statements/${st.id}/moderate`, { decision: 'withdraw' }));
    return { id: st.id, owner: g };
  }
  const h = ok(await g.post(`${base}/hands`, {}), 201);
  if (state === 'withdrawn') ok(await g.post(`${base}/hands/${h.id}/withdraw`, {}));
  if (state === 'speaking' || state === 'done') {
    // One speaker at a time: whoever has the floor finishes first.
    const speaking = (await as.convener.get(`${base}/hands`)).json().items.find((x: { state: string }) => x.state === 'speaking');
    if (speaking) ok(await as.convener.post(`${base}/hands/${speaking.id}/finish`, { summary: '发言结束' }));
    ok(await as.convener.post(`${base}/hands/${h.id}/floor`, { seconds: 60 }));
    if (state === 'done') ok(await as.convener.post(`${base}/hands/${h.id}/finish`, { summary: '发言结束' }));
  }
  return { id: h.id, owner: g };
}

/** Takes a lifecycle action through its route. */
function take(who: Poster, kind: Kind, sessionId: string, id: string, action: string): Promise<Res> {
  const base = `${live}/${sessionId}`;
  if (kind === 'session') return who.post(`${base}/close`, {});
  if (kind === 'poll') return who.post(`${base}/polls/${id}/close`, {});
  if (kind === 'statement') return who.post(`${base}/statements/${id}/moderate`, { decision: action });
  const path = { giveFloor: 'floor', finish: 'finish', withdraw: 'withdraw' }[action]!;
  return who.post(
    `${base}/hands/${id}/${path}`,
    action === 'finish' ? { summary: '发言摘要' } : action === 'giveFloor' ? { seconds: 60 } : {},
  );
}

/** The actions the session's reply offers the caller on a subject in a state. */
async function offered(who: Poster, kind: Kind, sessionId: string, state: string, own: boolean): Promise<string[]> {
  const s = (await who.get(`${live}/${sessionId}`)).json();
  if (kind === 'session') return s.state === state ? s.nextActions : [];
  return s.itemActions[kind][own ? 'own' : 'others'][state] ?? [];
}

/**
 * Who takes a transition: the room's runner, and the owner too for a withdrawal (`own`: as the
 * owner of the subject). Who is refused, with which code: a participant on what is not theirs
 * to moderate or withdraw; else the admin, who passes the routes' role check but runs no room.
 */
function actorsOf(kind: Kind, action: string, owner: Poster | null, stranger: Poster) {
  const ownerMay = action === 'withdraw' && (kind === 'hand' || kind === 'statement');
  const allowed: { own: boolean }[] = [{ own: false }, ...(ownerMay ? [{ own: true }] : [])];
  const refused: { who: Poster; own: boolean } =
    kind === 'statement' && !ownerMay && owner
      ? { who: owner, own: true }
      : ownerMay
        ? { who: stranger, own: false }
        : { who: as.admin, own: false };
  const l = liveLifecycles[kind] as { whoCodes?: Partial<Record<string, string>> };
  return { allowed, refused, refusedCode: l.whoCodes?.[action] ?? 'runnersOnly' };
}

describe('live lifecycles: every transition and every refusal', () => {
  for (const [kind, l] of Object.entries(liveLifecycles) as [Kind, (typeof liveLifecycles)[Kind]][]) {
    for (const tr of l.lifecycle.transitions) {
      it(`${kind} ${tr.action}: ${tr.from.join('|')} → ${tr.to}; refused from other states, for others, offered only to those who may`, async () => {
        const fresh = () => openSession({ kind: 'hybrid', joinPolicy: 'link', moderation: 'pre' });
        let s = await fresh();
        const stranger = await guest(s.id, nextGuest++);
        for (const from of tr.from) {
          const { allowed, refusedCode } = actorsOf(kind, tr.action, null, stranger);
          for (const a of allowed) {
            if (kind === 'session') s = await fresh();
            const subject = kind === 'session' ? { id: s.id, owner: null } : await subjectIn(kind, s.id, from);
            const who = a.own ? subject.owner! : as.convener;
            expect(await offered(who, kind, s.id, from, a.own), `${kind} ${tr.action} offered`).toContain(tr.action);
            const res = await take(who, kind, s.id, subject.id, tr.action);
            expect(res.statusCode, res.body).toBe(200);
            expect(res.json().state).toBe(tr.to);
          }
          if (kind === 'session') s = await fresh();
          const subject = kind === 'session' ? { id: s.id, owner: null } : await subjectIn(kind, s.id, from);
          const r = actorsOf(kind, tr.action, subject.owner, stranger).refused;
          expect(await offered(r.who, kind, s.id, from, r.own), `${kind} ${tr.action} not offered`).not.toContain(tr.action);
          const no = await take(r.who, kind, s.id, subject.id, tr.action);
          expect([no.statusCode, no.json().error.code, codeOf(no)], no.body).toEqual([403, 'forbidden', refusedCode]);
        }
        for (const other of l.lifecycle.states.filter((x) => !(tr.from as readonly string[]).includes(x))) {
          if (kind === 'session') s = await fresh();
          const subject = await subjectIn(kind, s.id, other);
          const res = await take(as.convener, kind, s.id, subject.id, tr.action);
          expect([res.statusCode, res.json().error.code, codeOf(res)], `${tr.action} from ${other}: ${res.body}`).toEqual([
            409,
            'invalid_transition',
            l.wrongStateCode,
          ]);
          expect(res.json().error.details[0].params).toEqual({ action: tr.action, state: other });
        }
        const now = (await as.convener.get(`${live}/${s.id}`)).json();
        if (now.state === 'open') await close(s.id);
      });
    }
  }

  it('giving the floor: refused while someone speaks, once the session is closed, and after its closing time; every refusal has a live code', async () => {
    const s = await openSession({ kind: 'hybrid', joinPolicy: 'link' });
    const first = await subjectIn('hand', s.id, 'speaking');
    const waiting = await subjectIn('hand', s.id, 'waiting');
    const busy = await take(as.convener, 'hand', s.id, waiting.id, 'giveFloor');
    expect([busy.statusCode, busy.json().error.code]).toEqual([409, 'precondition_failed']);
    expect(busy.json().error.details).toEqual([
      expect.objectContaining({ precondition: 'floorFree', code: 'someoneSpeaking', params: { name: expect.any(String) } }),
    ]);
    await close(s.id);
    const closed = await take(as.convener, 'hand', s.id, waiting.id, 'giveFloor');
    expect(closed.json().error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ precondition: 'sessionOpen', code: 'sessionClosed' })]),
    );
    // A speech under way when the session closes is still finished, and its hand is done.
    expect((await take(as.convener, 'hand', s.id, first.id, 'finish')).json().state).toBe('done');

    const online = await openSession({ kind: 'online', joinPolicy: 'link', closesAt: new Date(now().getTime() + 3_600_000).toISOString() });
    const late = await subjectIn('hand', online.id, 'waiting');
    moveClock(2 * 3_600_000);
    const after = await take(as.convener, 'hand', online.id, late.id, 'giveFloor');
    expect(after.json().error.details).toEqual([expect.objectContaining({ precondition: 'sessionOpen', code: 'sessionClosedAt' })]);
    await close(online.id);
    for (const r of [busy, closed, after]) for (const d of r.json().error.details) expect(liveRefusalCodes).toContain(d.code);
  });

  it('replies list the caller’s next actions on each hand, poll and statement; events carry none', async () => {
    const s = await openSession({ kind: 'hybrid', joinPolicy: 'link', moderation: 'pre' });
    const hand = await subjectIn('hand', s.id, 'waiting');
    const st = await subjectIn('statement', s.id, 'pending');
    const poll = await subjectIn('poll', s.id, 'open');
    const ws = await subscribe(s.id);
    const mine = (await hand.owner!.get(`${live}/${s.id}/hands`)).json().items.find((h: { id: string }) => h.id === hand.id);
    expect(mine.nextActions).toEqual(['withdraw']);
    const forConvener = (await as.convener.get(`${live}/${s.id}/hands`)).json().items.find((h: { id: string }) => h.id === hand.id);
    expect(forConvener.nextActions).toEqual(['giveFloor', 'withdraw']);
    expect(
      (await as.convener.get(`${live}/${s.id}/statements`)).json().items.find((x: { id: string }) => x.id === st.id).nextActions,
    ).toEqual(['publish', 'reject', 'withdraw']);
    expect(
      (await st.owner!.get(`${live}/${s.id}/statements`)).json().items.find((x: { id: string }) => x.id === st.id).nextActions,
    ).toEqual(['withdraw']);
    expect((await as.convener.get(`${live}/${s.id}/polls`)).json().items.find((x: { id: string }) => x.id === poll.id).nextActions).toEqual(
      ['close'],
    );
    expect((await hand.owner!.get(`${live}/${s.id}/polls`)).json().items[0].nextActions).toEqual([]);
    expect((await as.leader.get(`${live}/${s.id}`)).json()).toMatchObject({
      nextActions: [],
      // A leader watches: nothing on others' hands or on polls; a hand of their own they could lower.
      itemActions: { hand: { own: { waiting: ['withdraw'] }, others: {} }, poll: { own: {}, others: {} } },
    });
    await as.convener.post(`${live}/${s.id}/hands/${hand.id}/floor`, { seconds: 60 });
    await waitFor(async () => ws.frames.some((f) => f.type === 'speaker.queue'));
    for (const f of ws.frames.filter((x) => x.type === 'speaker.queue'))
      for (const h of (f.data as { hands: object[] }).hands) expect(h).not.toHaveProperty('nextActions');
    ws.ws.terminate();
    await close(s.id);
  });
});

/*
 * A socket's access holds for its lifetime (live.socket.ts, AccessWatch): each socket re-checks
 * about every LIVE_ACCESS_RECHECK_SECONDS on the platform's clock; the tests move the clock past
 * a period and sweep, instead of waiting.
 */
describe("a live socket's access holds for its lifetime", () => {
  /** A socket that records its frames and how it closed. */
  async function watched(sessionId: string, who: { cookie?: string; token?: string } = {}) {
    const sub = await subscribe(sessionId, who);
    const closed: { code?: number } = {};
    sub.ws.on('close', (code: number) => (closed.code = code));
    return { ...sub, closed, errors: () => sub.frames.filter((f) => f.kind === 'error') };
  }
  /** Moves the clock past one re-check period (60 s ± a fifth) and runs the checks due. */
  async function period() {
    moveClock(73_000);
    return t.app.liveAccess.sweep();
  }
  const ended = async (w: Awaited<ReturnType<typeof watched>>, code: string) => {
    await waitFor(async () => w.closed.code !== undefined);
    expect(w.errors()).toEqual([{ kind: 'error', code, message: expect.any(String) }]);
    expect(w.closed.code).toBe(1008);
  };

  it('a socket whose user logs out, whose login expires or whose account is disabled is closed with its code; others stay', async () => {
    const s = await openSession({ kind: 'hybrid', joinPolicy: 'registered' });
    const [leaving, expiring, disabled] = [await t.login('resident'), await t.login('leader'), await t.login('member')];
    const staying = await watched(s.id, { cookie: as.staff.cookie });
    const out = await watched(s.id, { cookie: leaving.cookie });
    const late = await watched(s.id, { cookie: expiring.cookie });
    const off = await watched(s.id, { cookie: disabled.cookie });
    // Nothing is due before a period has passed: the sweep reads nothing.
    expect(await t.app.liveAccess.sweep()).toBe(0);

    expect((await leaving.post('/api/v1/auth/logout', {})).statusCode).toBe(200);
    const leaderId = (await expiring.get('/api/v1/auth/me')).json().account.id as string;
    await t.db.db
      .updateTable('session')
      .set({ expires_at: new Date(now().getTime() + 30_000).toISOString() })
      .where('account_id', '=', leaderId)
      .execute();
    const memberId = (await disabled.get('/api/v1/auth/me')).json().account.id as string;
    await t.db.db.updateTable('account').set({ status: 'disabled' }).where('id', '=', memberId).execute();
    try {
      expect(await period()).toBeGreaterThanOrEqual(4);
      await ended(out, 'session_ended');
      await ended(late, 'session_ended');
      await ended(off, 'account_disabled');
    } finally {
      await t.db.db.updateTable('account').set({ status: 'active' }).where('id', '=', memberId).execute();
      await t.db.db
        .updateTable('session')
        .set({ expires_at: new Date(now().getTime() + 1000 * 3_600_000).toISOString() })
        .where('account_id', '=', leaderId)
        .execute();
      moveClock(10_000); // past the session cache's entries
    }
    // The others' sockets stay open and keep receiving events.
    expect(staying.errors()).toEqual([]);
    await as.staff.post(`${live}/${s.id}/statements/seed`, { texts: ['留下的人仍收到'] });
    await waitFor(async () => staying.types().includes('statement.created'));
    expect(staying.closed.code).toBeUndefined();
    expect(t.app.liveAccess.size).toBeGreaterThanOrEqual(1);
    staying.ws.terminate();
    await close(s.id);
  });

  it('an invited participant whose invitation is declined, and a removed pseudonymous participant, are closed out', async () => {
    const invited = await openSession({ kind: 'hybrid', joinPolicy: 'invited' });
    expect((await as.resident.post(`${live}/${invited.id}/join`, {})).statusCode).toBe(200);
    const resident = await watched(invited.id, { cookie: as.resident.cookie });
    const convener = await watched(invited.id, { cookie: as.convener.cookie });
    const statement = (await as.convener.post(`${live}/${invited.id}/statements/seed`, { texts: ['邀请制会话的观点'] })).json().items[0].id;
    const first = await as.resident.post(`${live}/${invited.id}/votes`, { statementId: statement, vote: 'agree' });
    expect(first.statusCode, first.body).toBe(200);
    const before = await t.db.db.selectFrom('participant').select('answer').where('id', '=', residentParticipant).executeTakeFirstOrThrow();
    await t.db.db.updateTable('participant').set({ answer: 'declined' }).where('id', '=', residentParticipant).execute();
    try {
      await period();
      await ended(resident, 'access_revoked');
      // Over HTTP too: the vote is refused at its commit, whatever the request's cached view of the voter.
      const refused = await as.resident.post(`${live}/${invited.id}/votes`, { statementId: statement, vote: 'disagree' });
      expect(refused.statusCode, refused.body).toBe(403);
      expect(codeOf(refused)).toBe('invitedOnly');
      // And the rest of the session's writes (a statement, a hand): refused, nothing stored.
      const statements = await t.db.db.selectFrom('live_statement').select('id').where('session_id', '=', invited.id).execute();
      const wrote = await as.resident.post(`${live}/${invited.id}/statements`, { text: '婉拒后还想发言' });
      expect(wrote.statusCode, wrote.body).toBe(403);
      expect(codeOf(wrote)).toBe('invitedOnly');
      expect(await t.db.db.selectFrom('live_statement').select('id').where('session_id', '=', invited.id).execute()).toEqual(statements);
      expect((await as.resident.post(`${live}/${invited.id}/hands`, {})).statusCode).toBe(403);
    } finally {
      await t.db.db.updateTable('participant').set({ answer: before.answer }).where('id', '=', residentParticipant).execute();
    }
    expect(convener.errors()).toEqual([]);
    convener.ws.terminate();
    await close(invited.id);

    const link = await openSession({ kind: 'hybrid', joinPolicy: 'link' });
    const [gone, kept] = [await guest(link.id, 900), await guest(link.id, 901)];
    const goneSocket = await watched(link.id, { token: gone.token });
    const keptSocket = await watched(link.id, { token: kept.token });
    const viewer = await watched(link.id);
    await t.db.db.deleteFrom('live_participant').where('id', '=', gone.participantId).execute();
    await period();
    await ended(goneSocket, 'access_revoked');
    expect([keptSocket.errors(), viewer.errors()]).toEqual([[], []]);
    keptSocket.ws.terminate();
    viewer.ws.terminate();
    await close(link.id);
  });
});
