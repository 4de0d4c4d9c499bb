import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshots, seriousViolations, signIn } from './browser.js';
import { e2eSuite } from './suite.js';

const suite = e2eSuite();

const step = (page: Page, name: RegExp) =>
  page.getByRole('navigation', { name: 'Steps of the 1:1' }).getByRole('button', { name });

const pageWidth = (page: Page) =>
  page.evaluate('document.documentElement.scrollWidth') as Promise<number>;

// The Pipeline step's deals open to their history, and one click makes the next step a
// commitment, to edit before adding it.
describe('deals to inspect in the Pipeline step', () => {
  it('opens a deal’s history and turns it into a prefilled commitment, at 390 and 1280 px', async () => {
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
    const first = deals.locator('button.deal-open').first();
    const name = (await first.textContent()) ?? '';
    await first.click();
    const panel = page.getByRole('region', { name: `Deal ${name}` });
    await panel.waitFor();
    const text = (await panel.textContent()) ?? '';
    // Stage and days in it, the CRM's answer, the last activity line, all in the panel.
    expect(text).toMatch(/ for \d+ days? · \$[\d,]+ · closes /);
    expect(text).toContain('Last activity:');
    expect(text).toContain('No link to the CRM');
    expect(await first.getAttribute('aria-expanded')).toBe('true');
    // The panel sits under the table, at the card's width: no sideways scroll.
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);

    const make = panel.getByRole('button', { name: /^Make it a commitment/ });
    const label = (await make.textContent()) ?? '';
    const suggested = /“(.+)”/.exec(label)?.[1] ?? '';
    expect(suggested).toMatch(
      new RegExp(`^(Advance ${name} to .+|Close ${name}) by [A-Z][a-z]{2} \\d{1,2}$`),
    );
    await make.click();
    const box = page.getByRole('textbox', { name: 'Commitment', exact: true });
    await box.waitFor();
    expect(await box.inputValue()).toBe(suggested);
    // Editable before it is saved, then added as typed.
    await box.fill(`${suggested} (with legal)`);
    await page.getByRole('button', { name: 'Add commitment' }).click();
    await page
      .getByRole('list', { name: 'Agreed in this 1:1' })
      .getByText(`${suggested} (with legal)`)
      .waitFor();

    await page.setViewportSize({ width: 1280, height: 900 });
    await step(page, /Pipeline/).click();
    await deals.locator('button.deal-open').first().click();
    await panel.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'deal-history');

    // Once the organization is connected to Salesforce and the deal carries an Opportunity
    // id (as a synced deal does), the panel links to it, in a new tab that cannot reach back.
    const [deal] = await suite.db.query<{ org_id: string; id: string }>(
      `select o.org_id, o.id
         from opportunity o join person p on p.org_id = o.org_id and p.id = o.owner_id
        where o.name = $1 and o.status = 'open' and p.name = 'Liam Brooks'`,
      [name],
    );
    await suite.db.query(`update opportunity set external_id = $3 where org_id = $1 and id = $2`, [
      deal?.org_id,
      deal?.id,
      '006Hs00001AbCdEFGH',
    ]);
    await suite.db.query(
      `insert into crm_connection (org_id, kind, instance_url, auth_kind, secrets)
       values ($1, 'salesforce', 'https://demo.my.salesforce.com', 'refresh-token', 'v1.x.y.z')`,
      [deal?.org_id],
    );
    await page.reload();
    await step(page, /Pipeline/).click();
    await deals.locator('button.deal-open').first().click();
    const link = panel.getByRole('link', { name: 'Open in Salesforce' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(
      'https://demo.my.salesforce.com/lightning/r/Opportunity/006Hs00001AbCdEFGH/view',
    );
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    await page.close();
  }, 90_000);
});
