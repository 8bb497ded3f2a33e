import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiLogin, type ApiSession } from './support/api.ts';
import { launchBrowser, phone, settle } from './support/browser.ts';
import { decodeQrPng } from './support/qr.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { scenarioSteps } from './support/scenario.ts';

/*
 * A hybrid meeting's live discussion (issue 6) in the browser: the convener opens a hybrid
 * session from the deliberation and seeds statements from the research report; the room's
 * screen shows the statement being voted on, its counts and the opinion map, live; three
 * participants in their own browser contexts (one pseudonymous on a 375 px phone, the resident
 * logged in, one more pseudonymous on a desktop) write and vote; the phone raises a hand and
 * gets the floor; a consent poll runs; the convener promotes a consensus statement into the
 * recommendations list. The convener puts a statement before the room: the screen and the phones
 * follow. Then a remote meeting: a sub-venue with its sign-in code and video link, a speech from
 * there carrying the venue into the meeting record, each venue's presence on the console; and an
 * invited-only session refusing a logged-in account that was not invited, with a clear page.
 * Screenshots go to e2e/artifacts/l*.png and axe-core runs on every page.
 *
 * Setup through the API (not what the scenario is about): a deliberation in session, and the
 * rest of the room — twelve pseudonymous participants who vote through the API in two camps, so
 * that the opinion map has groups and a consensus to show (the engine clusters people with at
 * least seven votes).
 */

const PASSWORD = 'Demo@2026';

let server: RunningServer;
let browser: Browser;
const { problems, visit, open, loginAs } = scenarioSteps(() => ({ browser, server }));

let convenerApi: ApiSession;
let residentApi: ApiSession;
let deliberationId = '';
let sessionId = '';

let convener: Page;
let screen: Page;
let phoneP: Page;
let resident: Page;
let guestP: Page;

const seeds = [
  '电梯费用按楼层分摊，楼层越高出得越多',
  '一楼住户不出钱，也不获得补偿',
  '申请政府加装电梯补贴，减轻住户负担',
  '电梯井道会挡住低层住户的采光，应当另选位置',
  '施工期间要保证老人和孩子的出行安全',
  '加装电梯前，应当先征得本单元全部住户同意',
  '后期电梯维护费用应当由使用的住户分担',
  '由社区牵头，请专业机构评估加装方案',
];
/** The camps of the room's other participants: agree with 0–2 and disagree with 3–5, or the opposite; all agree with 6 and 7. */
const camps: ('agree' | 'disagree')[][] = [
  ['agree', 'agree', 'agree', 'disagree', 'disagree', 'disagree', 'agree', 'agree'],
  ['disagree', 'disagree', 'disagree', 'agree', 'agree', 'agree', 'agree', 'agree'],
];

/** A date-time in China Standard Time, `minutes` from now, as ISO. */
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

