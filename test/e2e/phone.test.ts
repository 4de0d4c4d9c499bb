import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signIn } from './browser.js';
import { e2eSuite } from './suite.js';

const suite = e2eSuite();
const phone = { width: 390, height: 844 };

async function onPhone(): Promise<Page> {
  const page = await suite.page();
  page.setDefaultTimeout(10_000);
  await page.setViewportSize(phone);
  return page;
}

/** How wide the page is, and the widest elements sticking out of a 390 px screen. */
async function overflow(page: Page): Promise<{ width: number; widest: string[] }> {
  // Charts redraw on resize (a ResizeObserver): give them a frame or two.
  await page.waitForTimeout(400);
  // Run in the page (a string: this project's TypeScript has no DOM types). The first boxes
  // to stick out (their parent does not) name what to fix when the test fails.
  return page.evaluate(`(() => {
    const limit = window.innerWidth;
    const out = (e) => !!e && e.getBoundingClientRect().right > limit + 0.5;
    const widest = [...document.querySelectorAll('main *, header *')]
      .filter((e) => out(e) && !out(e.parentElement) && e.offsetParent !== null)
      .slice(0, 3)
      .map((e) => e.tagName.toLowerCase() + '.' + e.className);
    return { width: document.documentElement.scrollWidth, widest };
  })()`);
}

// A manager walks into a 1:1 with a phone: nothing may need a sideways scroll.
describe('Rudder on a 390 px phone', () => {
  it('never scrolls sideways: prep, meeting, homes, scorecard, settings', async () => {
    const widths: Record<string, { width: number; widest: string[] }> = {};
    const page = await onPhone();
    await signIn(page, suite.url, 'manager2@demo.rudder.dev');
    await page.getByRole('cell', { name: /%/ }).first().waitFor();
    widths.managerHome = await overflow(page);
    await page.getByRole('link', { name: 'Open 1:1 with Liam Brooks' }).click();
    await page.getByRole('list', { name: 'Why the meeting goes this far' }).waitFor();
    await page.locator('canvas').first().waitFor();
    widths.prep = await overflow(page);
    await page.getByRole('button', { name: 'Start the 1:1' }).click();
    await page.getByRole('button', { name: 'Next: 1 · Results' }).click();
    await page.getByRole('button', { name: 'Next: 2 · Pipeline' }).click();
    await page.getByRole('table', { name: 'Pipeline checks' }).waitFor();
    await page.locator('canvas').first().waitFor();
    widths.meeting = await overflow(page);
    await page.goto(`${suite.url}/scorecard`);
    await page.getByRole('table', { name: /ranked/ }).waitFor();
    widths.scorecard = await overflow(page);
    await page.goto(`${suite.url}/settings`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    widths.settings = await overflow(page);
    await page.close();

    const rep = await onPhone();
    await signIn(rep, suite.url, 'ava@demo.rudder.dev');
    await rep.getByRole('link', { name: /See the whole agenda/ }).waitFor();
    widths.repHome = await overflow(rep);
    await rep.close();

    const tooWide = Object.entries(widths).filter(([, w]) => w.width > phone.width);
    expect(tooWide).toEqual([]);
  }, 120_000);

  it('shows each rep’s attainment on the phone scorecard without scrolling', async () => {
    const page = await onPhone();
    await signIn(page, suite.url, 'manager1@demo.rudder.dev');
    await page.goto(`${suite.url}/scorecard`);
    const table = page.getByRole('table', { name: /ranked/ });
    await table.waitFor();
    const headers = await table.getByRole('columnheader').allTextContents();
    const firstRow = table.getByRole('row').nth(1).getByRole('cell');
    // The attainment cell of the first row: its column, found by its header.
    const cell = firstRow.nth(headers.indexOf('Attainment') - 1);
    expect(await cell.textContent()).toMatch(/^\d+%$/);
    const box = await cell.boundingBox();
    expect(box?.x).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(phone.width);
    await page.close();
  });

  it('reaches Settings through the menu', async () => {
    const page = await onPhone();
    await signIn(page, suite.url, 'manager2@demo.rudder.dev');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: /Settings/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/settings');
    await page.close();
  });
});
