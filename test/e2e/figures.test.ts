import { describe, expect, it } from 'vitest';
import { signIn } from './browser.js';
import { e2eSuite } from './suite.js';

const suite = e2eSuite();

// Figures that add up at a glance: a multiple names its parts, a late 1:1 says when it was
// due, how late it is and when the next one is. The demo's day is Mar 18, 2026.
describe('figures that add up', () => {
  it('names the parts of coverage on the pipeline tile', async () => {
    const page = await suite.page();
    page.setDefaultTimeout(10_000);
    await signIn(page, suite.url, 'manager2@demo.rudder.dev');
    await page.getByRole('link', { name: 'Open 1:1 with Liam Brooks' }).click();
    const tile = page.locator('.stat').filter({ hasText: 'Coverage' });
    await tile.waitFor();
    // Liam's agenda: $368,500 open closing Mar–May, goal $195,000 less $27,500 closed =
    // $167,500 left; 368,500 ÷ 167,500 = 2.2×; weighted 157,000 ÷ 167,500 = 0.937 → 0.9×.
    expect(await tile.textContent()).toBe(
      'Coverage2.2×$368,500 closing Mar–May ÷ $167,500 left to goal · weighted 0.9× · target 3×',
    );
    await page.close();
  });

  it('says when an overdue 1:1 was due, how late it is, and when the next one is', async () => {
    const page = await suite.page();
    page.setDefaultTimeout(10_000);
    await signIn(page, suite.url, 'manager2@demo.rudder.dev');
    const row = page
      .getByRole('table', { name: /1:1s and results/ })
      .getByRole('row', { name: /Liam Brooks/ });
    // Last held Feb 6, monthly: due Mar 6, twelve days before Mar 18.
    await expect
      .poll(() => row.getByRole('cell').first().textContent())
      .toBe('Overduedue Mar 6 · 12 days latenothing planned');

    // A 1:1 put in the calendar for Mar 25 (10:00 in New York): still late, and when it is.
    const repId = await page
      .getByRole('link', { name: 'Open 1:1 with Liam Brooks' })
      .getAttribute('href');
    const status = await page.evaluate(async (rep) => {
      const response = await fetch('/api/v1/meetings', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ repId: rep, scheduledAt: '2026-03-25T14:00:00.000Z' }),
      });
      return response.status;
    }, repId?.split('/').pop());
    expect(status).toBe(201);
    await page.reload();
    await expect
      .poll(() => row.getByRole('cell').first().textContent())
      .toBe('Overduedue Mar 6 · 12 days latenext Mar 25, 2026, 10:00 AM');
    await page.close();
  });
});
