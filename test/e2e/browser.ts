import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { demoNow, demoPassword } from './app-server.js';

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, in a fresh profile folder. */
export async function launchBrowser(): Promise<Browser> {
  const dir = mkdtempSync(join(tmpdir(), 'rudder-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
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

const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
};

/**
 * Until the visibility table has a public row for the web app's `GET /*`, the server refuses
 * it (deny by default). Then, and only then, the built files are served from the test, while
 * every /api request still goes to the real server.
 */
export async function serveWebAppIfRefused(
  context: BrowserContext,
  baseUrl: string,
): Promise<boolean> {
  const probe = await fetch(`${baseUrl}/`);
  if (probe.ok && (probe.headers.get('content-type') ?? '').includes('text/html')) return false;
  await context.route(`${baseUrl}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path.startsWith('/api/')) return route.continue();
    const file = path.startsWith('/assets/') ? path : '/index.html';
    const body = readFileSync(join('dist/web', file));
    return route.fulfill({
      status: 200,
      body,
      contentType: types[extname(file)] ?? 'application/octet-stream',
    });
  });
  return true;
}

export async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** The full page at 1280 and 768 px into test-results/screenshots/ (gitignored). */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screenshots', { recursive: true });
  for (const width of [1280, 768]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(300);
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
