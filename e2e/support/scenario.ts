import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach } from 'vitest';
import { checkA11y, newContext, reportPages, screenshot, type AxeProblem } from './browser.ts';
import type { RunningServer } from './server.ts';

/** The demo accounts' password (README). */
export const DEMO_PASSWORD = 'Demo@2026';

type Viewport = { width: number; height: number };

/**
 * The steps every browser scenario takes, over the scenario's browser and server (read when a
 * step runs, so they may be started in `beforeAll`): visit a page (axe-core, then a screenshot),
 * open a fresh context, log in through the login page. The axe problems are kept for the
 * scenario's last check. It also registers the file's hooks: after a failed step, what every
 * open page shows (reportPages); at the end, the contexts, the browser and the server closed.
 */
export function scenarioSteps(current: () => { browser: Browser | undefined; server: RunningServer | undefined }) {
  const problems: AxeProblem[] = [];
  const contexts: BrowserContext[] = [];

  /** Checks the page with axe-core and saves its screenshot as e2e/artifacts/<name>.png. */
  async function visit(page: Page, name: string): Promise<void> {
    problems.push(...(await checkA11y(page, name)));
    await screenshot(page, name);
  }

  /** A page in a fresh browser context (no cookies), at a viewport (desktop by default). */
  async function open(viewport?: Viewport): Promise<Page> {
    const { browser, server } = current();
    const ctx = await newContext(browser!, server!.url, viewport);
    contexts.push(ctx);
    return ctx.newPage();
  }

  /** Fills and sends the login form on the current page. */
  async function fillLogin(page: Page, who: string, password = DEMO_PASSWORD): Promise<void> {
    await page.getByLabel('用户名或手机号').fill(who);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('button', { name: '登录' }).click();
  }

  /** A page logged in as `who` (username or phone), past the login page. */
  async function loginAs(who: string, viewport?: Viewport, password = DEMO_PASSWORD): Promise<Page> {
    const page = await open(viewport);
    await page.goto('/login');
    await fillLogin(page, who, password);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    return page;
  }

  afterEach(async (ctx) => {
    const { browser } = current();
    if (ctx.task.result?.state === 'fail' && browser) await reportPages(browser, ctx.task.name);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    const { browser, server } = current();
    await browser?.close();
    await server?.stop();
  });

  return { problems, visit, open, fillLogin, loginAs };
}