/** A pseudonymous participant through the API (the rest of the room). */
async function guest(): Promise<{ vote: (statementId: string, vote: string) => Promise<void> }> {
  const res = await fetch(`${server.url}/api/v1/live/sessions/${sessionId}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (!res.ok) throw new Error(`join: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  return {
    vote: async (statementId, vote) => {
      const r = await fetch(`${server.url}/api/v1/live/sessions/${sessionId}/votes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-live-token': token },
        body: JSON.stringify({ statementId, vote }),
      });
      if (!r.ok) throw new Error(`vote: ${r.status} ${await r.text()}`);
    },
  };
}

interface LiveStatement {
  id: string;
  text: string;
  counts: { agree: number; disagree: number; pass: number };
}
const statements = async () => (await convenerApi.get<{ items: LiveStatement[] }>(`/live/sessions/${sessionId}/statements`)).items;

/** Votes on the statement the participant page shows, `n` times, with `pick` choosing by its text. */
async function voteOn(page: Page, n: number, pick: (text: string) => '同意' | '反对' | '跳过'): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < n; i++) {
    const st = page.getByTestId('vote-statement');
    if (!(await st.isVisible().catch(() => false))) {
      await page.getByTestId('vote-card').locator('.vote-statement, [data-testid="vote-done"]').first().waitFor();
      if (!(await st.isVisible())) break;
    }
    const text = (await st.innerText()).trim();
    seen.push(text);
    await page.getByRole('button', { name: pick(text) }).click();
    await page.waitForFunction((prev) => document.querySelector('[data-testid="vote-statement"]')?.textContent?.trim() !== prev, text, {
      timeout: 10_000,
    });
  }
  return seen;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const staffApi = await apiLogin(server.url, 'staff', PASSWORD);
  convenerApi = await apiLogin(server.url, 'convener', PASSWORD);
  residentApi = await apiLogin(server.url, 'resident', PASSWORD);
  const rooms = await staffApi.get<{ items: { id: string }[] }>('/public/rooms?q=' + encodeURIComponent('和平桥'));
  const roomId = rooms.items[0]!.id;
  const node = await staffApi.get<{ ancestors: { id: string; kind: string }[] }>(`/org/nodes/${roomId}`);
  const body = [...node.ancestors].reverse().find((a) => a.kind === 'body')!;
  await staffApi.patch(`/bodies/${body.id}/deliberation-settings`, { noticeDays: 0, topicApprovalRequired: false });

  // A deliberation in session (the room loop's own scenario walks this part in the browser).
  const topic = await residentApi.post<{ id: string }>('/topics', {
    roomId,
    title: '老旧小区加装电梯',
    description: '和平桥小区 6 栋为 1990 年代住宅，老人多，上下楼困难，希望商量加装电梯的办法和费用分摊。',
    category: 'publicInterest',
  });
  await convenerApi.post(`/topics/${topic.id}/actions/accept`);
  await convenerApi.post(`/topics/${topic.id}/actions/select`);
  deliberationId = (await convenerApi.post<{ id: string }>('/deliberations', { topicId: topic.id })).id;
  await convenerApi.post(`/deliberations/${deliberationId}/actions/prepare`);
  const invite = (b: object) => convenerApi.post(`/deliberations/${deliberationId}/participants`, b);
  await invite({ category: 'resident', name: '和平桥居民', accountId: residentApi.accountId });
  for (const name of ['6 栋 张阿姨', '6 栋 钱先生', '5 栋 吴女士']) await invite({ category: 'stakeholder', name });
  for (const name of ['王建国', '李秀英', '周晓梅']) await invite({ category: 'member', name });
  await invite({ category: 'expert', name: '陈工程师' });
  await invite({ category: 'localWorthy', name: '孙老先生' });
  await invite({ category: 'representative', name: '赵德明' });
  await convenerApi.patch(`/deliberations/${deliberationId}`, {
    researchReport: seeds.slice(0, 3).join('。') + '。',
    meetingAt: inMinutes(60),
    place: '和平桥街道协商议事室',
  });
  await convenerApi.post(`/deliberations/${deliberationId}/actions/schedule`);
  await convenerApi.post(`/deliberations/${deliberationId}/actions/open`);
}, 180_000);

describe('a hybrid meeting’s live discussion', () => {
  it('the convener opens a hybrid session and seeds statements', async () => {
    convener = await loginAs('convener');
    await convener.goto(`/deliberations/${deliberationId}/live`);
    await convener.getByRole('heading', { name: '开启线上讨论' }).waitFor();
    await convener.getByRole('radio', { name: /^线上线下同步讨论/ }).check();
    await convener.getByRole('radio', { name: /^持链接即可参加/ }).check();
    await visit(convener, 'l01-console-open-form');
    await convener.getByRole('button', { name: '开启讨论' }).click();
    await convener.getByTestId('live-console').waitFor();
    sessionId = new URL(convener.url()).searchParams.get('session')!;
    expect(sessionId).toBeTruthy();
    await convener.getByTestId('connection').getByText('实时更新中').waitFor();

    await convener.getByLabel('观点（每行一条）').fill(seeds.join('\n'));
    await convener.getByRole('button', { name: `添加 ${seeds.length} 条观点` }).click();
    await convener.getByText(`已添加 ${seeds.length} 条观点`).first().waitFor();
    await convener.getByText(`观点 ${seeds.length} 条`).waitFor();
    await visit(convener, 'l02-console-seeded');
  });

  it('the room’s screen shows the statement, the queue and a QR code to join', async () => {
    screen = await loginAs('convener', { width: 1920, height: 1080 });
    // Keep the page's WebSockets reachable, to drop the connection later and watch it resume.
    await screen.addInitScript(() => {
      const Native = window.WebSocket;
      const opened: { url: string; socket: WebSocket }[] = [];
      (window as unknown as { __sockets: typeof opened }).__sockets = opened;
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          opened.push({ url: String(url), socket: this });
        }
      } as typeof WebSocket;
    });
    await screen.goto(`/live/${sessionId}/screen`);
    await screen.getByTestId('screen-statement').waitFor();
    await screen.getByTestId('join-qr').waitFor();
    // The QR code takes a phone to this session's page and signs it in at the room.
    const png = Buffer.from((await screen.getByTestId('join-qr').getAttribute('src'))!.split(',')[1]!, 'base64');
    const joinUrl = new URL(decodeQrPng(png));
    expect(joinUrl.pathname).toBe(`/live/${sessionId}`);
    expect(joinUrl.searchParams.get('venue')).toBeTruthy();
    await visit(screen, 'l03-screen-start');

    phoneP = await open(phone);
    await phoneP.goto(`${joinUrl.pathname}${joinUrl.search}`);
  });

  it('three participants join, write and vote; the screen’s counts follow', async () => {
    // 1. On a phone, pseudonymous, from the QR code.
    await phoneP.getByTestId('join-card').waitFor();
    await visit(phoneP, 'l04-phone-join');
    await phoneP.getByRole('button', { name: '加入讨论' }).click();
    await phoneP.getByTestId('pseudonym').waitFor();
    await phoneP.getByText('已在“和平桥街道协商议事室”签到').first().waitFor();
    await phoneP.getByTestId('vote-statement').waitFor();
    await visit(phoneP, 'l05-phone-vote');

    const before = await screen.getByTestId('screen-current').getByTestId('counts').innerText();
    const voted = await voteOn(phoneP, 3, (text) => (seeds.indexOf(text) >= 6 || seeds.indexOf(text) < 3 ? '同意' : '反对'));
    expect(voted).toHaveLength(3);
    // The screen moved to the statement just voted on, with its count.
    const last = voted[voted.length - 1]!;
    await screen.getByTestId('screen-statement').getByText(last).waitFor();
    await expect.poll(() => screen.getByTestId('screen-current').getByTestId('counts').innerText()).not.toBe(before);

    // Writing: empty, a duplicate, then a new statement.
    await phoneP.getByRole('button', { name: '提交观点' }).click();
    await phoneP.getByText('请写下你的观点').waitFor();
    await phoneP.getByRole('textbox', { name: /你的观点/ }).fill(seeds[4]!);
    await phoneP.getByRole('button', { name: '提交观点' }).click();
    await phoneP.getByText('已经有人写过相同的观点了').waitFor();
    await visit(phoneP, 'l06-phone-duplicate');
    await phoneP.getByRole('textbox', { name: /你的观点/ }).fill('加装电梯后，请物业公布每月的运行和维护费用');
    await phoneP.getByRole('button', { name: '提交观点' }).click();
    await phoneP.getByTestId('my-statement').filter({ hasText: '请物业公布每月' }).waitFor();

    // 2. The resident, logged in, on a desktop.
    resident = await loginAs('resident');
    await resident.goto(`/live/${sessionId}`);
    await resident.getByRole('button', { name: '加入讨论' }).click();
    await resident.getByTestId('pseudonym').getByText('和平桥居民').waitFor();
    await voteOn(resident, 4, (text) => (seeds.indexOf(text) >= 3 ? '同意' : '跳过'));
    await resident.getByRole('textbox', { name: /你的观点/ }).fill('电梯选型优先考虑能放下担架的尺寸');
    await resident.getByRole('button', { name: '提交观点' }).click();
    await resident.getByTestId('my-statement').filter({ hasText: '担架' }).waitFor();
    await visit(resident, 'l07-resident-desktop');

    // 3. Another pseudonymous participant on a desktop.
    guestP = await open();
    await guestP.goto(`/live/${sessionId}`);
    await guestP.getByRole('button', { name: '加入讨论' }).click();
    await voteOn(guestP, 3, () => '同意');

    // The rest of the room votes in two camps (through the API); the map forms groups and a consensus.
    const items = await statements();
    const ids = seeds.map((s) => items.find((x) => x.text === s)!.id);
    for (let g = 0; g < 12; g++) {
      const p = await guest();
      for (let i = 0; i < ids.length; i++) await p.vote(ids[i]!, camps[g % 2]![i]!);
    }
    await screen.getByTestId('screen-map').getByTestId('map-chart').waitFor({ timeout: 30_000 });
    await screen.getByTestId('screen-consensus').getByTestId('consensus').first().waitFor({ timeout: 30_000 });
    await expect
      .poll(() => screen.getByTestId('screen-map').getByTestId('map-group').count(), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(2);
    await screen
      .getByText(/^1[0-9] 人参与/)
      .first()
      .waitFor();
    await visit(screen, 'l08-screen-map');
  });

  it('the screen resumes from its last sequence number after the connection drops', async () => {
    type Sockets = { url: string; socket: WebSocket }[];
    const before = await screen.evaluate(() => (window as unknown as { __sockets: Sockets }).__sockets.length);
    await screen.evaluate(() => (window as unknown as { __sockets: Sockets }).__sockets.at(-1)!.socket.close());
    await screen.getByTestId('connection').getByText('连接中断，正在重新连接…').waitFor();
    // A vote while the screen is away: it arrives with the replay.
    const items = await statements();
    const target = items.find((x) => x.text === seeds[0])!;
    await (await guest()).vote(target.id, 'pass');
    await screen.getByTestId('connection').getByText('实时更新中').waitFor({ timeout: 20_000 });
    const url = await screen.evaluate(() => (window as unknown as { __sockets: Sockets }).__sockets.at(-1)!.url);
    expect(await screen.evaluate(() => (window as unknown as { __sockets: Sockets }).__sockets.length)).toBe(before + 1);
    expect(Number(new URL(url).searchParams.get('after'))).toBeGreaterThan(0);
    await screen.getByTestId('screen-statement').getByText(seeds[0]!).waitFor();
    await screen
      .getByTestId('screen-current')
      .getByText(`跳过 ${target.counts.pass + 1}`)
      .waitFor();
  });

  it('the convener moderates before publication and enters the room’s show of hands', async () => {
    await convener.getByTestId('live-console').getByText('先审核后发布', { exact: true }).click();
    await convener.getByText('已保存').first().waitFor();
    await guestP.getByRole('textbox', { name: /你的观点/ }).fill('希望加装后保留楼道里的自行车停放位置');
    await guestP.getByRole('button', { name: '提交观点' }).click();
    await guestP.getByTestId('my-statement').filter({ hasText: '自行车' }).getByText('待审核').waitFor();
    // The pending statement reaches the console live (an event for the convener and staff only).
    await convener.getByRole('tab', { name: /观点（1 条待审核）/ }).waitFor({ timeout: 10_000 });
    await convener.getByTestId('statement-row').filter({ hasText: '自行车' }).getByText('待审核').waitFor();
    await visit(convener, 'l09g-console-pending');
    const row = convener.getByTestId('statement-row').filter({ hasText: '自行车' });
    await row.getByRole('button', { name: '公开', exact: true }).click();
    await guestP.getByTestId('my-statement').filter({ hasText: '自行车' }).getByText('已公开').waitFor();
    await convener.getByTestId('live-console').getByText('先发布后审核', { exact: true }).click();
    await convener.getByText('已保存').first().waitFor();

    const current = convener.getByTestId('statement-row').filter({ hasText: seeds[2]! });
    await current.getByRole('button', { name: '录入举手' }).click();
    const dialog = convener.getByRole('dialog');
    await dialog.getByLabel('同意', { exact: true }).fill('6');
    await dialog.getByLabel('反对', { exact: true }).fill('1');
    await dialog.getByRole('button', { name: '保存' }).click();
    await convener.getByText('举手人数已录入').first().waitFor();
    await screen.getByTestId('screen-statement').getByText(seeds[2]!).waitFor();
    await screen.getByTestId('screen-current').getByText('含现场举手：同意 6、反对 1、跳过 0').waitFor();
    await visit(convener, 'l09a-console-moderated');

    // The room is the hybrid meeting's venue: the phone that scanned the screen's code is there.
    await convener.getByRole('tab', { name: '会场' }).click();
    await expect.poll(() => convener.getByTestId('venue-present').first().innerText()).toBe('1');
    await visit(convener, 'l09c-console-venues');
    await convener.getByRole('tab', { name: /^观点/ }).click();
    await visit(screen, 'l09b-screen-hands');
  });

  it('the convener puts a statement before the room; the screen and the phones follow', async () => {
    const row = convener.getByTestId('statement-row').filter({ hasText: '自行车' });
    await row.getByRole('button', { name: '设为当前' }).click();
    await row.getByTestId('current-tag').waitFor();
    await screen.getByTestId('screen-chosen').waitFor();
    await screen
      .getByTestId('screen-statement')
      .getByText(/自行车/)
      .waitFor();
    // The phone is offered it, marked as the one before the room.
    await phoneP.getByTestId('vote-current').waitFor();
    await phoneP
      .getByTestId('vote-statement')
      .getByText(/自行车/)
      .waitFor();
    await phoneP.getByTestId('vote-card').scrollIntoViewIfNeeded();
    await visit(phoneP, 'l09d-phone-current');
    await visit(convener, 'l09f-console-current');
    // The console on a phone too (a convener may run a small meeting from one).
    const desktop = convener.viewportSize()!;
    await convener.setViewportSize(phone);
    await convener.getByTestId('current-tag').scrollIntoViewIfNeeded();
    await visit(convener, 'l09h-console-current-phone');
    await convener.setViewportSize(desktop);
    // Votes elsewhere do not move the screen off it; its own votes show there.
    const items = await statements();
    await (await guest()).vote(items.find((x) => x.text === seeds[1])!.id, 'agree');
    await phoneP.getByRole('button', { name: '同意' }).click();
    await phoneP.getByTestId('vote-current').waitFor({ state: 'detached' });
    await screen.getByTestId('screen-current').getByText('同意 1', { exact: true }).waitFor();
    await screen
      .getByTestId('screen-statement')
      .getByText(/自行车/)
      .waitFor();
    await visit(screen, 'l09e-screen-current');
    await row.getByRole('button', { name: '取消当前' }).click();
    await screen.getByTestId('screen-chosen').waitFor({ state: 'detached' });
  });

  it('a participant raises a hand and gets the floor', async () => {
    await phoneP.getByRole('button', { name: '举手发言' }).click();
    await phoneP.getByTestId('hand-waiting').waitFor();
    // The hand is the phone's own, after a reload too (the server says so).
    await phoneP.reload();
    await phoneP.getByTestId('hand-waiting').getByText('你已举手').waitFor();
    await phoneP.getByTestId('hand-card').scrollIntoViewIfNeeded();
    await visit(phoneP, 'l09-phone-hand-raised');

    await convener.getByRole('tab', { name: /发言排队/ }).click();
    const row = convener.getByTestId('queue-waiting').first();
    await row.waitFor();
    await row.getByRole('button', { name: '请他发言' }).click();
    await convener.getByTestId('speaker-name').waitFor();
    await visit(convener, 'l10-console-floor');

    await phoneP.getByTestId('my-floor').getByText('轮到你发言了').waitFor();
    await visit(phoneP, 'l11-phone-floor');
    await screen.getByTestId('screen-speaking').waitFor();
    await visit(screen, 'l12-screen-speaker');

    await convener.getByLabel('发言要点').fill('建议物业每月公布电梯运行和维护费用，接受住户监督。');
    await convener.getByRole('button', { name: '结束发言' }).click();
    await convener.getByText('发言已结束并记录').first().waitFor();
    await convener.getByTestId('queue-done').first().waitFor();
    await screen.getByTestId('screen-queue').getByText('现在没有人发言').waitFor();
  });

  it('a consent poll runs on the phones and the screen', async () => {
    await convener.getByRole('tab', { name: /投票/ }).click();
    await convener.getByLabel('投票问题').fill('是否同意“按楼层分摊、申请补贴”的加装方案？');
    await convener.getByRole('radio', { name: /^表态/ }).check();
    await convener.getByRole('button', { name: '开始投票' }).click();
    await convener.getByTestId('console-poll').first().waitFor();

    const poll = phoneP.getByTestId('poll-open');
    await poll.waitFor();
    await poll.getByRole('radio', { name: /^同意/ }).check();
    await poll.getByRole('button', { name: '提交' }).click();
    await poll.getByText('已提交').waitFor();
    // The answer is the phone's own, after a reload too.
    await phoneP.reload();
    await phoneP.getByTestId('poll-open').getByTestId('poll-mine').getByText('你已投票：同意').waitFor();
    await phoneP.getByTestId('poll-open').scrollIntoViewIfNeeded();
    await visit(phoneP, 'l13-phone-poll');
    for (const [page, answer] of [
      [resident, '反对'],
      [guestP, '同意'],
    ] as const) {
      const p = page.getByTestId('poll-open');
      await p.getByRole('radio', { name: new RegExp(`^${answer}`) }).check();
      await p.getByRole('button', { name: '提交' }).click();
      await p.getByText('已提交').waitFor();
    }
    await screen.getByTestId('screen-poll').getByText('共 3 人投票').waitFor();
    await visit(screen, 'l14-screen-poll');

    await convener.getByTestId('console-poll').first().getByText('共 3 人投票').waitFor();
    await visit(convener, 'l15-console-poll');
    await convener.getByRole('button', { name: '结束投票' }).click();
    await convener.getByRole('button', { name: '结束投票' }).last().click();
    await convener.getByText('投票已结束').first().waitFor();
    await phoneP.getByTestId('poll-closed').waitFor();
    await screen.getByTestId('screen-poll').waitFor({ state: 'detached' });
  });

  it('the convener promotes a consensus statement into the recommendations list', async () => {
    await convener.getByRole('tab', { name: '意见地图' }).click();
    const map = convener.getByTestId('console-map');
    await map.getByTestId('map-chart').waitFor();
    await map.getByRole('button', { name: '查看数据表' }).click();
    await map.getByRole('table').waitFor();
    await visit(convener, 'l16-console-map');
    const item = map.getByTestId('consensus').filter({ hasText: seeds[7]! });
    await item.getByRole('button', { name: '纳入协商建议' }).click();
    const dialog = convener.getByRole('dialog');
    await dialog.getByRole('button', { name: '纳入建议清单' }).click();
    const refusal = dialog.locator('.ant-form-item-explain-error');
    await item.getByTestId('promoted').or(refusal).waitFor();
    if (await refusal.isVisible()) throw new Error(`promotion refused: ${await refusal.innerText()}`);
    await item
      .getByTestId('promoted')
      .getByText(/已纳入建议\d+/)
      .waitFor();
    await visit(convener, 'l17-promoted');

    await convener.goto(`/deliberations/${deliberationId}?tab=outcome`);
    const rec = convener.getByTestId('recommendation').filter({ hasText: seeds[7]! });
    await rec.waitFor();
    await rec.getByText(/在线协商共识/).waitFor();
    await visit(convener, 'l18-recommendation');

    await phoneP.getByTestId('participant-map').getByTestId('consensus').first().scrollIntoViewIfNeeded();
    await settle(phoneP);
    await visit(phoneP, 'l19-phone-map');

    // The same page in English, one tap away.
    await phoneP.getByRole('button', { name: '切换为英文' }).click();
    await phoneP.getByRole('heading', { name: 'What do you think?' }).waitFor();
    await phoneP.evaluate(() => window.scrollTo(0, 0));
    await visit(phoneP, 'l20-phone-english');
  });

  it('a leader watches the console without its controls', async () => {
    const leader = await loginAs('leader');
    await leader.goto(`/deliberations/${deliberationId}/live`);
    await leader.getByTestId('live-console').waitFor();
    await leader.getByTestId('statement-row').first().waitFor();
    expect(await leader.getByRole('button', { name: '撤下' }).count()).toBe(0);
    expect(await leader.getByRole('button', { name: '结束讨论' }).count()).toBe(0);
    expect(await leader.getByLabel('观点（每行一条）').count()).toBe(0);
    await visit(leader, 'l21-leader-console');
  });
});

describe('a remote meeting with a sub-venue', () => {
  let remoteId = '';
  let residentPhone: Page;
  const subVenue = '任港街道分会场';
  const video = 'https://meeting.example.cn/j/2026';

  it('the convener opens a remote session with a sub-venue and its video link', async () => {
    await convenerApi.post(`/live/sessions/${sessionId}/close`);
    await convener.goto(`/deliberations/${deliberationId}/live`);
    await convener.getByRole('heading', { name: '开启线上讨论' }).waitFor();
    await convener.getByRole('radio', { name: /^远程协商/ }).check();
    await convener.getByRole('radio', { name: /^仅限受邀人员/ }).check();
    await convener.getByRole('button', { name: '添加分会场' }).click();
    await convener.getByLabel('会场名称 1').fill(subVenue);
    await convener.getByLabel('视频会议链接 1').fill(video);
    await visit(convener, 'l22-console-remote-form');
    await convener.getByRole('button', { name: '开启讨论' }).click();
    await convener.getByTestId('live-console').waitFor();
    remoteId = new URL(convener.url()).searchParams.get('session')!;
    expect(remoteId).toBeTruthy();
    expect(remoteId).not.toBe(sessionId);
    await convener.getByRole('tab', { name: '会场' }).click();
    await convener.getByRole('cell', { name: subVenue, exact: true }).waitFor();
    await visit(convener, 'l23-console-venues-start');
  });

  it('a participant at the sub-venue signs in with its code, sees the video link and speaks from there', async () => {
    const s = await convenerApi.get<{ venues: { id: string; name: string; signInCode: string | null }[] }>(`/live/sessions/${remoteId}`);
    const sub = s.venues.find((v) => v.name === subVenue)!;
    expect(sub.signInCode).toBeTruthy();
    residentPhone = await loginAs('resident', phone);
    await residentPhone.goto(`/live/${remoteId}?venue=${sub.id}&code=${encodeURIComponent(sub.signInCode!)}`);
    await residentPhone.getByRole('button', { name: '加入讨论' }).click();
    await residentPhone.getByText(`已在“${subVenue}”签到`).first().waitFor();
    const link = residentPhone.getByRole('link', { name: `打开${subVenue}的视频会议` });
    expect(await link.getAttribute('href')).toBe(video);
    await visit(residentPhone, 'l24-phone-subvenue');

    // The console sees each venue's presence: the room none yet, the sub-venue one.
    await expect.poll(() => convener.getByTestId('venue-present').allInnerTexts()).toEqual(['0', '1']);
    await visit(convener, 'l25-console-venues-present');

    await residentPhone.getByRole('button', { name: '举手发言' }).click();
    await residentPhone.getByTestId('hand-waiting').getByText('你已举手').waitFor();
    await convener.getByRole('tab', { name: /发言排队/ }).click();
    const row = convener.getByTestId('queue-waiting').filter({ hasText: '和平桥居民' });
    await row.getByText(subVenue).waitFor();
    await row.getByRole('button', { name: '请他发言' }).click();
    await convener.getByTestId('speaker-name').getByText('和平桥居民').waitFor();
    await residentPhone.getByTestId('my-floor').getByText('轮到你发言了').waitFor();
    await convener.getByLabel('发言要点').fill('分会场居民建议：施工前先公示方案，听取低层住户意见。');
    await convener.getByRole('button', { name: '结束发言' }).click();
    await convener.getByText('发言已结束并记录').first().waitFor();
    await convener.getByTestId('queue-done').filter({ hasText: subVenue }).first().waitFor();
    await visit(convener, 'l26-console-queue-remote');

    // The meeting record has the speech with the venue it came from.
    await convener.goto(`/deliberations/${deliberationId}?tab=meeting`);
    const speech = convener.getByTestId('speech').filter({ hasText: '分会场居民建议' });
    await speech.getByTestId('speech-venue').getByText(subVenue).waitFor();
    await speech.scrollIntoViewIfNeeded();
    await visit(convener, 'l27-meeting-speech-venue');
  });
});

describe('an invited-only session', () => {
  it('refuses a logged-in account that was not invited with a clear page, and asks visitors to log in', async () => {
    const remote = await convenerApi.get<{ items: { id: string; state: string }[] }>(`/live/sessions?deliberationId=${deliberationId}`);
    for (const x of remote.items.filter((i) => i.state === 'open')) await convenerApi.post(`/live/sessions/${x.id}/close`);
    const s = await convenerApi.post<{ id: string }>('/live/sessions', { deliberationId, kind: 'hybrid', joinPolicy: 'invited' });
    for (const [viewport, name] of [
      [phone, 'l28-invited-only-phone'],
      [undefined, 'l29-invited-only-desktop'],
    ] as const) {
      const member = await loginAs('member', viewport);
      await member.goto(`/live/${s.id}`);
      await member.getByText('本场讨论仅限受邀人员参加').waitFor();
      await member.getByText('如果你收到了邀请，请用邀请你的手机号登录').waitFor();
      expect(await member.getByRole('button', { name: '加入讨论' }).count()).toBe(0);
      await visit(member, name);
    }
    const visitor = await open(phone);
    await visitor.goto(`/live/${s.id}`);
    await visitor.getByRole('button', { name: '登录' }).waitFor();
    await visit(visitor, 'l30-invited-visitor');
    // The invited resident takes part.
    const invited = await loginAs('resident', phone);
    await invited.goto(`/live/${s.id}`);
    await invited.getByRole('button', { name: '加入讨论' }).click();
    await invited.getByTestId('pseudonym').getByText('和平桥居民').waitFor();
    await invited.getByTestId('connection').getByText('实时更新中').waitFor();
    // Logged out elsewhere (another tab of the same browser): the open page is told at the next
    // re-check of its socket, stops reconnecting, and offers to log in again.
    const api = invited.context().request;
    const { csrfToken } = (await (await api.get(`${server.url}/api/v1/auth/me`)).json()) as { csrfToken: string };
    expect((await api.post(`${server.url}/api/v1/auth/logout`, { headers: { 'x-csrf-token': csrfToken } })).status()).toBe(200);
    await invited.getByTestId('live-revoked').getByText('您的登录已失效').waitFor({ timeout: 20_000 });
    await invited.getByTestId('connection').getByText('未连接').waitFor();
    await invited.getByTestId('live-revoked').getByRole('button', { name: '重新登录' }).waitFor();
    await visit(invited, 'l31-phone-logged-out');
  });
});

describe('accessibility', () => {
  it('keeps serious accessibility violations at zero', () => {
    expect(problems).toEqual([]);
  });
});
