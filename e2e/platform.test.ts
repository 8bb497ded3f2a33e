import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { type AxeProblem, checkA11y, launchBrowser, newContext, phone, reportPages, screenshot } from './support/browser.ts';
import { startServer, type RunningServer } from './support/server.ts';

/*
 * The platform scenario (issue 2): every demo role logs in, sees its own menu and home page and
 * nothing more; the language switch persists; the org page, the lists and the account form
 * work; a new account is forced to change its password; a resident uses it all on a phone.
 * axe-core runs on every page visited; any serious or critical violation fails the scenario.
 */

const PASSWORD = 'Demo@2026';
const ALL_MENU = ['工作台', '组织架构', '委员', '账号与角色', '审计日志', '接口文档'];

const roles: { login: string; menu: string[]; home: string[] }[] = [
  { login: 'admin', menu: ALL_MENU, home: ['home-summary', 'home-admin'] },
  { login: 'staff', menu: ALL_MENU, home: ['home-summary', 'home-staff'] },
  { login: 'leader', menu: ['工作台', '组织架构', '委员'], home: ['home-summary', 'home-chart', 'home-leader'] },
  { login: 'convener', menu: ['工作台', '组织架构', '委员'], home: ['home-room', 'home-convener'] },
  { login: 'member', menu: ['工作台', '组织架构', '委员'], home: ['home-member-record', 'home-member'] },
  { login: 'department', menu: ['工作台', '组织架构', '委员'], home: ['home-department-node', 'home-department'] },
  { login: '13800000007', menu: ['工作台'], home: ['home-room', 'home-resident'] },
];

let server: RunningServer;
let browser: Browser;
const problems: AxeProblem[] = [];

/** Checks accessibility and saves a screenshot of the page as it is now. */
async function visit(page: Page, name: string): Promise<void> {
  problems.push(...(await checkA11y(page, name)));
  await screenshot(page, name);
}

async function login(page: Page, who: string, password = PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名或手机号').fill(who);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

async function menuEntries(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: '主导航' });
  await nav.getByRole('link').first().waitFor();
  return (await nav.getByRole('link').allInnerTexts()).map((s) => s.trim());
}

