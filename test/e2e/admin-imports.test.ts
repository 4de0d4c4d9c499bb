import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshots, seriousViolations, signIn } from './browser.js';
import { e2eSuite } from './suite.js';

const suite = e2eSuite();

const header = 'external_id,name,email,role,team,manager_email,title';
const good = 'E-101,Nora Quinn,nora@demo.rudder.dev,rep,East,manager1@demo.rudder.dev,AE';
const csv = (third: string) => `${header}\n${good}\n${third}\n`;

async function choose(page: Page, name: string, text: string) {
  await page
    .getByLabel('CSV file')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

describe('an admin imports people from a CSV file', () => {
  it('shows the row error by line, then imports the fixed file and lists it', async () => {
    const page = await suite.page();
    await signIn(page, suite.url, 'admin@demo.rudder.dev');
    await page.getByRole('link', { name: 'Imports' }).click();
    await page.getByRole('heading', { name: 'Imports' }).waitFor();
    await page.getByLabel('What').selectOption('people');

    // A minute between runs, on the server's clock (the demo's 11:00 in New York).
    await suite.advanceClock(1);
    await choose(page, 'new-hires.csv', csv('E-102,Omar Reyes,not-an-email,rep,East,,AE'));
    await page.getByRole('button', { name: 'Preview (dry run)' }).click();
    const errors = page.getByRole('table', { name: /row error/ });
    await errors.waitFor();
    const row = errors.getByRole('row').nth(1);
    expect(await row.getByRole('cell').first().textContent()).toBe('3');
    expect(await row.textContent()).toContain('email');
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await screenshots(page, 'admin-imports');
    expect(await seriousViolations(page)).toEqual([]);

    await choose(
      page,
      'new-hires-fixed.csv',
      csv('E-102,Omar Reyes,omar@demo.rudder.dev,rep,East,,AE'),
    );
    await suite.advanceClock(1);
    await page.getByRole('button', { name: 'Preview (dry run)' }).click();
    await page.getByRole('heading', { name: 'Preview: the file is clean' }).waitFor();
    await suite.advanceClock(1);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'Imported' }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain('2 new');

    const history = page.getByRole('table', { name: 'History' });
    const latest = history.getByRole('row').nth(1);
    // Until the history is fetched again, its latest row is the fixed file's preview (same
    // name): wait for the import itself.
    await expect
      .poll(() => latest.textContent())
      .toMatch(/new-hires-fixed\.csv\s*import\s*succeeded/);
    // When the app's clock says, not the database server's: 15:03 UTC is 11:03 in New York.
    expect(await latest.getByRole('cell').first().textContent()).toBe('Mar 18, 2026, 11:03 AM');
    const times = await history
      .getByRole('row')
      .evaluateAll((rows) => rows.slice(1).map((row) => row.querySelector('td')?.textContent));
    expect(times).toEqual([
      'Mar 18, 2026, 11:03 AM',
      'Mar 18, 2026, 11:02 AM',
      'Mar 18, 2026, 11:01 AM',
    ]);
    await screenshots(page, 'admin-imports-done');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
