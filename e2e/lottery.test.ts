import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { parsePoolCsv, parseQuotasCsv, selectPanel } from '@shangliang/selection';
import { apiLogin, type ApiSession } from './support/api.ts';
import { launchBrowser, phone, settle } from './support/browser.ts';
import { openDeliberation, registerResidents } from './support/deliberation.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { DEMO_PASSWORD, scenarioSteps } from './support/scenario.ts';

/*
 * The participants' lottery (issue 5) in the browser: residents volunteer from the room's public
 * page on a phone (one through the page, the rest through the API), the convener sees the pool
 * counted by feature, edits the quotas pre-filled from the rules, is told plainly why impossible
 * quotas cannot be met, draws with a public seed, and publishes (which invites the panel); a
 * panel member declines on their phone; the convener draws a replacement, which is shown as
 * recorded, and every quota still holds. Screenshots go to e2e/artifacts/l*.png and axe-core
 * runs on every page.
 *
 * Before that the convener adds a question of their own and the list of communities and opens
 * sign-up; volunteers answer the question on their phones; the convener closes sign-up and a
 * resident whose form was still open is told so plainly. After publication anyone opens the
 * published lottery from the room's page on a phone and downloads pool.csv and quotas.csv, which
 * re-run to the same panel and digest; after the replacement the page lists it by pool id with
 * its derived seed and the command that re-runs it.
 *
 * Setup through the API (support/deliberation.ts; not what the scenario is about): topic approval
 * switched off, the topic proposed, accepted and selected, the deliberation opened.
 */

const VOLUNTEER_PASSWORD = 'Volunteer-2026';
/** The draw and the explanation of infeasible quotas solve LPs: slower on a busy machine. */
const SOLVE = 60_000;

let server: RunningServer;
let browser: Browser;
const { problems, visit, open, fillLogin, loginAs } = scenarioSteps(() => ({ browser, server }));

let convenerApi: ApiSession;
let roomId = '';
let deliberationId = '';

/** The residents who volunteer: the first through the phone page, the rest through the API. */
const people = [
  { name: '陈晓华', category: 'resident', community: '和平桥社区', gender: 'female', ageBand: '35-59' },
  { name: '王立新', category: 'resident', community: '和平桥社区', gender: 'male', ageBand: '60+' },
  { name: '刘桂英', category: 'resident', community: '和平桥社区', gender: 'female', ageBand: '60+' },
  { name: '张志强', category: 'stakeholder', community: '和平桥社区', gender: 'male', ageBand: '35-59' },
  { name: '李春梅', category: 'stakeholder', community: '和平桥社区', gender: 'female', ageBand: '18-34' },
  { name: '赵国庆', category: 'resident', community: '和平桥社区', gender: 'male', ageBand: '18-34' },
  { name: '孙丽娟', category: 'resident', community: '桃坞社区', gender: 'female', ageBand: '35-59' },
  { name: '周建华', category: 'resident', community: '桃坞社区', gender: 'male', ageBand: '60+' },
  { name: '吴秀兰', category: 'resident', community: '桃坞社区', gender: 'female', ageBand: '60+' },
  { name: '郑海涛', category: 'stakeholder', community: '桃坞社区', gender: 'male', ageBand: '35-59' },
  { name: '冯雅琴', category: 'stakeholder', community: '桃坞社区', gender: 'female', ageBand: '18-34' },
  { name: '何永军', category: 'resident', community: '桃坞社区', gender: 'male' },
].map((p, i) => ({ ...p, phone: `1390002${String(1000 + i)}` }));
/** A resident who comes to the form after the convener has closed sign-up. */
const late = { name: '钱晓燕', phone: '13900029999' };
/** The convener's own question, and the answers of the residents who volunteer through the API (by index). */
const carQuestion = { label: '家里是否有车', why: '车位分配要兼顾有车和没有车的居民。', options: ['有车', '没有车'] };
const hasCar = (i: number) => (i % 3 === 2 ? '没有车' : '有车');
const accounts = new Map<string, (typeof people)[number]>();

/** Nothing wider than the phone's screen: no sideways scrolling, nothing cut off. */
async function expectNoOverflow(page: Page): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll).toBeLessThanOrEqual(width);
}

