import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, nodeId, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let room: string;
beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL: 'https://shangliang.example.cn' });
  room = await nodeId(t.db, '和平桥街道“有事好商量”协商议事室');
});
afterAll(async () => t?.close());

describe('a room as a platform', () => {
  it('shows its public page without logging in, with proposers masked', async () => {
    const resident = await t.login('resident');
    await resident.post('/api/v1/topics', {
      roomId: room,
      title: '菜场门口积水',
      description: '雨天菜场门口积水严重，老人出行不便。',
      category: 'publicWelfare',
    });
    const page = await t.anonymous.get(`/api/v1/public/rooms/${room}`);
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.profile.name).toBe('和平桥街道“有事好商量”协商议事室');
    expect(body.profile.memberStudio).toBe('和平桥街道政协委员工作室');
    expect(body.profile.contactPoint).toBe('和平桥街道社情民意联系点');
    expect(body.profile.publicUrl).toBe(`https://shangliang.example.cn/r/${room}`);
    expect(body.profile.abilities.update).toBe(false);
    const topic = body.topics.find((x: { title: string }) => x.title === '菜场门口积水');
    expect(topic.proposerName).toBe('和***民');
    expect(page.body).not.toContain('和平桥居民');
    expect(page.body).not.toContain('13800000007');
  });

  it('the convener edits the profile and rules; others may not', async () => {
    const convener = await t.login('convener');
    const res = await convener.patch(`/api/v1/rooms/${room}/profile`, {
      openingHours: '每周二、周四 9:00–17:00',
      firstConvener: '街道党工委副书记',
      executiveConvener: '区政协委员',
      discussionPrinciples: '平等议事、理性表达、求同存异',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ openingHours: '每周二、周四 9:00–17:00', abilities: { update: true } });
    const again = await convener.patch(`/api/v1/rooms/${room}/profile`, { procedure: '签到、通报、发言、互动、总结' });
    expect(again.json().openingHours).toBe('每周二、周四 9:00–17:00');
    const staffOfOther = await t.login('department');
    expect((await staffOfOther.patch(`/api/v1/rooms/${room}/profile`, { procedure: 'x' })).statusCode).toBe(403);
    expect((await t.anonymous.get(`/api/v1/public/rooms/${room}`)).json().profile.procedure).toBe('签到、通报、发言、互动、总结');
  });

  it('prints a QR code (PNG and SVG) that opens the public page', async () => {
    const png = await t.anonymous.get(`/api/v1/public/rooms/${room}/qr`);
    expect(png.headers['content-type']).toBe('image/png');
    const img = PNG.sync.read(png.rawPayload);
    expect(img.width).toBe(1024);
    const decoded = jsQR(new Uint8ClampedArray(img.data), img.width, img.height);
    expect(decoded?.data).toBe(`https://shangliang.example.cn/r/${room}`);
    const svg = await t.anonymous.get(`/api/v1/public/rooms/${room}/qr?format=svg`);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toMatch(/^<svg/);
  });

  it('answers 404 for a node that is not a room', async () => {
    const town = await nodeId(t.db, '和平桥街道');
    expect((await t.anonymous.get(`/api/v1/public/rooms/${town}`)).statusCode).toBe(404);
  });
});
