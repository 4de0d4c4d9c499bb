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
    await page.close();
  }, 90_000);
});