/** Every button, radio and text field on the page is at least 44 px high (UI.md, phones). */
async function expectTouchTargets(page: Page): Promise<void> {
  const small = await page.evaluate(() =>
    Array.from(document.querySelectorAll('main button, main .ant-radio-wrapper, main input[type=text], main input:not([type])'))
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => ({ text: (e.textContent ?? '').trim() || e.getAttribute('id') || e.tagName, h: e.getBoundingClientRect().height }))
      .filter((e) => e.h < 44),
  );
  expect(small).toEqual([]);
}

/** Sets an antd InputNumber by its accessible name. */
async function setNumber(page: Page, label: string, value: number): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(String(value));
  await input.press('Tab');
}

interface Lottery {
  panel: string[];
  quotas: { category: string; feature: string; min: number; max: number }[];
  seed: string;
  inputDigest: string;
  replacements: { declined: string; replacement: string; seed: string }[];
  publishedAt: string | null;
}
interface Volunteer {
  id: string;
  name: string;
  features: Record<string, string>;
}
interface Participant {
  id: string;
  name: string;
  accountId: string | null;
  volunteerId: string | null;
  source: string;
  answer: string;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const opened = await openDeliberation(server.url, {
    title: '社区停车位分配办法',
    description: '小区新增 40 个停车位，如何在居民之间公平分配，需要大家商量。',
  });
  ({ roomId, deliberationId, convenerApi } = opened);
  const ids = await registerResidents(server.url, roomId, [...people, late], VOLUNTEER_PASSWORD);
  people.forEach((p, i) => accounts.set(ids[i]!, p));
}, 180_000);

