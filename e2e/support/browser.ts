import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from './server.ts';

/** Where screenshots go (gitignored); look at them after a run. */
export const artifactsDir = path.join(repoRoot, 'e2e/artifacts');

/** Debian's Chromium, headless; `npx playwright install` cannot run here. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath} (apt-get install chromium)`);
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export const desktop = { width: 1366, height: 900 };
export const phone = { width: 375, height: 812 };

/** A fresh browser profile (no cookies, no saved language) at a viewport. */
export async function newContext(browser: Browser, baseURL: string, viewport = desktop): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    baseURL,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
    isMobile: viewport.width < 768,
    hasTouch: viewport.width < 768,
    reducedMotion: 'reduce',
  });
  // Generous: CI shares two cores with other work; a step that is merely slow should not fail.
  ctx.setDefaultTimeout(30_000);
  return ctx;
}

export interface AxeProblem {
  page: string;
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on the page as it is now and returns the serious and critical violations
 * (printed), so that the scenario can fail on any of them; minor and moderate ones are printed
 * as notes.
 */
export async function checkA11y(page: Page, name: string): Promise<AxeProblem[]> {
  await settle(page);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const problems: AxeProblem[] = [];
  for (const v of result.violations) {
    const p = {
      page: name,
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    };
    if (v.impact === 'serious' || v.impact === 'critical') {
      problems.push(p);
      console.error(`axe ${p.impact} on ${name}: ${p.id} — ${p.help}\n    ${p.targets.join('\n    ')}`);
    } else {
      console.warn(`axe note (${p.impact}) on ${name}: ${p.id} — ${p.help} [${p.targets.join(', ')}]`);
    }
  }
  return problems;
}

/** Waits for the network to go quiet and animations to end, so a screenshot shows the page. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(250);
}

/** Resolves after the browser has produced two more frames (the page as it is now is painted). */
async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

/**
 * Saves a full-page screenshot as e2e/artifacts/<name>.png. The viewport is first grown to the
 * page's height and the page left to paint: on a busy machine Chromium's own full-page capture
 * sometimes returned a frame from before the page had loaded (an empty list, a missing card).
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await settle(page);
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (viewport && height > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height });
    await nextFrames(page);
    await page.waitForTimeout(100);
    await page.screenshot({ path: file, fullPage: true });
    await page.setViewportSize(viewport);
    await nextFrames(page);
  } else {
    await nextFrames(page);
    await page.screenshot({ path: file, fullPage: true });
  }
  return file;
}

/**
 * After a failed step: prints what each open page shows (address and the start of its text) and
 * saves a screenshot `failed-<n>.png`, so that a failure in CI, where nobody watches the browser,
 * says what the page said.
 */
export async function reportPages(browser: Browser, step: string): Promise<void> {
  let n = 0;
  for (const ctx of browser.contexts()) {
    for (const page of ctx.pages()) {
      n++;
      const text = await page
        .locator('body')
        .innerText({ timeout: 2_000 })
        .catch(() => '(no text)');
      console.error(`[${step}] page ${n}: ${page.url()}\n${text.replace(/\s+/g, ' ').slice(0, 800)}`);
      await screenshot(page, `failed-${n}`).catch(() => undefined);
    }
  }
}
