import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations, signIn } from './browser.js';
import { e2eSuite } from './suite.js';

const suite = e2eSuite();

/** Every console error and uncaught exception of the page, as text. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

describe('signed out is no error; the meeting’s headings are in order', () => {
  it('loads the sign-in page signed out without a console error', async () => {
    const page = await suite.page();
    const errors = watchErrors(page);
    await page.goto(`${suite.url}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // A deep link signed out: the session probe answers "nobody", then the sign-in page.
    await page.goto(`${suite.url}/scorecard`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/scorecard');
    await page.waitForTimeout(300);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('gives the running 1:1 ordered headings and no serious violation at 390 and 1280 px', async () => {
    const page = await suite.page();
    page.setDefaultTimeout(10_000);
    await signIn(page, suite.url, 'manager2@demo.rudder.dev');
    await page.getByRole('link', { name: 'Open 1:1 with Liam Brooks' }).click();
    await page.getByRole('button', { name: 'Start the 1:1' }).click();
    await page.getByRole('button', { name: 'Next: 1 · Results' }).click();
    await page.getByRole('table', { name: 'Results checks' }).waitFor();
    const found: Record<string, string[]> = {};
    for (const step of ['Results', 'Pipeline']) {
      if (step === 'Pipeline') {
        await page.getByRole('button', { name: 'Next: 2 · Pipeline' }).click();
        await page.getByRole('table', { name: 'Pipeline checks' }).waitFor();
      }
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.waitForTimeout(300);
        const order = await new AxeBuilder({ page }).withRules(['heading-order']).analyze();
        found[`${step} ${width}`] = [
          ...order.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`)),
          ...(await seriousViolations(page)),
        ];
      }
    }
    expect(found).toEqual({
      'Results 390': [],
      'Results 1280': [],
      'Pipeline 390': [],
      'Pipeline 1280': [],
    });
    await page.close();
  }, 90_000);
});
