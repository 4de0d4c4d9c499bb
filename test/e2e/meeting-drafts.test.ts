import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signIn } from './browser.js';
import { e2eSuite } from './suite.js';

const suite = e2eSuite();

const noteBox = (page: Page, stage: string) => page.getByLabel(`Note on ${stage}`);
const step = (page: Page, name: RegExp) =>
  page.getByRole('navigation', { name: 'Steps of the 1:1' }).getByRole('button', { name });
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Not saved yet' });

/** Liam's 1:1, started by his manager, on the Results step. */
async function startLiamsMeeting(page: Page): Promise<void> {
  await signIn(page, suite.url, 'manager2@demo.rudder.dev');
  await page.getByRole('link', { name: 'Open 1:1 with Liam Brooks' }).click();
  await page.getByRole('button', { name: 'Start the 1:1' }).click();
  await step(page, /Results/).click();
  await page.getByRole('table', { name: 'Results checks' }).waitFor();
}

// Nothing typed in a 1:1 is lost without a word: not by moving on, a reload, a failed save
// or Finish.
describe('drafts of a 1:1’s notes and commitments', () => {
  it('keeps a typed note across steps, a reload and a failed save', async () => {
    const page = await suite.page();
    page.setDefaultTimeout(8_000);
    await startLiamsMeeting(page);

    const text = 'He has two renewals he has not logged yet.';
    await noteBox(page, 'results').fill(text);
    await page.getByRole('button', { name: 'Next: 2 · Pipeline' }).click();
    // Leaving with unsaved text asks first; keeping it as a draft moves on.
    await dialog(page).waitFor();
    expect(await dialog(page).textContent()).toContain(text);
    await dialog(page).getByRole('button', { name: 'Keep as a draft' }).click();
    await page.getByRole('table', { name: 'Pipeline checks' }).waitFor();
    await step(page, /Results/).click();
    expect(await noteBox(page, 'results').inputValue()).toBe(text);

    // A reload of the page: the running 1:1 opens again, the draft with it.
    await page.reload();
    await step(page, /Results/).click();
    expect(await noteBox(page, 'results').inputValue()).toBe(text);

    // A save the server refuses keeps the text, in the box and through another reload.
    await page.route('**/api/v1/meetings/*/notes', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 500,
            contentType: 'application/problem+json',
            body: JSON.stringify({ status: 500, title: 'Internal', detail: 'The server failed.' }),
          })
        : route.fallback(),
    );
    await page.getByLabel('Shared with the rep').check();
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('alert').filter({ hasText: 'Not saved' }).waitFor();
    expect(await noteBox(page, 'results').inputValue()).toBe(text);
    await page.unrouteAll();
    await page.reload();
    await step(page, /Results/).click();
    expect(await noteBox(page, 'results').inputValue()).toBe(text);
    // The audience chosen is part of the draft; now the save goes through and empties the box.
    expect(await page.getByLabel('Shared with the rep').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.note-list').getByText(text).waitFor();
    expect(await noteBox(page, 'results').inputValue()).toBe('');
    await page.close();
  }, 90_000);

  it('asks before Finish drops a typed commitment, and saves it', async () => {
    const page = await suite.page();
    page.setDefaultTimeout(8_000);
    await signIn(page, suite.url, 'manager2@demo.rudder.dev');
    await page.getByRole('link', { name: 'Open 1:1 with Liam Brooks' }).click();
    await step(page, /New commitments/).click();
    const text = 'Book the Initech demo by Friday';
    await page.getByRole('textbox', { name: 'Commitment', exact: true }).fill(text);
    await page.getByRole('button', { name: 'Finish the 1:1' }).click();
    await dialog(page).waitFor();
    // Finishing cannot keep a draft: only save, discard or stay.
    expect(await dialog(page).getByRole('button').allTextContents()).toEqual([
      'Save it',
      'Discard it',
      'Stay',
    ]);
    await dialog(page).getByRole('button', { name: 'Save it' }).click();
    await page.getByRole('heading', { name: '1:1 with Liam Brooks held' }).waitFor();
    const response = await page.request.get(`${suite.url}/api/v1/commitments?limit=200`);
    const list = (await response.json()) as { items: Array<{ text: string; ownerRole: string }> };
    const saved = list.items.map((c) => `${c.ownerRole}: ${c.text}`);
    expect(saved).toContain(`rep: ${text}`);
    await page.close();
  }, 90_000);
});
