import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshots, seriousViolations, signIn } from './browser.js';
import { e2eSuite } from './suite.js';

const suite = e2eSuite();

/** The leader's compliance row of a manager, e.g. "Daniel Okafor 0 of 6 0% …". */
async function complianceRow(page: Page, manager: string): Promise<string> {
  const row = page
    .getByRole('table', { name: /1:1 compliance per manager/ })
    .getByRole('row', { name: new RegExp(manager) });
  await row.waitFor();
  return (await row.textContent()) ?? '';
}

async function addNote(page: Page, stage: string, text: string, privately = false) {
  await page.getByLabel(`Note on ${stage}`).fill(text);
  await page.getByLabel(privately ? 'Private to you' : 'Shared with the rep').check();
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.getByText(text).waitFor();
}

async function addCommitment(page: Page, who: 'rep' | 'manager', text: string) {
  await page.getByLabel('Who').selectOption(who);
  await page.getByRole('textbox', { name: 'Commitment', exact: true }).fill(text);
  await page.getByRole('button', { name: 'Add commitment' }).click();
  await page.getByRole('list', { name: 'Agreed in this 1:1' }).getByText(text).waitFor();
}

// In order: the leader looks, a manager holds an overdue rep's 1:1, the rep reads the
// summary, the leader sees the compliance move.
describe('the 1:1 from the manager, the rep and the leader', () => {
  it('shows the sign-in page, then refuses a wrong password', async () => {
    const page = await suite.page();
    await page.goto(`${suite.url}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshots(page, 'sign-in');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('E-mail').fill('manager2@demo.rudder.dev');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not right');
    await page.close();
  });

  it('shows the leader no 1:1 held yet this month by Daniel Okafor', async () => {
    const page = await suite.page();
    await signIn(page, suite.url, 'leader@demo.rudder.dev');
    expect(await complianceRow(page, 'Daniel Okafor')).toMatch(/0 of 6/);
    await page.close();
  });

  it('lets a manager start an overdue rep’s 1:1, walk the progression and finish it', async () => {
    const page = await suite.page();
    await signIn(page, suite.url, 'manager2@demo.rudder.dev');
    const table = page.getByRole('table', { name: /1:1s and results/ });
    await table.waitFor();
    // Most urgent first: Liam's 1:1 is overdue, with nothing in the calendar.
    expect(await table.getByRole('row').nth(2).textContent()).toMatch(/Liam Brooks\s*Overdue/);
    await page.getByRole('cell', { name: /%/ }).first().waitFor();
    await screenshots(page, 'manager-home');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Open 1:1 with Liam Brooks' }).click();
    await page.getByRole('heading', { name: '1:1 with Liam Brooks' }).waitFor();
    await page.getByRole('list', { name: 'Why the meeting goes this far' }).waitFor();
    await screenshots(page, 'one-on-one-prepare');
    await page.getByRole('button', { name: 'Start the 1:1' }).click();

    // Step 0: both sides' commitments from the last 1:1, reviewed now.
    const steps = page.getByRole('navigation', { name: 'Steps of the 1:1' });
    await steps.waitFor();
    await page.getByRole('heading', { name: 'Last time’s commitments' }).waitFor();
    const kept = page.getByRole('button', { name: /^Kept/ });
    await kept.first().waitFor();
    const toReview = await kept.count();
    expect(toReview).toBeGreaterThan(0);
    await kept.first().click();
    await expect.poll(() => kept.count()).toBe(toReview - 1);
    await page
      .getByRole('button', { name: /^Not kept/ })
      .first()
      .click();
    await expect.poll(() => kept.count()).toBe(toReview - 2);

    // Results → Pipeline → Activity: Liam's thin pipeline takes the meeting all the way.
    await page.getByRole('button', { name: 'Next: 1 · Results' }).click();
    await page.getByRole('table', { name: 'Results checks' }).waitFor();
    // The meeting's minutes pass on both clocks: four per stage, then two more.
    await suite.advanceClock(4);
    await addNote(page, 'results', 'Above last month, still below plan.');
    await page.getByRole('button', { name: 'Next: 2 · Pipeline' }).click();
    await page.getByRole('table', { name: 'Pipeline checks' }).waitFor();
    await suite.advanceClock(4);
    await addNote(page, 'pipeline', 'Coaching: he avoids asking for the close.', true);
    await page.getByRole('button', { name: 'Next: 3 · Activity' }).click();
    await page.getByRole('table', { name: /^Activity since/ }).waitFor();
    await suite.advanceClock(4);
    await addNote(page, 'activity', 'Twenty new leads contacted by the 1st.');
    // Fourteen minutes into the 1:1 (started at the demo's 15:00 UTC): the timer says so.
    await suite.advanceClock(2);
    await expect.poll(() => page.getByRole('timer').textContent()).toMatch(/14:00/);
    await screenshots(page, 'one-on-one');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Next: New commitments' }).click();
    await addCommitment(page, 'rep', 'Two new Proposal-stage deals');
    await addCommitment(page, 'manager', 'Intro to the Globex CFO');
    await page.getByRole('button', { name: 'Finish the 1:1' }).click();
    await page.getByRole('heading', { name: '1:1 with Liam Brooks held' }).waitFor();
    await page.close();
  }, 120_000);

  it('shows the rep the summary: shared notes only, and both sides’ commitments', async () => {
    const page = await suite.page();
    await signIn(page, suite.url, 'liam@demo.rudder.dev');
    await page.getByRole('heading', { name: /Summary of your last 1:1/ }).waitFor();
    const summary = page.getByRole('region', { name: /Summary of your last 1:1/ });
    await summary.getByText('Above last month, still below plan.').waitFor();
    await summary.getByText('Twenty new leads contacted by the 1st.').waitFor();
    // In the order they were taken (11:04, then 11:12), the private one left out.
    expect(await summary.getByRole('list').first().getByRole('listitem').allTextContents()).toEqual(
      [
        'results Above last month, still below plan.',
        'activity Twenty new leads contacted by the 1st.',
      ],
    );
    expect(await page.getByText('he avoids asking for the close').count()).toBe(0);
    await summary.getByText('Two new Proposal-stage deals').waitFor();
    await summary.getByText('Intro to the Globex CFO').waitFor();
    const commitments = page.getByRole('region', { name: 'Commitments', exact: true });
    await commitments.getByText('Intro to the Globex CFO').waitFor();
    await screenshots(page, 'rep-home');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows the leader the 1:1 Daniel Okafor just held', async () => {
    const page = await suite.page();
    await signIn(page, suite.url, 'leader@demo.rudder.dev');
    // Started at 15:00, finished at 15:14 UTC: 14 minutes of the 20 planned.
    expect(await complianceRow(page, 'Daniel Okafor')).toMatch(/1 of 6.*14 \(20\)/);
    expect(await complianceRow(page, 'Priya Raman')).toMatch(/0 of 6/);
    await page.getByRole('table', { name: /Stage reached/ }).waitFor();
    await page.getByRole('table', { name: /ranked/ }).waitFor();
    await screenshots(page, 'leader-home');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
