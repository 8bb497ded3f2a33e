import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePoolCsv, parseQuotasCsv, selectPanel } from '@shangliang/selection';
import { sql } from 'kysely';
import { migrateToLatest } from '../../platform/db/migrate.ts';
import { createTestApp, loginAs, nodeId, type Client, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let convener: Client;
let room: string;
const volunteers: Client[] = [];

beforeAll(async () => {
  t = await createTestApp();
  convener = await t.login('convener');
  room = await nodeId(t.db, '和平桥街道“有事好商量”协商议事室');
  const staff = await t.login('staff');
  await staff.patch(`/api/v1/bodies/${await nodeId(t.db, '崇川区政协')}/deliberation-settings`, { topicApprovalRequired: false });
  // Fourteen people register and will volunteer: residents and stakeholders of two communities.
  for (let i = 0; i < 14; i++) {
    const phone = `1390000${String(1000 + i)}`;
    const r = await t.anonymous.post('/api/v1/auth/register', {
      phone,
      displayName: `志愿者${i + 1}号`,
      password: 'Volunteer-1',
      nodeId: room,
    });
    expect(r.statusCode, r.body).toBe(201);
    volunteers.push(await loginAs(t.app, phone, 'Volunteer-1'));
  }
});
afterAll(async () => t?.close());

/** A new deliberation of the room; its sign-up opened by the convener unless told otherwise. */
async function deliberation({ open = true } = {}) {
  const resident = await t.login('resident');
  const topic = (
    await resident.post('/api/v1/topics', {
      roomId: room,
      title: '停车位分配',
      description: '新增车位如何公平分配给居民。',
      category: 'publicInterest',
    })
  ).json();
  await convener.post(`/api/v1/topics/${topic.id}/actions/accept`, {});
  await convener.post(`/api/v1/topics/${topic.id}/actions/select`, {});
  const id = (await convener.post('/api/v1/deliberations', { topicId: topic.id })).json().id as string;
  if (open) expect((await convener.post(`/api/v1/deliberations/${id}/sign-up/open`, {})).statusCode).toBe(200);
  return id;
}

const volunteerCount = async (id: string) => (await convener.get(`/api/v1/deliberations/${id}/volunteers`)).json().total as number;

/** Every test volunteer signs up: every third a stakeholder, the features from `features(i)`. */
async function signUpAll(
  id: string,
  features = (i: number): Record<string, string> => ({ community: i % 2 ? '东区' : '西区', gender: i % 4 < 2 ? 'female' : 'male' }),
) {
  for (const [i, v] of volunteers.entries()) {
    const r = await v.post(`/api/v1/deliberations/${id}/volunteers`, {
      category: i % 3 === 0 ? 'stakeholder' : 'resident',
      features: features(i),
    });
    expect(r.statusCode, r.body).toBe(201);
  }
}

describe('the fair lottery in the participants step', () => {
  it('volunteers sign up once; the convener sees names, others see them masked', async () => {
    const id = await deliberation();
    await signUpAll(id);
    expect((await volunteers[0]!.post(`/api/v1/deliberations/${id}/volunteers`, { category: 'resident' })).statusCode).toBe(409);
    const full = (await convener.get(`/api/v1/deliberations/${id}/volunteers`)).json();
    expect(full.total).toBe(14);
    expect(full.items[0].name).toBe('志愿者1号');
    expect(full.items[0].features).toEqual({ category: 'stakeholder', community: '西区', gender: 'female', share: 'public' });
    const masked = (await volunteers[1]!.get(`/api/v1/deliberations/${id}/volunteers`)).json();
    expect(masked.items[0].name).toBe('志***号');
    expect(masked.items[1].name).toBe('志愿者2号');
  });

  it('suggests quotas from the rules, draws a leximin panel that meets them, and the same seed gives the same panel', async () => {
    const id = await deliberation();
    await signUpAll(id);
    const s = (await convener.get(`/api/v1/deliberations/${id}/lottery/suggestion`)).json();
    expect(s.size).toBe(9);
    expect(s.quotas).toContainEqual({ category: 'share', feature: 'public', min: 3, max: 9 });
    const quotas = [
      ...s.quotas.filter((q: { category: string }) => q.category !== 'community'),
      { category: 'community', feature: '东区', min: 4, max: 5 },
      { category: 'community', feature: '西区', min: 4, max: 5 },
    ];
    const first = await convener.post(`/api/v1/deliberations/${id}/lottery`, { size: 9, quotas, seed: '2026-11-27 双色球 03 11 17' });
    expect(first.statusCode, first.body).toBe(200);
    const l = first.json();
    expect(l.panel).toHaveLength(9);
    const sum = Object.values(l.probabilities as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(9, 6);
    expect(l.minProbability).toBeGreaterThan(0);
    const pool = (await convener.get(`/api/v1/deliberations/${id}/volunteers`)).json().items as {
      id: string;
      features: Record<string, string>;
    }[];
    const east = l.panel.filter((v: string) => pool.find((p) => p.id === v)!.features.community === '东区').length;
    expect(east).toBeGreaterThanOrEqual(4);
    expect(east).toBeLessThanOrEqual(5);
    const again = (
      await convener.post(`/api/v1/deliberations/${id}/lottery`, { size: 9, quotas, seed: '2026-11-27 双色球 03 11 17' })
    ).json();
    expect(again.panel).toEqual(l.panel);
    expect(again.inputDigest).toBe(l.inputDigest);
  });

  it('explains quotas that cannot be met together, with the smallest relaxation', async () => {
    const id = await deliberation();
    await signUpAll(id);
    const r = await convener.post(`/api/v1/deliberations/${id}/lottery`, {
      size: 9,
      quotas: [
        { category: 'category', feature: 'resident', min: 0, max: 9 },
        { category: 'category', feature: 'stakeholder', min: 6, max: 9 },
        { category: 'share', feature: 'public', min: 0, max: 9 },
        { category: 'community', feature: '东区', min: 0, max: 9 },
        { category: 'community', feature: '西区', min: 0, max: 9 },
        { category: 'gender', feature: 'female', min: 0, max: 9 },
        { category: 'gender', feature: 'male', min: 0, max: 9 },
      ],
      seed: '1',
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('precondition_failed');
    expect(r.json().error.details.relaxation).toContainEqual(
      expect.objectContaining({ category: 'category', feature: 'stakeholder', relaxedMin: 5 }),
    );
  });

  it('publishes: the panel is invited; a member who declines is replaced keeping every quota, and recorded', async () => {
    const id = await deliberation();
    await signUpAll(id);
    const s = (await convener.get(`/api/v1/deliberations/${id}/lottery/suggestion`)).json();
    const l = (await convener.post(`/api/v1/deliberations/${id}/lottery`, { size: 9, quotas: s.quotas, seed: '42' })).json();
    const published = (await convener.post(`/api/v1/deliberations/${id}/lottery/publish`, {})).json();
    expect(published.publishedAt).toBeTruthy();
    const parts = (await convener.get(`/api/v1/deliberations/${id}/participants`)).json().items;
    expect(parts.filter((p: { source: string }) => p.source === 'lottery')).toHaveLength(9);
    const quitter = parts[0];
    expect(
      (await convener.post(`/api/v1/deliberations/${id}/lottery/replace`, { participantId: quitter.id })).json().error.message,
    ).toMatch(/declined/);
    await convener.post(`/api/v1/deliberations/${id}/participants/${quitter.id}/answer`, { answer: 'declined' });
    const after = (await convener.post(`/api/v1/deliberations/${id}/lottery/replace`, { participantId: quitter.id })).json();
    expect(after.replacements).toHaveLength(1);
    expect(l.panel).not.toContain(after.replacements[0].replacement);
    expect(after.replacements[0].seed).toBe('42/replacement/1');
    const now = (await convener.get(`/api/v1/deliberations/${id}/participants`)).json().items;
    expect(now.filter((p: { source: string }) => p.source === 'replacement')).toHaveLength(1);
    const counted = now.filter((p: { answer: string }) => p.answer !== 'declined');
    const publicCount = counted.filter((p: { category: string }) => p.category === 'resident' || p.category === 'stakeholder').length;
    expect(publicCount).toBe(9);
    expect((await convener.post(`/api/v1/deliberations/${id}/lottery/replace`, { participantId: quitter.id })).statusCode).toBe(409);
    expect((await convener.post(`/api/v1/deliberations/${id}/lottery`, { size: 9, quotas: s.quotas, seed: '43' })).statusCode).toBe(409);
  });
});

describe('the lottery as the public and the web app see it', () => {
  it('the room lists deliberations open to volunteers without names; each person sees whether they volunteered', async () => {
    const id = await deliberation();
    const anon = await t.anonymous.get(`/api/v1/public/rooms/${room}/lotteries`);
    expect(anon.statusCode, anon.body).toBe(200);
    const before = anon.json().items.find((i: { deliberationId: string }) => i.deliberationId === id);
    expect(before).toMatchObject({
      title: '停车位分配',
      open: true,
      volunteerCount: 0,
      volunteeredAt: null,
      abilities: { volunteer: false },
    });
    expect((await volunteers[0]!.get(`/api/v1/public/deliberations/${id}/lottery`)).json().abilities.volunteer).toBe(true);
    await signUpAll(id);
    const mine = (await volunteers[0]!.get(`/api/v1/public/deliberations/${id}/lottery`)).json();
    expect(mine.volunteerCount).toBe(14);
    expect(mine.volunteeredAt).toBeTruthy();
    expect(mine.abilities.volunteer).toBe(false);
    const other = (await t.login('resident')).get(`/api/v1/public/deliberations/${id}/lottery`);
    expect((await other).json()).toMatchObject({ volunteeredAt: null, abilities: { volunteer: true } });
    const listed = (await t.anonymous.get(`/api/v1/public/rooms/${room}/lotteries`)).body;
    expect(listed).not.toContain('志愿者');
    expect((await t.anonymous.get(`/api/v1/public/rooms/${id}/lotteries`)).statusCode).toBe(404);
    expect((await t.anonymous.get(`/api/v1/public/deliberations/not-an-id/lottery`)).statusCode).toBe(400);
    const s = (await convener.get(`/api/v1/deliberations/${id}/lottery/suggestion`)).json();
    await convener.post(`/api/v1/deliberations/${id}/lottery`, { size: s.size, quotas: s.quotas, seed: '7' });
    await convener.post(`/api/v1/deliberations/${id}/lottery/publish`, {});
    const closed = (await volunteers[1]!.get(`/api/v1/public/deliberations/${id}/lottery`)).json();
    expect(closed.open).toBe(false);
    expect(closed.publishedAt).toBeTruthy();
    expect(closed.abilities.volunteer).toBe(false);
  });

  it('replies carry the actor’s abilities; participants name the volunteer they were drawn as; a member declines themselves', async () => {
    const id = await deliberation();
    expect((await convener.get(`/api/v1/deliberations/${id}`)).json().abilities.lottery).toBe(true);
    await signUpAll(id);
    const s = (await convener.get(`/api/v1/deliberations/${id}/lottery/suggestion`)).json();
    const drawn = (await convener.post(`/api/v1/deliberations/${id}/lottery`, { size: s.size, quotas: s.quotas, seed: '8' })).json();
    expect(drawn.abilities).toEqual({ rerun: true, publish: true, replace: false });
    expect((await volunteers[0]!.get(`/api/v1/deliberations/${id}/lottery`)).json().abilities).toEqual({
      rerun: false,
      publish: false,
      replace: false,
    });
    const published = (await convener.post(`/api/v1/deliberations/${id}/lottery/publish`, {})).json();
    expect(published.abilities).toEqual({ rerun: false, publish: false, replace: true });
    const parts = (await convener.get(`/api/v1/deliberations/${id}/participants`)).json().items as {
      id: string;
      accountId: string;
      volunteerId: string | null;
    }[];
    expect(parts.map((p) => p.volunteerId).sort()).toEqual([...drawn.panel].sort());
    // The panel member answers their own invitation.
    const member = parts[0]!;
    const ids = await Promise.all(volunteers.map(async (v) => (await v.get('/api/v1/auth/me')).json().account.id as string));
    const who = volunteers[ids.indexOf(member.accountId)]!;
    expect(
      (
        await volunteers[(ids.indexOf(member.accountId) + 1) % 14]!.post(`/api/v1/deliberations/${id}/participants/${member.id}/answer`, {
          answer: 'declined',
        })
      ).statusCode,
    ).toBe(403);
    // Panel members see their own name in full and the other residents' masked.
    const seen = (await who.get(`/api/v1/deliberations/${id}/participants`)).json().items as { id: string; name: string }[];
    expect(seen.find((p) => p.id === member.id)!.name).toMatch(/^志愿者\d+号$/);
    expect(seen.filter((p) => p.id !== member.id).every((p) => /^志\*+号$/.test(p.name))).toBe(true);
    const declined = await who.post(`/api/v1/deliberations/${id}/participants/${member.id}/answer`, { answer: 'declined' });
    expect(declined.statusCode, declined.body).toBe(200);
    const replaced = (await convener.post(`/api/v1/deliberations/${id}/lottery/replace`, { participantId: member.id })).json();
    expect(replaced.replacements[0].declined).toBe(member.volunteerId);
    const now = (await convener.get(`/api/v1/deliberations/${id}/participants`)).json().items as { source: string; volunteerId: string }[];
    expect(now.find((p) => p.source === 'replacement')!.volunteerId).toBe(replaced.replacements[0].replacement);
  });
});

describe('the convener’s sign-up: questions, communities, the open/close switch', () => {
  const parking = {
    label: '家里是否有车',
    why: '车位分配要兼顾有车和无车的居民。',
    options: ['有车', '没有车'],
  };

  it('the convener adds a question and a list of communities; volunteers answer from the lists; the question gets quotas', async () => {
    const id = await deliberation({ open: false });
    const put = (body: unknown) => convener.request('PUT', `/api/v1/deliberations/${id}/sign-up`, body);
    // Bad input names the field and stores nothing.
    const bad = await put({ questions: [{ ...parking, options: ['有车'] }], communities: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toContainEqual(expect.objectContaining({ field: 'body.questions.0.options' }));
    const twice = await put({ questions: [], communities: ['东区', '东区'] });
    expect(twice.json().error.details).toContainEqual(expect.objectContaining({ field: 'body.communities' }));
    const noWhy = await put({ questions: [{ label: '是否有车', options: ['有', '无'] }], communities: [] });
    expect(noWhy.json().error.details).toContainEqual(expect.objectContaining({ field: 'body.questions.0.why' }));
    expect((await convener.get(`/api/v1/deliberations/${id}/sign-up`)).json()).toMatchObject({ questions: [], communities: [] });
    expect(
      (await volunteers[0]!.request('PUT', `/api/v1/deliberations/${id}/sign-up`, { questions: [], communities: [] })).statusCode,
    ).toBe(403);

    const reserved = await put({ questions: [{ ...parking, options: ['有车', 'unknown'] }], communities: [] });
    expect(reserved.json().error.details).toContainEqual(expect.objectContaining({ field: 'body.questions.0.options' }));
    const notBoolean = await put({ questions: [{ ...parking, required: 'no' }], communities: [] });
    expect(notBoolean.json().error.details).toContainEqual(expect.objectContaining({ field: 'body.questions.0.required' }));

    const set = await put({ questions: [parking], communities: ['东区', '西区'] });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      open: false,
      closedReason: 'notOpened',
      // Required unless the convener says otherwise.
      questions: [{ key: 'q1', ...parking, required: true }],
      communities: ['东区', '西区'],
      abilities: { open: true, close: false, edit: true },
    });
    // The public sign-up page reads the questions.
    const pub = (await t.anonymous.get(`/api/v1/public/deliberations/${id}/lottery`)).json();
    expect(pub).toMatchObject({
      open: false,
      closedReason: 'notOpened',
      questions: [{ key: 'q1', label: '家里是否有车' }],
      communities: ['东区', '西区'],
    });
    await convener.post(`/api/v1/deliberations/${id}/sign-up/open`, {});

    const sign = (v: Client, features: Record<string, string>) =>
      v.post(`/api/v1/deliberations/${id}/volunteers`, { category: 'resident', features });
    const notAnOption = await sign(volunteers[0]!, { q1: '电动车' });
    expect(notAnOption.statusCode).toBe(400);
    expect(notAnOption.json().error.details).toEqual([{ field: 'body.features.q1', message: 'not one of the options' }]);
    const typo = await sign(volunteers[0]!, { community: '东 区' });
    expect(typo.json().error.details).toEqual([{ field: 'body.features.community', message: 'not one of the options' }]);
    const notAsked = await sign(volunteers[0]!, { pets: 'cat' });
    expect(notAsked.json().error.details).toEqual([{ field: 'body.features.pets', message: 'not asked by this sign-up' }]);
    expect((await sign(volunteers[0]!, { gender: 'other' })).statusCode).toBe(400);
    expect(await volunteerCount(id)).toBe(0);

    // The required question left unanswered: refused, naming the field; nothing stored.
    const unanswered = await sign(volunteers[0]!, { community: '东区' });
    expect(unanswered.statusCode).toBe(400);
    expect(unanswered.json().error.details).toEqual([{ field: 'body.features.q1', message: 'required' }]);
    expect(await volunteerCount(id)).toBe(0);

    for (const [i, v] of volunteers.slice(0, 10).entries()) {
      const r = await sign(v, { community: i % 2 ? '东区' : '西区', q1: i % 3 ? '有车' : '没有车' });
      expect(r.statusCode, r.body).toBe(201);
    }
    const pool = (await convener.get(`/api/v1/deliberations/${id}/volunteers`)).json().items;
    expect(pool[0].features).toEqual({ category: 'resident', community: '西区', q1: '没有车', share: 'public' });
    // Once someone has answered, the questions stay as they were asked.
    const locked = await put({ questions: [], communities: [] });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.details).toEqual([expect.objectContaining({ code: 'signUpAnswered' })]);
    expect((await convener.get(`/api/v1/deliberations/${id}/sign-up`)).json().abilities.edit).toBe(false);

    const s = (await convener.get(`/api/v1/deliberations/${id}/lottery/suggestion`)).json();
    expect(s.quotas.filter((q: { category: string }) => q.category === 'q1').map((q: { feature: string }) => q.feature)).toEqual([
      '有车',
      '没有车',
    ]);
    const quotas = s.quotas.map((q: { category: string; feature: string; min: number; max: number }) =>
      q.category === 'q1' && q.feature === '没有车' ? { ...q, min: 2 } : q,
    );
    const l = (await convener.post(`/api/v1/deliberations/${id}/lottery`, { size: s.size, quotas, seed: '车位 1' })).json();
    const withoutCar = l.panel.filter((v: string) => pool.find((p: { id: string }) => p.id === v).features.q1 === '没有车');
    expect(withoutCar.length).toBeGreaterThanOrEqual(2);
  });

  it('an optional question may be skipped: the volunteer gets the value "unknown", which the pool, quotas and files carry', async () => {
    const id = await deliberation({ open: false });
    const pets = { label: '家里是否养宠物', why: '小区遛狗的规矩要听养宠物和不养的居民。', options: ['养', '不养'], required: false };
    const floor = { label: '住在几楼', why: '电梯加装涉及低层和高层住户。', options: ['1–3 楼', '4 楼以上'] };
    const set = await convener.request('PUT', `/api/v1/deliberations/${id}/sign-up`, { questions: [pets, floor], communities: [] });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().questions).toEqual([
      { key: 'q1', ...pets, required: false },
      { key: 'q2', ...floor, required: true },
    ]);
    expect(
      (await t.anonymous.get(`/api/v1/public/deliberations/${id}/lottery`)).json().questions.map((q: { required: boolean }) => q.required),
    ).toEqual([false, true]);
    await convener.post(`/api/v1/deliberations/${id}/sign-up/open`, {});
    const sign = (v: Client, features: Record<string, string>, category = 'resident') =>
      v.post(`/api/v1/deliberations/${id}/volunteers`, { category, features });
    // Skipping the optional one is fine; skipping the required one is not, nor is naming the reserved value.
    const both = await sign(volunteers[0]!, {});
    expect(both.statusCode).toBe(400);
    expect(both.json().error.details).toEqual([{ field: 'body.features.q2', message: 'required' }]);
    const reserved = await sign(volunteers[0]!, { q1: 'unknown', q2: '1–3 楼' });
    expect(reserved.json().error.details).toEqual([{ field: 'body.features.q1', message: 'not one of the options' }]);
    expect(await volunteerCount(id)).toBe(0);
    for (const [i, v] of volunteers.slice(0, 10).entries()) {
      const r = await sign(
        v,
        { q2: i % 2 ? '1–3 楼' : '4 楼以上', ...(i % 3 ? { q1: i % 2 ? '养' : '不养' } : {}) },
        i < 5 ? 'resident' : 'stakeholder',
      );
      expect(r.statusCode, r.body).toBe(201);
      // Stored as given, with the skipped optional question as "unknown".
      expect(r.json().features.q1).toBe(i % 3 ? (i % 2 ? '养' : '不养') : 'unknown');
    }
    const pool = (await convener.get(`/api/v1/deliberations/${id}/volunteers`)).json().items;
    expect(pool.filter((v: { features: Record<string, string> }) => v.features.q1 === 'unknown')).toHaveLength(4);
    await convener.post(`/api/v1/deliberations/${id}/sign-up/close`, {});
    const s = (await convener.get(`/api/v1/deliberations/${id}/lottery/suggestion`)).json();
    expect(s.quotas.filter((q: { category: string }) => q.category === 'q1').map((q: { feature: string }) => q.feature)).toEqual([
      'unknown',
      '不养',
      '养',
    ]);
    // A quota may name the "not answered" value like any other.
    const quotas = s.quotas.map((q: { category: string; feature: string; min: number; max: number }) =>
      q.category === 'q1' && q.feature === 'unknown' ? { ...q, min: 2, max: 2 } : q,
    );
    // Six of the ten, exactly two of them who did not answer.
    const drawn = await convener.post(`/api/v1/deliberations/${id}/lottery`, { size: 6, quotas, seed: '宠物 1' });
    expect(drawn.statusCode, drawn.body).toBe(200);
    const l = drawn.json();
    expect(l.panel.filter((v: string) => pool.find((p: { id: string }) => p.id === v).features.q1 === 'unknown')).toHaveLength(2);
    await convener.post(`/api/v1/deliberations/${id}/lottery/publish`, {});
    const poolCsv = parsePoolCsv((await t.anonymous.get(`/api/v1/public/deliberations/${id}/lottery/pool.csv`)).body);
    const quotaCsv = parseQuotasCsv((await t.anonymous.get(`/api/v1/public/deliberations/${id}/lottery/quotas.csv`)).body);
    expect(poolCsv.pool.filter((v) => v.features.q1 === 'unknown')).toHaveLength(4);
    expect(quotaCsv.quotas).toContainEqual({ category: 'q1', feature: 'unknown', min: 2, max: 2 });
    const rerun = await selectPanel({ pool: poolCsv.pool, quotas: quotaCsv.quotas, size: 6, seed: '宠物 1' });
    expect(rerun.panel).toEqual(l.panel);
  });

  it('a new deliberation’s sign-up waits for the convener; closing refuses with a 409 the page can say; the switch is audited', async () => {
    const id = await deliberation({ open: false });
    const sign = (v: Client) => v.post(`/api/v1/deliberations/${id}/volunteers`, { category: 'resident' });
    const waiting = await sign(volunteers[0]!);
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json().error).toMatchObject({ code: 'invalid_transition', details: [{ code: 'signUpNotOpened' }] });
    expect((await volunteers[0]!.post(`/api/v1/deliberations/${id}/sign-up/open`, {})).statusCode).toBe(403);

    const opened = (await convener.post(`/api/v1/deliberations/${id}/sign-up/open`, {})).json();
    expect(opened).toMatchObject({ open: true, closedReason: null, abilities: { open: false, close: true } });
    expect((await convener.post(`/api/v1/deliberations/${id}/sign-up/open`, {})).json().error.details[0].code).toBe('signUpAlreadyOpen');
    expect((await sign(volunteers[0]!)).statusCode).toBe(201);

    const closed = (await convener.post(`/api/v1/deliberations/${id}/sign-up/close`, {})).json();
    expect(closed).toMatchObject({ open: false, closedReason: 'closed', volunteerCount: 1 });
    const refused = await sign(volunteers[1]!);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'invalid_transition', details: [{ code: 'signUpClosed' }] });
    expect(await volunteerCount(id)).toBe(1);
    const pub = (await t.anonymous.get(`/api/v1/public/deliberations/${id}/lottery`)).json();
    expect(pub).toMatchObject({ open: false, closedReason: 'closed', abilities: { volunteer: false } });
    // The room's page still lists it (as closed) for those who were told about it.
    const listed = (await t.anonymous.get(`/api/v1/public/rooms/${room}/lotteries`)).json().items;
    expect(listed.find((i: { deliberationId: string }) => i.deliberationId === id).closedReason).toBe('closed');

    const log = (await (await t.login('staff')).get(`/api/v1/audit?entity=sign_up&entityId=${id}`)).json();
    const actions = log.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['open', 'close']));
    const close = log.items.find((e: { action: string }) => e.action === 'close');
    expect(close).toMatchObject({ before: { open: true }, after: { open: false }, actorId: expect.any(String) });
  });

  it('a draw is published only over the pool it was drawn from', async () => {
    const id = await deliberation();
    for (const v of volunteers.slice(0, 8)) await v.post(`/api/v1/deliberations/${id}/volunteers`, { category: 'resident' });
    const s = (await convener.get(`/api/v1/deliberations/${id}/lottery/suggestion`)).json();
    await convener.post(`/api/v1/deliberations/${id}/lottery`, { size: s.size, quotas: s.quotas, seed: '5' });
    expect((await volunteers[8]!.post(`/api/v1/deliberations/${id}/volunteers`, { category: 'resident' })).statusCode).toBe(201);
    const r = await convener.post(`/api/v1/deliberations/${id}/lottery/publish`, {});
    expect(r.statusCode).toBe(409);
    expect(r.json().error.details).toEqual([expect.objectContaining({ code: 'poolChanged' })]);
    await convener.post(`/api/v1/deliberations/${id}/sign-up/close`, {});
    await convener.post(`/api/v1/deliberations/${id}/lottery`, { size: s.size, quotas: s.quotas, seed: '5' });
    expect((await convener.post(`/api/v1/deliberations/${id}/lottery/publish`, {})).statusCode).toBe(200);
  });
});