async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^用户菜单/ }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.waitForURL('**/login');
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && browser) await reportPages(browser, ctx.task.name);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('platform shell', () => {
  it('shows the login page and refuses a wrong password plainly, once', async () => {
    const ctx = await newContext(browser, server.url);
    const page = await ctx.newPage();
    await page.goto('/');
    await page.waitForURL('**/login');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await visit(page, '01-login');
    await login(page, 'staff', 'wrong-password');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).count()).toBe(1);
    await visit(page, '02-login-wrong-password');
    await page.getByRole('link', { name: '群众注册' }).click();
    await page.getByRole('heading', { name: '群众注册' }).waitFor();
    await page.getByRole('button', { name: '注册并登录' }).click();
    await page.getByText('请填写手机号').waitFor();
    await visit(page, '03-register-validation');

    // A resident registers, lands on the resident home page, and cannot register the phone twice.
    const register = async () => {
      await page.getByLabel('手机号').fill('13900000001');
      await page.getByLabel('姓名或称呼').fill('新居民');
      await page.getByLabel('设置密码').fill('Resident@2026');
      await page.getByLabel('再次输入密码').fill('Resident@2026');
      await page.getByRole('button', { name: '注册并登录' }).click();
    };
    await register();
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    await page.getByTestId('home-resident').waitFor();
    expect(await menuEntries(page)).toEqual(['工作台']);
    await logout(page);
    await page.goto('/register');
    await register();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '该手机号已注册，请直接登录' }).count()).toBe(1);

    // Five failures lock a login for a while; the person is told so plainly.
    for (let i = 0; i < 5; i++) {
      await login(page, 'nobody', 'wrong-password');
      await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    }
    await login(page, 'nobody', 'wrong-password');
    await page
      .getByRole('alert')
      .filter({ hasText: /^登录失败次数过多，请在 \d\d:\d\d 后再试$/ })
      .waitFor();
    await ctx.close();
  });

  for (const r of roles) {
    it(`${r.login}: the right menu and home page, then logs out`, async () => {
      const ctx = await newContext(browser, server.url);
      const page = await ctx.newPage();
      await login(page, r.login);
      await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
      expect(await menuEntries(page)).toEqual(r.menu);
      for (const id of r.home) await page.getByTestId(id).waitFor();
      await visit(page, `10-home-${r.login === '13800000007' ? 'resident' : r.login}`);
      await logout(page);
      await ctx.close();
    });
  }

  it('a convener who is also a member switches the acting node; the choice persists', async () => {
    const ctx = await newContext(browser, server.url);
    const page = await ctx.newPage();
    await login(page, 'convener');
    await page.getByTestId('home-convener').waitFor();
    await page.getByRole('combobox', { name: '当前身份' }).click();
    await page.locator('.ant-select-item-option', { hasText: '崇川区政协' }).click();
    await page.getByTestId('home-member').waitFor();
    await page.reload();
    await page.getByTestId('home-member').waitFor();
    expect(await page.getByTestId('home-convener').count()).toBe(0);
    await visit(page, '11-home-convener-as-member');

    // The org page hides what the person may not do (the node's abilities): no create/edit/archive.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '组织架构' }).click();
    await page.getByRole('heading', { level: 1, name: '崇川区政协' }).waitFor();
    await page.getByRole('heading', { name: '下级组织' }).waitFor();
    for (const name of ['新建下级组织', '编辑', '归档']) expect(await page.getByRole('button', { name }).count()).toBe(0);
    await ctx.close();
  });

  it('a session that ends on the server sends the person to the login page, saying why', async () => {
    const ctx = await newContext(browser, server.url);
    const page = await ctx.newPage();
    await login(page, 'member');
    await page.getByTestId('home-member-record').waitFor();
    await ctx.clearCookies();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '委员' }).click();
    await page.waitForURL('**/login');
    await page.getByText('登录已失效，请重新登录').waitFor();
    await ctx.close();
  });

  it('switches to English and back; the choice survives a reload', async () => {
    const ctx = await newContext(browser, server.url);
    const page = await ctx.newPage();
    await login(page, 'admin');
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    // Keyboard first: the first Tab reaches the skip link, and focus is visible.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到主要内容');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    await screenshot(page, '12-keyboard-skip-link');
    await page.getByRole('button', { name: '切换为英文' }).click();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en-US');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en-US');
    await visit(page, '20-home-admin-english');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await ctx.close();
  });

  it('staff browse the org tree, the members, the accounts and the audit log, and open an account', async () => {
    const ctx = await newContext(browser, server.url);
    const page = await ctx.newPage();
    await login(page, 'staff');
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '组织架构' }).click();
    await page.getByRole('heading', { level: 1, name: '南通市政协' }).waitFor();
    await page.getByRole('button', { name: '新建下级组织' }).waitFor();
    await visit(page, '30-org-city');
    await page.getByRole('main').getByRole('link', { name: '崇川区政协' }).first().click();
    await page.getByRole('heading', { level: 1, name: '崇川区政协' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: '和平桥街道', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: '和平桥街道' }).waitFor();
    await page
      .getByRole('main')
      .getByRole('link', { name: /和平桥街道“有事好商量”协商议事室/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: /协商议事室/ }).waitFor();
    const crumbs = page.getByRole('navigation', { name: '当前位置' });
    await expect.poll(() => crumbs.innerText()).toMatch(/南通市政协[\s/]+崇川区政协[\s/]+和平桥街道[\s/]+和平桥街道“有事好商量”协商议事室/);
    await visit(page, '31-org-room');

    // The edit form: a required field left empty is named beside the field.
    await page.getByRole('button', { name: '编辑' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill('');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('请填写名称').waitFor();
    await visit(page, '32-org-edit-validation');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Create a contact point under the room, then archive it: back to the room.
    await page.getByRole('button', { name: '新建下级组织' }).click();
    const createNode = page.getByRole('dialog');
    await createNode.getByLabel('类型').click();
    await page.locator('.ant-select-item-option', { hasText: '社情民意联系点' }).click();
    await createNode.getByLabel('名称').fill('和平桥街道第二社情民意联系点');
    await createNode.getByRole('button', { name: '新建' }).click();
    await page.getByRole('heading', { level: 1, name: '和平桥街道第二社情民意联系点' }).waitFor();
    await page.getByRole('button', { name: '归档' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '归档' }).click();
    await page.getByRole('heading', { level: 1, name: /协商议事室/ }).waitFor();
    expect(await page.getByRole('main').getByRole('link', { name: '和平桥街道第二社情民意联系点' }).count()).toBe(0);

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '委员' }).click();
    await page.getByRole('heading', { level: 1, name: '委员' }).waitFor();
    await page.getByText(/共 \d+ 条/).waitFor();
    expect(await page.getByRole('main').getByRole('row').count()).toBeGreaterThan(5);
    await visit(page, '33-members');
    const firstName = await page.getByRole('main').getByRole('row').nth(1).innerText();
    await page.getByRole('button', { name: '下一页' }).click();
    await page.getByText(/第 2 页/).waitFor();
    await expect.poll(() => page.getByRole('main').getByRole('row').nth(1).innerText()).not.toBe(firstName);
    await page.getByRole('button', { name: '上一页' }).click();
    await page.getByText(/第 1 页/).waitFor();
    await expect.poll(() => page.getByRole('main').getByRole('row').nth(1).innerText()).toBe(firstName);
    await page.getByLabel('姓名或专长').fill('养老服务');
    await page.getByRole('button', { name: '搜索' }).click();
    await expect.poll(() => page.getByRole('main').getByRole('row').count()).toBeGreaterThan(1);

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '账号与角色' }).click();
    await page.getByRole('heading', { level: 1, name: '账号与角色' }).waitFor();
    await page.getByRole('cell', { name: '和平桥居民', exact: true }).waitFor();
    await visit(page, '34-accounts');

    // Open an account; its holder must change the first password at first login.
    await page.getByRole('button', { name: '新建账号' }).click();
    const create = page.getByRole('dialog');
    await create.getByRole('button', { name: '新建' }).click();
    await create.getByText('请填写姓名').waitFor();
    await visit(page, '35-account-create-validation');
    await create.getByLabel('姓名').fill('测试联络员');
    await create.getByLabel('用户名').fill('e2e.liaison');
    await create.getByLabel('初始密码').fill('First@2026');
    await create.getByLabel('角色', { exact: true }).click();
    await page.locator('.ant-select-item-option', { hasText: '政协委员' }).click();
    await create.getByLabel('所在组织').click();
    await create.getByLabel('所在组织').fill('崇川区');
    await page
      .locator('.ant-select-item-option', { hasText: /^崇川区政协/ })
      .first()
      .click();
    await create.getByRole('button', { name: '新建' }).click();
    await create.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: '测试联络员', exact: true }).waitFor();
    await page.getByRole('button', { name: '管理角色: 测试联络员' }).click();
    const rolesDialog = page.getByRole('dialog');
    await rolesDialog.getByText('政协委员 · 崇川区政协').waitFor();
    await visit(page, '35b-account-roles');
    await rolesDialog
      .getByRole('button', { name: 'Close' })
      .or(rolesDialog.getByRole('button', { name: '关闭' }))
      .first()
      .click();
    await rolesDialog.waitFor({ state: 'hidden' });

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '审计日志' }).click();
    await page.getByRole('heading', { level: 1, name: '审计日志' }).waitFor();
    await page.getByRole('cell', { name: '新建' }).first().waitFor();
    await page
      .getByRole('button', { name: /展开行|Expand row/ })
      .first()
      .click();
    await page.getByText('修改后').first().waitFor();
    await visit(page, '36-audit');
    await logout(page);

    // The new account: forced to the change-password page, then home.
    await login(page, 'e2e.liaison', 'First@2026');
    await page.getByRole('heading', { level: 1, name: '修改密码' }).waitFor();
    await page.goto('/members');
    await page.getByRole('heading', { level: 1, name: '修改密码' }).waitFor();
    await visit(page, '37-forced-password-change');
    // A wrong current password is said beside its field (the server's field error, mapped).
    await page.getByLabel('当前密码').fill('Wrong@2026');
    await page.getByLabel('新密码', { exact: true }).fill('Second@2026');
    await page.getByLabel('再次输入新密码').fill('Second@2026');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('当前密码不正确').waitFor();
    await page.getByLabel('当前密码').fill('First@2026');
    await page.getByLabel('新密码', { exact: true }).fill('Second@2026');
    await page.getByLabel('再次输入新密码').fill('Second@2026');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    expect(await menuEntries(page)).toEqual(['工作台', '组织架构', '委员']);
    await logout(page);
    await ctx.close();
  });

  it('a resident on a phone (375 × 812): login, home, menu drawer, no sideways scrolling', async () => {
    const ctx = await newContext(browser, server.url, phone);
    const page = await ctx.newPage();
    await page.goto('/login');
    await visit(page, '40-phone-login');
    await login(page, '13800000007');
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    await page.getByTestId('home-room').waitFor();
    await visit(page, '41-phone-home');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: '打开菜单' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('link', { name: '工作台' }).waitFor();
    await visit(page, '42-phone-drawer');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await logout(page);
    await ctx.close();
  });

  it('staff on a phone: the member list reads as cards, the org page has a back arrow', async () => {
    const ctx = await newContext(browser, server.url, phone);
    const page = await ctx.newPage();
    await login(page, 'staff');
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    await visit(page, '43-phone-home-staff');
    await page.goto('/members');
    await page.getByText(/共 \d+ 条/).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await visit(page, '44-phone-members');
    await page.goto('/org');
    await page.getByRole('heading', { level: 1, name: '南通市政协' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: '崇川区政协' }).first().click();
    await page.getByRole('button', { name: '返回' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await visit(page, '45-phone-org');
    await page.getByRole('button', { name: '返回' }).click();
    await page.getByRole('heading', { level: 1, name: '南通市政协' }).waitFor();
    await page.goto('/audit');
    await page.getByText(/共 \d+ 条/).waitFor();
    await page.getByRole('button', { name: '筛选' }).click();
    await page.getByLabel('开始日期').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await visit(page, '47-phone-audit');
    await ctx.close();
  });

  it('a leader on a phone reads the figures and the chart without sideways scrolling', async () => {
    const ctx = await newContext(browser, server.url, phone);
    const page = await ctx.newPage();
    await login(page, 'leader');
    await page.getByTestId('home-chart').locator('svg').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await visit(page, '46-phone-home-leader');
    await page.getByRole('button', { name: '查看数据表' }).click();
    await page.getByRole('cell', { name: '崇川区政协' }).waitFor();
    await ctx.close();
  });

  it('no page visited has a serious or critical accessibility violation', () => {
    expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
  });
});
