import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, nodeId, type Client, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let room: string;
beforeAll(async () => {
  t = await createTestApp();
  room = await nodeId(t.db, '和平桥街道“有事好商量”协商议事室');
});
afterAll(async () => t?.close());

// A minimal valid PNG (1×1).
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

async function upload(c: Client, name: string) {
  const boundary = '----sl' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await c.request('POST', '/api/v1/files', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('attachments', () => {
  it('a resident attaches a photo to a topic; others cannot attach files they did not upload', async () => {
    const resident = await t.login('resident');
    const member = await t.login('member');
    const photo = await upload(resident, 'jishui.png');
    const topic = await resident.post('/api/v1/topics', {
      roomId: room,
      title: '路口积水照片',
      description: '雨后路口积水，附现场照片。',
      category: 'publicAffairs',
      attachmentIds: [photo],
    });
    expect(topic.statusCode, topic.body).toBe(201);
    expect(topic.json().attachments).toEqual([expect.objectContaining({ id: photo, name: 'jishui.png', url: `/api/v1/files/${photo}` })]);
    expect((await member.get(`/api/v1/topics/${topic.json().id}`)).json().attachments[0].id).toBe(photo);
    const listed = (await member.get(`/api/v1/topics?roomId=${room}`)).json().items.find((x: { id: string }) => x.id === topic.json().id);
    expect(listed.attachments.map((a: { id: string }) => a.id)).toEqual([photo]);
    const stolen = await member.post('/api/v1/topics', {
      roomId: room,
      title: '借用别人的照片',
      description: '试图附加他人上传的文件。',
      category: 'publicAffairs',
      attachmentIds: [photo],
    });
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().error.details[0].field).toBe('body.attachmentIds');
    const unknown = await member.post('/api/v1/topics', {
      roomId: room,
      title: '不存在的文件',
      description: '附加一个不存在的文件编号。',
      category: 'publicAffairs',
      attachmentIds: ['01900000-0000-7000-8000-00000000ffff'],
    });
    expect(unknown.json().error.details[0].field).toBe('body.attachmentIds');
  });
});
