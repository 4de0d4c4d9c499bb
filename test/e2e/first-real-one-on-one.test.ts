import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshots, seriousViolations } from './browser.js';
import { e2eSuite } from './suite.js';

// `rudder serve` on a fresh data folder; the server's clock stands at Mar 18, 2026, 15:00 UTC
// (demoNow), so March 2026 is the current month and February 2026 the last complete one.
const suite = e2eSuite({ empty: true });

// A team sheet: the reps' manager column holds the manager's NAME, not an id or e-mail. No
// role column: the importer derives the roles from who manages whom (a sheet's Role column
// of reps and managers is covered by admin-setup and people-role-column).
const people = `name,email,manager
Mia Chen,mia@acme.example,
Omar Reyes,omar@acme.example,Mia Chen
Ida Brun,ida@acme.example,Mia Chen
`;

// Omar's bookings goals: $25,000 for February, $30,000 for March.
const goals = `person,metric,period,target
Omar Reyes,bookings,2026-02,25000
Omar Reyes,bookings,2026-03,30000
Ida Brun,bookings,2026-02,20000
`;

// Omar: won 12,000 + 8,000 in February, 6,000 in March; lost 5,000 in February; two open
// deals (40,000 in Proposal, 10,000 in Discovery). Ida's won 9,000 in March is not Omar's.
const opportunities = (
  proposalAmount: string,
) => `external_id,name,account,owner,stage,amount,close_date,closed_at
O-1,Renewal,Northwind,Omar Reyes,Closed Won,12000,2026-02-10,2026-02-10
O-2,Expansion,Contoso,Omar Reyes,Closed Won,8000,2026-02-24,2026-02-24
O-3,Add-on,Fabrikam,Omar Reyes,Closed Won,6000,2026-03-10,2026-03-10
O-4,New logo,Globex,Omar Reyes,Proposal,${proposalAmount},2026-04-15,
O-5,Pilot,Initech,Omar Reyes,Discovery,10000,2026-05-20,
O-6,Lost bid,Umbrella,Omar Reyes,Closed Lost,5000,2026-02-15,2026-02-15
O-7,Other rep,Hooli,Ida Brun,Closed Won,9000,2026-03-05,2026-03-05
`;

async function upload(page: Page, name: string, text: string): Promise<void> {
  await page
    .getByLabel('CSV file')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

/** Uploads a clean file from the checklist's link, previews it and imports it. */
async function importFromChecklist(page: Page, link: string, name: string, text: string) {
  await page.goto(`${suite.url}/`);
  await page.getByRole('link', { name: link }).click();
  await page.getByRole('heading', { name: 'Imports', level: 1 }).waitFor();
  await upload(page, name, text);
  await suite.advanceClock(1);
  await page.getByRole('button', { name: 'Preview (dry run)' }).click();
  await page.getByRole('heading', { name: 'Preview: the file is clean' }).waitFor();
  await suite.advanceClock(1);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { name: 'Imported' }).waitFor();
}

/** A figure of the agenda: its value and its hint, e.g. ["80%", ""]. */
async function stat(page: Page, label: RegExp): Promise<[string, string]> {
  const tile = page.locator('.stat').filter({ has: page.locator('dt', { hasText: label }) });
  await tile.first().waitFor();
  return [
    (await tile.first().locator('.stat-value').textContent()) ?? '',
    (await tile
      .first()
      .locator('.stat-hint')
      .allTextContents()
      .then((texts) => texts.join(''))) ?? '',
  ];
}

