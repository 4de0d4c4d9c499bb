import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { demoNow, demoPassword } from './app-server.js';

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** The Chromium the test run found (test/e2e/find-browser.ts), headless, in a fresh profile. */
export async function launchBrowser(): Promise<Browser> {
  const browser = inject('browser');
  if ('error' in browser) throw new Error(browser.error);
  const dir = mkdtempSync(join(tmpdir(), 'rudder-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: browser.found.executablePath,
    env: { ...process.env, ...browser.found.env },
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'America/New_York',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // The browser's "now" is the demo's, so "this month" means the same thing on both sides.
  await context.clock.setFixedTime(demoNow);
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Everything the browser reports as refused by the Content-Security-Policy (the real helmet
 * header of the server, which serves dist/web itself), collected for the test to assert on.
 */
export function watchCsp(page: Page, refused: string[]): void {
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
}

export async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** The full page at 1280, 768 and 390 px (a phone) into test-results/screenshots/ (gitignored). */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screenshots', { recursive: true });
  for (const width of [1280, 768, 390]) {
    await page.setViewportSize({ width, height: 900 });
    // Charts redraw on resize (a ResizeObserver): give them a frame or two.
    await page.waitForTimeout(400);
    await page.screenshot({
      path: `test-results/screenshots/${name}-${width}.png`,
      fullPage: true,
    });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Serious and critical axe-core violations, as "rule: target" lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}
