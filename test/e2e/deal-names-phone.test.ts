import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations, signIn } from './browser.js';
import { e2eSuite } from './suite.js';

const suite = e2eSuite();

// Run in the page (the tests are typed without the DOM library).
declare const getComputedStyle: (element: unknown) => { textOverflow: string; lineHeight: string };

const step = (page: Page, name: RegExp) =>
  page.getByRole('navigation', { name: 'Steps of the 1:1' }).getByRole('button', { name });

const longName =
  'Northwind Traders — enterprise renewal with premium support, onboarding and the phase two rollout';

const shots = '/work/briefs/shots';

// A deal's name is cut to one line in the deals table on a phone; its full name is the
// button's title and the history panel's heading.
describe('deal names in the Pipeline step on a phone', () => {
  it('keeps each deal row short at 390 px, the long name whole in its title and panel', async () => {
    const [deal] = await suite.db.query<{ org_id: string; id: string }>(
      `select o.org_id, o.id
         from opportunity o join person p on p.org_id = o.org_id and p.id = o.owner_id
        where o.status = 'open' and p.name = 'Liam Brooks'
        order by o.amount desc limit 1`,
    );
    await suite.db.query('update opportunity set name = $3 where org_id = $1 and id = $2', [
      deal?.org_id,
      deal?.id,
      longName,
    ]);
    const page = await suite.page();
    page.setDefaultTimeout(10_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, suite.url, 'manager2@demo.rudder.dev');
    await page.goto(`${suite.url}/`);
    await page.getByRole('link', { name: 'Open 1:1 with Liam Brooks' }).click();
    await page.getByRole('button', { name: 'Start the 1:1' }).click();
    await step(page, /Pipeline/).click();
    const deals = page.getByRole('table', { name: 'Largest open deals' });
    await deals.waitFor();

    // Every row: the name's line and the account's, with padding (the long name's row was 105 px).
    const heights = await deals
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(0);
    for (const height of heights) expect(height).toBeLessThanOrEqual(64);
    const long = deals.getByRole('button', { name: longName });
    expect(await long.getAttribute('title')).toBe(longName);
    // Cut with an ellipsis: the text is wider than its box, on one line.
    const cut = await long.evaluate((el) => ({
      ellipsis: getComputedStyle(el).textOverflow,
      wider: el.scrollWidth > el.clientWidth,
      height: el.getBoundingClientRect().height,
      lineHeight: Number.parseFloat(getComputedStyle(el).lineHeight),
    }));
    expect(cut.ellipsis).toBe('ellipsis');
    expect(cut.wider).toBe(true);
    expect(cut.height).toBeLessThanOrEqual(cut.lineHeight + 2);
    // The page itself never scrolls sideways (the table scrolls in its own box).
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    // The deal's tile compares won with won.
    await page.getByText('Average won deal').waitFor();

    mkdirSync(shots, { recursive: true });
    await deals.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/defects-deals-390.png`, fullPage: true });
    await page
      .locator('.table-scroll', { has: deals })
      .screenshot({ path: `${shots}/defects-deals-table-390.png` });
    await page
      .locator('dl.stats')
      .first()
      .screenshot({ path: `${shots}/defects-deal-tiles-390.png` });
    await long.click();
    const panel = page.getByRole('region', { name: `Deal ${longName}` });
    await panel.waitFor();
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/defects-deal-panel-390.png` });
    expect(await seriousViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${shots}/defects-deals-1280.png`, fullPage: true });
    await page.close();
  }, 120_000);
});