describe("a new customer's first real 1:1, from an empty server", () => {
  it('sets up, imports three files, invites the manager, who opens a rep’s agenda', async () => {
    const page = await suite.page();
    page.setDefaultTimeout(15_000);

    // 1. The organization, from the setup screen.
    await page.goto(`${suite.url}/`);
    await page.getByRole('heading', { name: 'Set up your organization' }).waitFor();
    await page.getByLabel('Currency').selectOption('USD');
    await page.getByLabel('Time zone').selectOption('Europe/London');
    await page.getByLabel('Fiscal year starts in').selectOption({ label: 'January' });
    await page.getByLabel('Organization name', { exact: true }).fill('Acme Sales');
    await page.getByLabel('Your name', { exact: true }).fill('Pat Lee');
    await page.getByLabel('E-mail', { exact: true }).fill('pat@acme.example');
    await page.getByLabel('Password', { exact: true }).fill('a long enough password');
    await page.getByRole('button', { name: 'Create the organization' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    const checklist = page.getByRole('region', { name: /Get started|Set up/ });
    await checklist.waitFor();
    expect(await checklist.textContent()).toContain('0 of 6 done');
    await screenshots(page, 'first-1on1-checklist-empty');

    // 2. People (manager by name), goals, then opportunities with a row error first.
    await importFromChecklist(page, 'Upload people and teams', 'team.csv', people);
    expect(await page.getByRole('status').textContent()).toContain('3 new');
    await importFromChecklist(page, 'Upload goals', 'goals.csv', goals);
    expect(await page.getByRole('status').textContent()).toContain('3 new');

    await page.goto(`${suite.url}/`);
    await page.getByRole('link', { name: 'Upload opportunities' }).click();
    await page.getByRole('heading', { name: 'Imports', level: 1 }).waitFor();
    await upload(page, 'deals.csv', opportunities('forty thousand'));
    await suite.advanceClock(1);
    await page.getByRole('button', { name: 'Preview (dry run)' }).click();
    const errors = page.getByRole('table', { name: /row error/ });
    await errors.waitFor();
    // Line 5 of the file (the header is line 1): O-4, whose amount is words.
    expect(await errors.getByRole('row').count()).toBe(2);
    const bad = errors.getByRole('row').nth(1).getByRole('cell');
    expect(await bad.nth(0).textContent()).toBe('5');
    expect(await bad.nth(1).textContent()).toBe('amount');
    expect(await bad.nth(2).textContent()).toBe('forty thousand');
    expect(await bad.nth(3).textContent()).toBe('"forty thousand" is not an amount');
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await screenshots(page, 'first-1on1-opportunities-row-error');

    await upload(page, 'deals-fixed.csv', opportunities('40000'));
    await suite.advanceClock(1);
    await page.getByRole('button', { name: 'Preview (dry run)' }).click();
    await page.getByRole('heading', { name: 'Preview: the file is clean' }).waitFor();
    await suite.advanceClock(1);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'Imported' }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain('7 new');

    // 3. The manager's invitation, from the People page the checklist leads to.
    await page.goto(`${suite.url}/`);
    await page.getByRole('link', { name: 'Invite from People' }).click();
    const row = page.getByRole('row', { name: /Mia Chen/ });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      'mia@acme.example',
      'manager',
      'no Invite',
    ]);
    // One team, named after its manager (the reps' manager column), with both reps.
    expect(await page.locator('.team-cards li').allTextContents()).toEqual(['Mia Chen2 members']);
    await page.getByRole('button', { name: 'Invite Mia Chen' }).click();
    await expect.poll(() => row.getByRole('status').textContent()).toBe(' invitation sent');
    await screenshots(page, 'first-1on1-people');
    expect(await seriousViolations(page)).toEqual([]);
    // A phone: the people table scrolls in its own box, never the page.
    await page.setViewportSize({ width: 390, height: 900 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(390);
    await page.setViewportSize({ width: 1280, height: 900 });
    const [mail] = await suite.db.query<{ text: string }>(
      `select text from outbox_message where 'mia@acme.example' = any("to")`,
    );
    const link = /\/set-password\?token=\S+/.exec(mail?.text ?? '')?.[0] ?? '';
    expect(link).not.toBe('');
    await page.context().clearCookies();

    await page.goto(`${suite.url}${link}`);
    await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await page.getByLabel('Password', { exact: true }).fill('mia has a long password');
    await page.getByRole('button', { name: 'Save and sign in' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Password').fill('mia has a long password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    // 4. Omar's agenda, with figures from the files.
    await page.getByRole('link', { name: 'Open 1:1 with Omar Reyes' }).click();
    await page.getByRole('heading', { name: '1:1 with Omar Reyes' }).waitFor();
    // February (the review period): won 12,000 + 8,000 = $20,000 against the $25,000 goal;
    // 20,000 ÷ 25,000 = 80%.
    expect(await stat(page, /bookings$/)).toEqual(['$20,000', 'goal $25,000']);
    expect((await stat(page, /^Attainment$/))[0]).toBe('80%');
    // March so far: the 6,000 won on Mar 10 (Ida's 9,000 is hers).
    // Pace: the prorated goal is 30,000 × 18/31 days = 17,419; 6,000 ÷ 17,419 = 34.4% → 34%.
    expect(await stat(page, /so far$/)).toEqual(['$6,000', 'pace 34% of prorated goal']);
    // Open: O-4 40,000 + O-5 10,000 = $50,000 in 2 deals.
    expect(await stat(page, /^Open pipeline$/)).toEqual(['$50,000', '2 deals']);
    // Closed: O-1, O-2, O-3 won, O-6 lost: 3 of 4 = 75%.
    expect((await stat(page, /^Win rate$/))[0]).toBe('75%');
    await screenshots(page, 'first-1on1-agenda');
    await page.close();
  }, 90_000);
});
