import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobHandlers } from '../../src/jobs/create-job-handlers.js';
import { runDueJobs } from '../../src/jobs/run-due-jobs.js';
import { FakeSalesforce } from '../../src/sync/salesforce/fake-salesforce.js';
import { loaded } from '../../src/sync/salesforce/fake-salesforce-data.js';
import { screenshots, seriousViolations, signIn } from './browser.js';
import { e2eSuite } from './suite.js';

const CLIENT_ID = 'e2e-consumer-key';
const CLIENT_SECRET = 'e2e-consumer-secret-NEVER-SHOWN';
const fake = loaded(new FakeSalesforce({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }));
// Registered before the suite's own: the local Salesforce is up when the server is configured.
beforeAll(async () => {
  await fake.start();
});
afterAll(async () => {
  await fake.stop();
});

const suite = e2eSuite({
  env: () => ({
    CRM_SECRET_KEY: 'e2'.repeat(32),
    SALESFORCE_CLIENT_ID: CLIENT_ID,
    SALESFORCE_CLIENT_SECRET: CLIENT_SECRET,
    SALESFORCE_LOGIN_URL: fake.url,
  }),
});

/** How far the page scrolls sideways at 390 px (0: not at all). */
async function sideways(page: Page): Promise<number> {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  const scroll = Number(
    await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'),
  );
  await page.setViewportSize({ width: 1280, height: 900 });
  return scroll;
}

/** What the server's job loop does: run the due jobs (here the queued sync). */
async function runJobs() {
  return runDueJobs({
    db: suite.db,
    clock: suite.clock,
    config: suite.config,
    handlers: createJobHandlers(suite.config),
  });
}

const card = (page: Page) => page.getByRole('region', { name: 'Salesforce', exact: true });

describe("the admin's CRM screen", () => {
  it('connects Salesforce from Settings → CRM (a denial first), syncs now and shows what it read', async () => {
    const page = await signedInAdmin();
    await page.getByRole('link', { name: 'CRM connections' }).click();
    await page.getByRole('heading', { name: 'CRM connections', level: 1 }).waitFor();
    expect(await card(page).textContent()).toContain('Not connected');
    expect(await sideways(page)).toBe(0);
    await screenshots(page, 'crm-not-connected');
    expect(await seriousViolations(page)).toEqual([]);

    // The user presses "Deny" at Salesforce: back on the screen with why.
    fake.denyNext = true;
    await card(page).getByRole('button', { name: 'Connect Salesforce' }).click();
    await page.waitForURL((url) => url.searchParams.get('error') === 'denied');
    const alert = page.getByRole('alert').first();
    expect(await alert.textContent()).toContain(
      'Salesforce did not authorize Rudder. Nothing was connected.',
    );
    expect(await alert.textContent()).toContain('access_denied: end-user denied authorization');

    // Then allows it: connected, never synced.
    await card(page).getByRole('button', { name: 'Connect Salesforce' }).click();
    await page.waitForURL((url) => url.searchParams.get('connected') === 'salesforce');
    await page.getByText('Salesforce is connected.').waitFor();
    expect(await card(page).textContent()).toContain('Never synced');
    expect(await card(page).textContent()).toContain(fake.url);

    // Sync now: queued, then (the job loop runs it) done with its counts.
    await card(page).getByRole('button', { name: 'Sync now' }).click();
    const status = card(page).locator('.crm-sync-now [role="status"]');
    await expect.poll(() => status.textContent()).toContain('Queued');
    const ran = await runJobs();
    expect([ran.done, ran.failed]).toEqual([1, 0]);
    await expect
      .poll(() => status.textContent(), { timeout: 10_000 })
      .toMatch(/^Done: \d+ records read, \d+ new, 0 changed\.$/);
    expect(await card(page).textContent()).toContain('Connected');
    const lastRun = card(page).getByRole('region', { name: 'Salesforce: the last run per object' });
    expect(await lastRun.getByRole('row').count()).toBe(5);
    // The fake's one deleted deal is counted on the Opportunity row.
    expect(await lastRun.getByRole('row', { name: /^Opportunity / }).textContent()).toBe(
      'Opportunitysucceeded5501',
    );
    const cursors = card(page).getByRole('region', { name: 'Synced up to' });
    expect(await cursors.textContent()).toContain('Opportunity');
    expect(await sideways(page)).toBe(0);
    await screenshots(page, 'crm-connected');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.content()).not.toContain(CLIENT_SECRET);

    // The import history, only this sync's runs.
    await card(page)
      .getByRole('link', { name: 'Salesforce sync runs in the import history' })
      .click();
    await page.getByText('Showing only the runs of the salesforce sync.').waitFor();
    // The filter's line shows before the history has loaded: wait for its rows.
    const cells = page.locator('table.data tbody tr td:nth-child(3)');
    await expect.poll(() => cells.count()).toBe(4);
    const files = await cells.allTextContents();
    expect(files.every((file) => file.startsWith('salesforce:'))).toBe(true);
    await page.close();
  });

  it('says a revoked grant stopped the sync, and how to resume it', async () => {
    fake.revoke();
    // Another minute: "Sync now" queues one run per minute.
    await suite.advanceClock(2);
    const page = await signedInAdmin();
    await page.goto(`${suite.url}/settings/crm`);
    await card(page).getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => card(page).locator('.crm-sync-now').textContent()).toContain('Queued');
    await runJobs();
    const stopped = card(page).getByRole('alert');
    await stopped.waitFor({ timeout: 10_000 });
    expect(await stopped.textContent()).toContain('The sync is stopped.');
    expect(await stopped.textContent()).toContain("Salesforce refused Rudder's credentials");
    expect(await stopped.textContent()).toContain('Connect Salesforce again below');
    expect(await card(page).textContent()).toContain('Stopped');
    await card(page).getByRole('button', { name: 'Connect Salesforce again' }).waitFor();
    expect(await sideways(page)).toBe(0);
    await screenshots(page, 'crm-stopped');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  async function signedInAdmin(): Promise<Page> {
    const page = await suite.page();
    await signIn(page, suite.url, 'admin@demo.rudder.dev');
    await page.getByRole('link', { name: 'Settings' }).first().click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    return page;
  }
});