describe('the public record of a published lottery', () => {
  it('anyone downloads pool.csv and quotas.csv, re-runs them with the seed, and gets the same panel and digest', async () => {
    const id = await deliberation();
    await convener.request('PUT', `/api/v1/deliberations/${id}/sign-up`, {
      questions: [{ label: '家里是否有车', why: '兼顾有车和无车的居民。', options: ['有车', '没有车, 也不打算买'] }],
      communities: [],
    });
    await signUpAll(id, (i) => ({ community: i % 2 ? '东区' : '西区', q1: i % 4 ? '有车' : '没有车, 也不打算买' }));
    const base = `/api/v1/public/deliberations/${id}/lottery`;
    expect((await t.anonymous.get(`${base}/result`)).statusCode).toBe(404);
    expect((await t.anonymous.get(`${base}/pool.csv`)).statusCode).toBe(404);
    await convener.post(`/api/v1/deliberations/${id}/sign-up/close`, {});
    const s = (await convener.get(`/api/v1/deliberations/${id}/lottery/suggestion`)).json();
    const seed = "2026-12-01 当众掷骰 it's 3 5";
    const drawn = (await convener.post(`/api/v1/deliberations/${id}/lottery`, { size: s.size, quotas: s.quotas, seed })).json();
    expect((await t.anonymous.get(`${base}/result`)).statusCode).toBe(404);
    await convener.post(`/api/v1/deliberations/${id}/lottery/publish`, {});

    const res = await t.anonymous.get(`${base}/result`);
    expect(res.statusCode, res.body).toBe(200);
    const pub = res.json();
    expect(res.body).not.toMatch(/志愿者\d+号/);
    expect(pub).toMatchObject({ size: s.size, seed, inputDigest: drawn.inputDigest, engine: drawn.engine, title: '停车位分配' });
    expect(pub.pool).toHaveLength(14);
    expect(pub.panel.map((p: { id: string }) => p.id)).toEqual(drawn.panel);
    expect(pub.panel.every((p: { name: string }) => /^志\*+号$/.test(p.name))).toBe(true);
    expect(pub.categories).toEqual(['category', 'community', 'q1', 'share']);
    expect(pub.questions[0]).toMatchObject({ key: 'q1', label: '家里是否有车' });

    const poolRes = await t.anonymous.get(`${base}/pool.csv`);
    expect(poolRes.headers['content-type']).toMatch(/^text\/csv/);
    expect(poolRes.headers['content-disposition']).toMatch(/pool\.csv/);
    expect(poolRes.body).not.toContain('志愿者');
    const quotasRes = await t.anonymous.get(`${base}/quotas.csv`);
    const pool = parsePoolCsv(poolRes.body, 'pool.csv');
    const quotas = parseQuotasCsv(quotasRes.body, 'quotas.csv');
    expect(pool.categories).toEqual(['category', 'community', 'q1', 'share']);
    expect(pool.pool.find((v) => v.features.q1 === '没有车, 也不打算买')).toBeTruthy();
    const rerun = await selectPanel({ pool: pool.pool, quotas: quotas.quotas, size: pub.size, seed: pub.seed });
    expect(rerun.panel).toEqual(drawn.panel);
    expect(rerun.inputDigest).toBe(drawn.inputDigest);
    expect(rerun.engine).toBe(drawn.engine);

    // And the exact command the page shows, in a shell, on the downloaded files.
    expect(pub.command).toMatch(/^npm run select -- --pool pool\.csv --quotas quotas\.csv --size \d+ --seed .+ --json$/);
    const dir = await mkdtemp(path.join(tmpdir(), 'rerun-'));
    try {
      await writeFile(path.join(dir, 'pool.csv'), poolRes.rawPayload);
      await writeFile(path.join(dir, 'quotas.csv'), quotasRes.rawPayload);
      const root = path.resolve(import.meta.dirname, '../../../../..');
      const cli = `${path.join(root, 'node_modules/.bin/tsx')} ${path.join(root, 'packages/selection/src/cli.ts')} `;
      const { stdout } = await promisify(execFile)('/bin/sh', ['-c', pub.command.replace('npm run select -- ', cli)], { cwd: dir });
      const out = JSON.parse(stdout);
      expect(out.panel).toEqual(drawn.panel);
      expect(out.inputDigest).toBe(drawn.inputDigest);
      expect(out.seed).toBe(seed);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // The room's public page links the published lottery.
    const listed = (await t.anonymous.get(`/api/v1/public/rooms/${room}/lotteries`)).json().items;
    expect(listed.find((i: { deliberationId: string }) => i.deliberationId === id).publishedAt).toBeTruthy();
  }, 60_000);

  it('every replacement is listed by pool id with its derived seed and command; the command re-runs each to the recorded one', async () => {
    const id = await deliberation();
    await signUpAll(id);
    await convener.post(`/api/v1/deliberations/${id}/sign-up/close`, {});
    const s = (await convener.get(`/api/v1/deliberations/${id}/lottery/suggestion`)).json();
    const quotas = [
      ...s.quotas.filter((q: { category: string }) => q.category !== 'community'),
      { category: 'community', feature: '东区', min: 4, max: 5 },
      { category: 'community', feature: '西区', min: 4, max: 5 },
    ];
    const seed = '2026-12-01 替补 7';
    const drawn = (await convener.post(`/api/v1/deliberations/${id}/lottery`, { size: 9, quotas, seed })).json();
    await convener.post(`/api/v1/deliberations/${id}/lottery/publish`, {});
    // Two members decline; then the first replacement declines too: three replacements in turn.
    const decline = async (volunteerId: string) => {
      const parts = (await convener.get(`/api/v1/deliberations/${id}/participants`)).json().items as { id: string; volunteerId: string }[];
      const p = parts.find((x) => x.volunteerId === volunteerId)!;
      await convener.post(`/api/v1/deliberations/${id}/participants/${p.id}/answer`, { answer: 'declined' });
      const r = await convener.post(`/api/v1/deliberations/${id}/lottery/replace`, { participantId: p.id });
      expect(r.statusCode, r.body).toBe(200);
      return r.json().replacements.at(-1).replacement as string;
    };
    const firstReplacement = await decline(drawn.panel[0]);
    await decline(drawn.panel[5]);
    await decline(firstReplacement);

    const base = `/api/v1/public/deliberations/${id}/lottery`;
    const pub = (await t.anonymous.get(`${base}/result`)).json();
    expect(pub.replacementSeedRule).toBe(`${seed}/replacement/<n>`);
    expect(pub.replacements).toHaveLength(3);
    expect(pub.replacements.map((r: { ordinal: number; declined: string; seed: string }) => [r.ordinal, r.declined, r.seed])).toEqual([
      [1, drawn.panel[0], `${seed}/replacement/1`],
      [2, drawn.panel[5], `${seed}/replacement/2`],
      [3, firstReplacement, `${seed}/replacement/3`],
    ]);
    // No names in the replacements, only pool ids.
    expect(JSON.stringify(pub.replacements)).not.toMatch(/志/);
    const poolIds = new Set(pub.pool.map((v: { id: string }) => v.id));
    for (const r of pub.replacements) expect(poolIds.has(r.declined) && poolIds.has(r.replacement)).toBe(true);
    expect(pub.replacements[2].command).toBe(
      `${pub.command.replace(/ --json$/, '')} --replace ${drawn.panel[0]} --replace ${drawn.panel[5]} --replace ${firstReplacement} --json`,
    );

    // Anyone downloads the two files and runs each replacement's command in a shell.
    const dir = await mkdtemp(path.join(tmpdir(), 'rerun-replace-'));
    try {
      await writeFile(path.join(dir, 'pool.csv'), (await t.anonymous.get(`${base}/pool.csv`)).rawPayload);
      await writeFile(path.join(dir, 'quotas.csv'), (await t.anonymous.get(`${base}/quotas.csv`)).rawPayload);
      const root = path.resolve(import.meta.dirname, '../../../../..');
      const cli = `${path.join(root, 'node_modules/.bin/tsx')} ${path.join(root, 'packages/selection/src/cli.ts')} `;
      for (const rep of pub.replacements) {
        const { stdout } = await promisify(execFile)('/bin/sh', ['-c', rep.command.replace('npm run select -- ', cli)], { cwd: dir });
        const out = JSON.parse(stdout);
        expect(out.panel).toEqual(drawn.panel);
        const last = out.replacements.at(-1);
        expect(last).toEqual({
          ordinal: rep.ordinal,
          declined: rep.declined,
          replacement: rep.replacement,
          seed: rep.seed,
          replacementDigest: rep.digest,
        });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // The convener's view lists them in the same order, and the current panel still meets every quota.
    const l = (await convener.get(`/api/v1/deliberations/${id}/lottery`)).json();
    expect(l.replacements.map((r: { ordinal: number; replacement: string }) => [r.ordinal, r.replacement])).toEqual(
      pub.replacements.map((r: { ordinal: number; replacement: string }) => [r.ordinal, r.replacement]),
    );
    let panel = [...drawn.panel] as string[];
    for (const r of pub.replacements) panel = panel.map((v) => (v === r.declined ? r.replacement : v));
    const features = new Map(pub.pool.map((v: { id: string; features: Record<string, string> }) => [v.id, v.features]));
    for (const q of quotas) {
      const n = panel.filter((v) => (features.get(v) as Record<string, string>)[q.category] === q.feature).length;
      expect(n).toBeGreaterThanOrEqual(q.min);
      expect(n).toBeLessThanOrEqual(q.max);
    }
  }, 90_000);
});

describe('migrations of stored sign-ups and replacements', () => {
  // Last in the file: it rewinds two migrations on this file's database and applies them again.
  it('questions stored before `required` become required; replacements get their ordinals in the order drawn', async () => {
    const id = await deliberation();
    await convener.request('PUT', `/api/v1/deliberations/${id}/sign-up`, {
      questions: [{ label: '家里是否有车', why: '兼顾有车和无车的居民。', options: ['有车', '没有车'] }],
      communities: [],
    });
    await signUpAll(id, (i) => ({ q1: i % 2 ? '有车' : '没有车' }));
    await convener.post(`/api/v1/deliberations/${id}/sign-up/close`, {});
    const s = (await convener.get(`/api/v1/deliberations/${id}/lottery/suggestion`)).json();
    const drawn = (await convener.post(`/api/v1/deliberations/${id}/lottery`, { size: s.size, quotas: s.quotas, seed: '旧 1' })).json();
    await convener.post(`/api/v1/deliberations/${id}/lottery/publish`, {});
    const parts = (await convener.get(`/api/v1/deliberations/${id}/participants`)).json().items as { id: string; volunteerId: string }[];
    for (const v of [drawn.panel[1], drawn.panel[3]]) {
      const p = parts.find((x) => x.volunteerId === v)!;
      await convener.post(`/api/v1/deliberations/${id}/participants/${p.id}/answer`, { answer: 'declined' });
      await convener.post(`/api/v1/deliberations/${id}/lottery/replace`, { participantId: p.id });
    }
    const before = (await t.anonymous.get(`/api/v1/public/deliberations/${id}/lottery/result`)).json();

    // Back to the stored shapes of before: no `required`, no ordinal.
    const db = t.db.db;
    await db
      .updateTable('sign_up')
      .set({
        questions_json: JSON.stringify([{ key: 'q1', label: '家里是否有车', why: '兼顾有车和无车的居民。', options: ['有车', '没有车'] }]),
      })
      .where('deliberation_id', '=', id)
      .execute();
    await db.schema.dropIndex('lottery_replacement_ordinal').execute();
    await sql`alter table lottery_replacement drop column ordinal`.execute(db);
    await db
      .deleteFrom('kysely_migration' as never)
      .where('name' as never, 'in', ['2026-12-01T1430-sign-up-required', '2026-12-01T1440-replacement-ordinal'] as never)
      .execute();

    expect(await migrateToLatest(db)).toEqual(['2026-12-01T1430-sign-up-required', '2026-12-01T1440-replacement-ordinal']);
    expect((await convener.get(`/api/v1/deliberations/${id}/sign-up`)).json().questions[0].required).toBe(true);
    const after = (await t.anonymous.get(`/api/v1/public/deliberations/${id}/lottery/result`)).json();
    expect(after.replacements).toEqual(before.replacements);
    expect(after.replacements.map((r: { ordinal: number }) => r.ordinal)).toEqual([1, 2]);
    // The unique ordinal per deliberation is back.
    const row = await db
      .selectFrom('lottery_replacement')
      .selectAll()
      .where('deliberation_id', '=', id)
      .where('ordinal', '=', 1)
      .executeTakeFirstOrThrow();
    await expect(
      db
        .insertInto('lottery_replacement')
        .values({ ...row, id: `${row.id}x` })
        .execute(),
    ).rejects.toThrow();
  }, 60_000);
});
