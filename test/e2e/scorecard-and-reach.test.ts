import { describe, expect, it } from 'vitest';
import { screenshots, seriousViolations, signIn } from './browser.js';
import { e2eSuite } from './suite.js';

const suite = e2eSuite();

describe('the rep’s own pages, the published scorecard, and nobody else’s pages', () => {
  it('shows a rep their results, rank and next agenda in advance', async () => {
    const page = await suite.page();
    await signIn(page, suite.url, 'ava@demo.rudder.dev');
    await page.getByRole('heading', { name: /Your next 1:1/ }).waitFor();
    await page.getByRole('list', { name: 'Why the meeting goes this far' }).waitFor();
    expect(await page.getByLabel('Month', { exact: true }).inputValue()).toBe('2026-04');
    await page.getByRole('link', { name: /See the whole agenda/ }).click();
    await page.getByRole('heading', { name: 'Your next 1:1 agenda' }).waitFor();
    await page.getByRole('table', { name: 'Results checks' }).waitFor();
    await page.locator('canvas').first().waitFor();
    await screenshots(page, 'rep-agenda');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('tells a rep the last month’s scorecard is not published yet', async () => {
    const page = await suite.page();
    await signIn(page, suite.url, 'ava@demo.rudder.dev');
    await page.getByRole('link', { name: 'Scorecard' }).click();
    await page.getByText('The Feb 2026 scorecard is not published yet.').waitFor();
    await page.close();
  });

  it('defaults the team scorecard to the last complete month; the manager publishes it', async () => {
    const page = await suite.page();
    await signIn(page, suite.url, 'manager1@demo.rudder.dev');
    await page.getByRole('link', { name: 'Scorecard' }).click();
    const table = page.getByRole('table', { name: /ranked/ });
    await table.waitFor();
    expect(await page.getByLabel('Month', { exact: true }).inputValue()).toBe('2026-02');
    expect(await table.getByRole('caption').textContent()).toContain('February 2026');
    expect(await page.getByText(/coverage|pipeline review|activity review/i).count()).toBe(0);
    await page.locator('canvas').first().waitFor();
    await screenshots(page, 'scorecard');
    // At 390 px the header row once stood 74 px tall under one-line labels ("Year to date",
    // scrolled out of sight, wrapped onto three lines): one line of labels measures 34.6 px.
    await page.setViewportSize({ width: 390, height: 900 });
    const headerRow = (await table.locator('thead tr').boundingBox())?.height ?? 0;
    expect(headerRow).toBeGreaterThan(20);
    expect(headerRow).toBeLessThan(44);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Publish Feb 2026 to the team' }).click();
    await page.getByRole('button', { name: 'Feb 2026 published to the team' }).waitFor();
    await page.getByLabel('Month', { exact: true }).selectOption('2026-03');
    await expect.poll(() => table.getByRole('caption').textContent()).toContain('March 2026');
    await page.getByRole('link', { name: 'Presentation view' }).click();
    await page.getByRole('heading', { name: 'East — March 2026' }).waitFor();
    await screenshots(page, 'scorecard-presentation');
    await page.close();

    const rep = await suite.page();
    await signIn(rep, suite.url, 'ava@demo.rudder.dev');
    await rep.getByRole('link', { name: 'Scorecard' }).click();
    await rep.getByRole('table', { name: /February 2026/ }).waitFor();
    await screenshots(rep, 'scorecard-rep');
    await rep.close();
  });

  it("keeps a rep out of another rep's pages, with no data shown", async () => {
    const page = await suite.page();
    await signIn(page, suite.url, 'manager1@demo.rudder.dev');
    await page.getByRole('link', { name: 'Open 1:1 with Ben Carter' }).click();
    await page.waitForURL(/one-on-one/);
    const benId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await page.close();

    const rep = await suite.page();
    await signIn(rep, suite.url, 'ava@demo.rudder.dev');
    for (const path of [`/people/${benId}`, `/one-on-one/${benId}`]) {
      await rep.goto(`${suite.url}${path}`);
      await expect
        .poll(() => rep.getByRole('alert').textContent())
        .toContain('not within your reach');
      expect(await rep.getByText('Ben Carter').count()).toBe(0);
      expect(await rep.getByRole('table').count()).toBe(0);
    }
    await rep.close();
  });
});
