import { apiLogin, type ApiSession } from './api.ts';
import { DEMO_PASSWORD } from './scenario.ts';

/** A deliberation of the demo's 和平桥 room, opened through the API, and the sessions that opened it. */
export interface OpenedDeliberation {
  roomId: string;
  deliberationId: string;
  staffApi: ApiSession;
  convenerApi: ApiSession;
  residentApi: ApiSession;
}

/**
 * Setup that browser scenarios share and that is not what they are about: the body's rules
 * adjusted (topic approval off, plus `settings`), a topic proposed by the demo resident, accepted
 * and selected by the convener, and the deliberation opened (a draft).
 */
export async function openDeliberation(
  baseUrl: string,
  topic: { title: string; description: string },
  settings: Record<string, unknown> = {},
): Promise<OpenedDeliberation> {
  const staffApi = await apiLogin(baseUrl, 'staff', DEMO_PASSWORD);
  const convenerApi = await apiLogin(baseUrl, 'convener', DEMO_PASSWORD);
  const residentApi = await apiLogin(baseUrl, 'resident', DEMO_PASSWORD);
  const rooms = await staffApi.get<{ items: { id: string }[] }>('/public/rooms?q=' + encodeURIComponent('和平桥'));
  const roomId = rooms.items[0]!.id;
  const node = await staffApi.get<{ ancestors: { id: string; kind: string }[] }>(`/org/nodes/${roomId}`);
  const body = [...node.ancestors].reverse().find((a) => a.kind === 'body')!;
  await staffApi.patch(`/bodies/${body.id}/deliberation-settings`, { topicApprovalRequired: false, ...settings });
  const t = await residentApi.post<{ id: string }>('/topics', { roomId, ...topic, category: 'publicInterest' });
  await convenerApi.post(`/topics/${t.id}/actions/accept`);
  await convenerApi.post(`/topics/${t.id}/actions/select`);
  const deliberationId = (await convenerApi.post<{ id: string }>('/deliberations', { topicId: t.id })).id;
  return { roomId, deliberationId, staffApi, convenerApi, residentApi };
}

/** Registers residents of a room (phone, name, password) through the API; returns their account ids. */
export async function registerResidents(
  baseUrl: string,
  roomId: string,
  people: readonly { phone: string; name: string }[],
  password: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (const p of people) {
    const r = await fetch(`${baseUrl}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: p.phone, displayName: p.name, password, nodeId: roomId }),
    });
    if (r.status !== 201) throw new Error(`register ${p.phone}: ${r.status} ${await r.text()}`);
    ids.push(((await r.json()) as { account: { id: string } }).account.id);
  }
  return ids;
}
