import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

async function deliberation() {
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
  return (await convener.post('/api/v1/deliberations', { topicId: topic.id })).json().id as string;
}

async function signUpAll(id: string) {
  for (const [i, v] of volunteers.entries()) {
    const r = await v.post(`/api/v1/deliberations/${id}/volunteers`, {
      category: i % 3 === 0 ? 'stakeholder' : 'resident',
      features: { community: i % 2 ? '东区' : '西区', gender: i % 4 < 2 ? 'female' : 'male' },
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