describe('the participants’ lottery', () => {
  it('the convener adds a question of their own and the list of communities, then opens sign-up', async () => {
    // Until the convener opens it, sign-up refuses and the room's page does not offer it.
    const early = await apiLogin(server.url, people[1]!.phone, VOLUNTEER_PASSWORD);
    await expect(early.post(`/deliberations/${deliberationId}/volunteers`, { category: 'resident' })).rejects.toThrow(
      /409.*signUpNotOpened/,
    );
    const page = await loginAs('convener');
    await page.goto(`/deliberations/${deliberationId}?tab=participants`);
    const card = page.getByTestId('sign-up');
    await card.getByTestId('sign-up-status').getByText('尚未开放报名').waitFor();
    await card.getByLabel('社区（村）名单').fill('和平桥社区\n桃坞社区');
    await card.getByRole('button', { name: '添加问题' }).click();
    const q = card.getByTestId('sign-up-question');
    // The page checks what the server would refuse: one answer is not a choice.
    await q.getByLabel('问题', { exact: true }).fill(carQuestion.label);
    await q.getByLabel('选项').fill('有车');
    await card.getByRole('button', { name: '保存报名问题' }).click();
    await q.getByText('请填写为什么问').waitFor();
    await q.getByText('请至少填写 2 个选项，每行一个').waitFor();
    await q.getByLabel('为什么问').fill(carQuestion.why);
    await q.getByLabel('选项').fill(carQuestion.options.join('\n'));
    await card.getByRole('button', { name: '保存报名问题' }).click();
    await page.getByText('报名问题已保存').first().waitFor();
    await visit(page, 'l00-sign-up-form');
    await card.getByRole('button', { name: '开放报名' }).click();
    await card.getByTestId('sign-up-status').getByText('报名中').waitFor();
    const form = await convenerApi.get<{ questions: unknown[]; communities: string[]; open: boolean }>(
      `/deliberations/${deliberationId}/sign-up`,
    );
    expect(form).toMatchObject({ open: true, questions: [{ key: 'q1', ...carQuestion }], communities: ['和平桥社区', '桃坞社区'] });
    await visit(page, 'l00-sign-up-open');
  });

  it('a resident volunteers from the room’s public page on a phone', async () => {
    const page = await open(phone);
    await page.goto(`/r/${roomId}`);
    const section = page.getByTestId('public-lottery').filter({ hasText: '社区停车位分配办法' });
    await section.getByText('已有 0 人报名').waitFor();
    await visit(page, 'l01-public-room-lottery-phone');
    await expectNoOverflow(page);
    await section.getByRole('button', { name: '我要报名' }).click();
    await page.waitForURL('**/login');
    await fillLogin(page, people[0]!.phone, VOLUNTEER_PASSWORD);
    await page.waitForURL(`**/volunteer/${deliberationId}`);
    await page.getByTestId('volunteer-privacy').getByText('只有本议事室的召集人和政协工作人员能看到').waitFor();
    await page.getByRole('button', { name: '提交报名' }).click();
    await page.getByText('请选择你的身份').waitFor();
    await visit(page, 'l02-volunteer-form-phone');
    await expectNoOverflow(page);
    await expectTouchTargets(page);
    await page.getByRole('radio', { name: '基层群众' }).check();
    // The community is a choice from the convener's list, and the convener's question says why it is asked.
    await page.getByRole('radio', { name: people[0]!.community }).check();
    await page.getByRole('radio', { name: '女', exact: true }).check();
    await page.getByRole('radio', { name: '35–59 岁' }).check();
    await page.getByTestId('question-why').getByText(carQuestion.why).waitFor();
    await page.getByRole('radio', { name: '有车', exact: true }).check();
    await visit(page, 'l02b-volunteer-question-phone');
    await expectNoOverflow(page);
    await expectTouchTargets(page);
    await page.getByRole('button', { name: '提交报名' }).click();
    await page.getByTestId('volunteer-done').waitFor();
    await visit(page, 'l03-volunteer-done-phone');

    await page.getByRole('button', { name: '返回议事室' }).click();
    await section.getByText('你已报名').waitFor();
    await section.getByText('已有 1 人报名').waitFor();
    expect(await section.getByRole('button', { name: '我要报名' }).count()).toBe(0);
    // The public page never shows who volunteered.
    expect(await page.locator('main').innerText()).not.toContain(people[0]!.name);
    await visit(page, 'l04-public-room-volunteered-phone');
  });

  it('the other residents volunteer (through the API)', async () => {
    for (const p of people.slice(1)) {
      const api = await apiLogin(server.url, p.phone, VOLUNTEER_PASSWORD);
      const features: Record<string, string> = { community: p.community, gender: p.gender, q1: hasCar(people.indexOf(p)) };
      if (p.ageBand) features.ageBand = p.ageBand;
      await api.post(`/deliberations/${deliberationId}/volunteers`, { category: p.category, features });
    }
    const mine = (await convenerApi.get<{ items: Volunteer[] }>(`/deliberations/${deliberationId}/volunteers`)).items;
    expect(mine.find((v) => v.name === people[0]!.name)!.features).toEqual({
      category: 'resident',
      community: '和平桥社区',
      gender: 'female',
      ageBand: '35-59',
      q1: '有车',
      share: 'public',
    });
  });

  it('the convener closes sign-up: a resident whose form was open is told plainly, and the pages say so', async () => {
    const resident = await loginAs(late.phone, phone, VOLUNTEER_PASSWORD);
    await resident.goto(`/volunteer/${deliberationId}`);
    await resident.getByRole('radio', { name: '利益相关方' }).check();
    // The convener's question is required (the default): the form asks for it before it sends.
    await resident.getByRole('button', { name: '提交报名' }).click();
    await resident.getByText(`请回答：${carQuestion.label}`).waitFor();
    await resident.getByRole('radio', { name: '没有车', exact: true }).check();

    const page = await loginAs('convener');
    await page.goto(`/deliberations/${deliberationId}?tab=participants`);
    const card = page.getByTestId('sign-up');
    // Someone has answered: the questions stay as they were asked.
    await card.getByText('已经有人报名，报名问题保持原样。').waitFor();
    expect(await card.getByRole('button', { name: '保存报名问题' }).count()).toBe(0);
    await card.getByRole('button', { name: '关闭报名' }).click();
    await card.getByTestId('sign-up-status').getByText('报名已关闭').waitFor();
    await visit(page, 'l04a-sign-up-closed-convener');

    await resident.getByRole('button', { name: '提交报名' }).click();
    await resident.getByRole('alert').getByText('召集人已关闭报名，不再接受新的报名').waitFor();
    await resident.getByTestId('sign-up-closed').getByText('召集人已关闭报名').waitFor();
    expect(await resident.getByRole('button', { name: '提交报名' }).count()).toBe(0);
    await visit(resident, 'l04b-sign-up-closed-refusal-phone');
    await expectNoOverflow(resident);
    await resident.goto(`/r/${roomId}`);
    await resident.getByTestId('public-lottery').filter({ hasText: '社区停车位分配办法' }).getByText('召集人已关闭报名').waitFor();
    expect(await resident.getByRole('button', { name: '我要报名' }).count()).toBe(0);
    await visit(resident, 'l04c-sign-up-closed-room-phone');

    const lateApi = await apiLogin(server.url, late.phone, VOLUNTEER_PASSWORD);
    await expect(lateApi.post(`/deliberations/${deliberationId}/volunteers`, { category: 'resident' })).rejects.toThrow(
      /409.*signUpClosed/,
    );
    const staffApi = await apiLogin(server.url, 'staff', DEMO_PASSWORD);
    const log = await staffApi.get<{ items: { action: string }[] }>(`/audit?entity=sign_up&entityId=${deliberationId}`);
    expect(log.items.map((e) => e.action)).toEqual(expect.arrayContaining(['update', 'open', 'close']));
  });

  it('the convener sees the pool, is told plainly why impossible quotas fail, and draws with a public seed', async () => {
    const page = await loginAs('convener');
    await page.goto(`/deliberations/${deliberationId}?tab=participants`);
    const panel = page.getByTestId('lottery');
    const pool = panel.getByTestId('lottery-pool');
    await pool.getByText('报名情况（12 人）').waitFor();
    await pool.getByText('利益相关方 4 人').waitFor();
    await pool.getByText('桃坞社区 6 人').waitFor();
    await pool.getByText('未填写 1 人').waitFor();
    await panel.getByText(/按本级规则预填/).waitFor();
    await visit(page, 'l05-lottery-pool-quotas');

    await setNumber(page, '抽取人数', 6);
    await setNumber(page, '身份类别 · 利益相关方 至少', 5);
    await page.getByLabel('公开随机数（种子）').fill('2026-12-01 当众掷骰 3 5 2 6');
    await page.getByRole('button', { name: '抽签', exact: true }).click();
    const infeasible = panel.getByTestId('lottery-infeasible');
    await infeasible.getByText('这些名额无法同时满足').waitFor({ timeout: SOLVE });
    await infeasible.getByText(/身份类别 · 利益相关方 的“至少”从 5 改为 4/).waitFor();
    await visit(page, 'l06-lottery-infeasible');

    await setNumber(page, '身份类别 · 利益相关方 至少', 2);
    await setNumber(page, '社区（村） · 和平桥社区 至少', 3);
    await setNumber(page, '社区（村） · 和平桥社区 至多', 2);
    await page.getByRole('button', { name: '抽签', exact: true }).click();
    await panel.getByText('至多的人数不能少于至少的人数').waitFor();
    await setNumber(page, '社区（村） · 和平桥社区 至多', 3);
    await setNumber(page, '社区（村） · 桃坞社区 至少', 3);
    await setNumber(page, '社区（村） · 桃坞社区 至多', 3);
    await page.getByRole('button', { name: '抽签', exact: true }).click();
    await page.getByText('已抽签，抽出 6 人').first().waitFor({ timeout: SOLVE });
    const result = panel.getByTestId('lottery-result');
    await result.getByText('入选名单（6 人）').waitFor();

    const l = await convenerApi.get<Lottery>(`/deliberations/${deliberationId}/lottery`);
    expect(l.panel).toHaveLength(6);
    expect(l.seed).toBe('2026-12-01 当众掷骰 3 5 2 6');
    expect(await result.getByTestId('lottery-seed').innerText()).toBe(l.seed);
    expect(await result.getByTestId('lottery-digest').innerText()).toContain(l.inputDigest);
    expect(await result.getByTestId('panel-member').count()).toBe(6);
    expect(await result.getByTestId('probability').count()).toBe(12);
    expect(l.quotas).toContainEqual({ category: 'community', feature: '和平桥社区', min: 3, max: 3 });
    await result.getByTestId('quota-check').getByText('当前名单满足全部名额').waitFor();
    await visit(page, 'l07-lottery-drawn');

    await panel.getByText('调整名额，重新抽签').waitFor();
    await page.getByRole('button', { name: '公布并邀请' }).click();
    await page.getByText('已公布，已邀请 6 人').first().waitFor();
    await page.getByTestId('participant').filter({ hasText: '抽签产生' }).nth(5).waitFor();
    expect(await panel.getByText('调整名额，重新抽签').count()).toBe(0);
    expect(await page.getByRole('button', { name: '公布并邀请' }).count()).toBe(0);
    await panel.getByTestId('lottery-public-link').getByRole('link', { name: '查看抽签结果（任何人可复核）' }).waitFor();
    // Publication ends sign-up, and the sign-up card says so at once (no switch to open it again).
    await page.getByTestId('sign-up-status').getByText('抽签已公布，报名结束').waitFor();
    expect(await page.getByTestId('sign-up').getByRole('button', { name: '开放报名' }).count()).toBe(0);
    await visit(page, 'l08-lottery-published');
  });

  it('anyone opens the published lottery from the room’s page on a phone, and its files re-run to the same panel', async () => {
    const page = await open(phone);
    await page.goto(`/r/${roomId}`);
    const section = page.getByTestId('public-lottery').filter({ hasText: '社区停车位分配办法' });
    await section.getByText('已公布抽签结果').waitFor();
    await section.getByTestId('published-link').click();
    await page.waitForURL(`**/lottery/${deliberationId}`);
    await page.getByTestId('published-title').getByText('社区停车位分配办法').waitFor();
    const l = await convenerApi.get<Lottery>(`/deliberations/${deliberationId}/lottery`);
    expect(await page.getByTestId('lottery-seed').innerText()).toBe(l.seed);
    expect(await page.getByTestId('lottery-digest').innerText()).toContain(l.inputDigest);
    expect(await page.getByTestId('published-member').count()).toBe(6);
    await page.getByTestId('published-legend').getByText('家里是否有车').waitFor();
    await page
      .getByTestId('published-quotas')
      .getByText(/^家里是否有车 · 没有车：0–\d+ 人$/)
      .waitFor();
    const command = await page.getByTestId('published-command').innerText();
    expect(command).toBe(`npm run select -- --pool pool.csv --quotas quotas.csv --size 6 --seed '${l.seed}' --json`);
    // No name in full anywhere on the page, and none in the files.
    const text = await page.locator('main').innerText();
    for (const p of people) expect(text).not.toContain(p.name);
    await visit(page, 'l08a-published-lottery-phone');
    await expectNoOverflow(page);
    await page.getByText('查看全部 12 名报名者的特征').click();
    await page.getByTestId('published-pool').locator('li').nth(11).waitFor();
    await visit(page, 'l08b-published-pool-phone');
    await expectNoOverflow(page);

    // The files the buttons download, re-run with the published seed, give the same panel.
    const files: string[] = [];
    for (const name of ['pool.csv', 'quotas.csv']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
      expect(download.suggestedFilename()).toBe(name);
      const chunks: Buffer[] = [];
      for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
      files.push(Buffer.concat(chunks).toString('utf8'));
    }
    for (const p of people) expect(files[0]).not.toContain(p.name);
    const rerun = await selectPanel({
      pool: parsePoolCsv(files[0]!).pool,
      quotas: parseQuotasCsv(files[1]!).quotas,
      size: 6,
      seed: l.seed,
    });
    expect(rerun.panel).toEqual(l.panel);
    expect(rerun.inputDigest).toBe(l.inputDigest);
  });

  let declined: Participant;

  it('a panel member declines on their phone', async () => {
    const parts = (await convenerApi.get<{ items: Participant[] }>(`/deliberations/${deliberationId}/participants`)).items;
    declined = parts.find((p) => p.source === 'lottery')!;
    const who = accounts.get(declined.accountId!)!;
    const page = await loginAs(who.phone, phone, VOLUNTEER_PASSWORD);
    await page.goto(`/deliberations/${deliberationId}?tab=participants`);
    const row = page.getByTestId('participant').filter({ hasText: who.name });
    await row.getByRole('button', { name: '婉拒' }).waitFor();
    // A panel member sees the draw with the others' names masked and no run, publish or replace.
    await page.getByTestId('lottery-result').waitFor();
    expect(await page.getByRole('button', { name: '抽取替补' }).count()).toBe(0);
    const seen = await page.locator('main').innerText();
    for (const p of people) if (p !== who) expect(seen).not.toContain(p.name);
    await visit(page, 'l09-panel-member-invited-phone');
    await expectNoOverflow(page);
    await row.getByRole('button', { name: '婉拒' }).click();
    await row.getByText('已婉拒').waitFor();
    await visit(page, 'l10-panel-member-declined-phone');
  });

  it('the convener draws a replacement: it is recorded and every quota still holds', async () => {
    const page = await loginAs('convener');
    await page.goto(`/deliberations/${deliberationId}?tab=participants`);
    const result = page.getByTestId('lottery-result');
    await result.getByTestId('quota-check').getByText('有 1 人婉拒，请抽取替补').waitFor();
    const member = result.getByTestId('panel-member').filter({ hasText: declined.name });
    await member.getByText('已婉拒').waitFor();
    await visit(page, 'l11-awaiting-replacement');
    await member.getByRole('button', { name: '抽取替补' }).click();
    await page
      .getByText(/已抽取替补：/)
      .first()
      .waitFor({ timeout: SOLVE });

    const l = await convenerApi.get<Lottery>(`/deliberations/${deliberationId}/lottery`);
    expect(l.replacements).toHaveLength(1);
    const rep = l.replacements[0]!;
    expect(rep.declined).toBe(declined.volunteerId);
    expect(l.panel).not.toContain(rep.replacement);
    expect(rep.seed).toBe(`${l.seed}/replacement/1`);
    const pool = (await convenerApi.get<{ items: Volunteer[] }>(`/deliberations/${deliberationId}/volunteers`)).items;
    const replacement = pool.find((v) => v.id === rep.replacement)!;
    await result.getByTestId('replacement').getByText(`${declined.name} 婉拒，由 ${replacement.name} 替补`).waitFor();
    await result.getByTestId('panel-member').filter({ hasText: replacement.name }).getByText(`替补 ${declined.name}`).waitFor();
    await page.getByTestId('participant').filter({ hasText: replacement.name }).getByText('抽签替补').waitFor();
    await result.getByTestId('quota-check').getByText('当前名单满足全部名额').waitFor();
    expect(await page.getByRole('button', { name: '抽取替补' }).count()).toBe(0);

    // The quotas still hold, counted here from the participants and the pool, not by the page.
    const parts = (await convenerApi.get<{ items: Participant[] }>(`/deliberations/${deliberationId}/participants`)).items;
    const seated = parts.filter((p) => p.source !== 'invited' && p.answer !== 'declined');
    expect(seated).toHaveLength(6);
    expect(seated.find((p) => p.source === 'replacement')!.volunteerId).toBe(rep.replacement);
    for (const q of l.quotas) {
      const n = seated.filter((p) => pool.find((v) => v.id === p.volunteerId)!.features[q.category] === q.feature).length;
      expect(n, `${q.category}=${q.feature}`).toBeGreaterThanOrEqual(q.min);
      expect(n, `${q.category}=${q.feature}`).toBeLessThanOrEqual(q.max);
    }
    await visit(page, 'l12-replacement-recorded');

    const mobile = await loginAs('convener', phone);
    await mobile.goto(`/deliberations/${deliberationId}?tab=participants`);
    await mobile.getByTestId('lottery-result').getByTestId('replacement').waitFor();
    await settle(mobile);
    await expectNoOverflow(mobile);
    await visit(mobile, 'l13-replacement-recorded-phone');

    // The public page lists the replacement by pool id (no names), its seed derived from the
    // lottery's, and the command that re-runs it from the two files.
    const pub = await open(phone);
    await pub.goto(`/lottery/${deliberationId}`);
    const item = pub.getByTestId('published-replacement');
    await item.getByText(`第 1 次替补：编号 ${rep.declined.slice(-8)} 婉拒，由编号 ${rep.replacement.slice(-8)} 替补`).waitFor();
    await item.getByText(`这次替补的种子 ${l.seed}/replacement/1`, { exact: false }).waitFor();
    expect(await item.getByTestId('published-replacement-command').innerText()).toBe(
      `npm run select -- --pool pool.csv --quotas quotas.csv --size 6 --seed '${l.seed}' --replace ${rep.declined} --json`,
    );
    const text = await pub.locator('main').innerText();
    for (const p of people) expect(text).not.toContain(p.name);
    await expectNoOverflow(pub);
    await visit(pub, 'l14-published-replacement-phone');
  });

  it('keeps serious accessibility violations at zero', () => {
    expect(problems).toEqual([]);
  });
});
