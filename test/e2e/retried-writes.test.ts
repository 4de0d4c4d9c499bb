import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signIn } from './browser.js';
import { e2eSuite } from './suite.js';

const suite = e2eSuite();

const step = (page: Page, name: RegExp) =>
  page.getByRole('navigation', { name: 'Steps of the 1:1' }).getByRole('button', { name });

async function rows(table: 'meeting_note' | 'commitment', text: string): Promise<number> {
  const column = table === 'meeting_note' ? 'body' : 'text';
  const [row] = await suite.db.query<{ n: number }>(
    `select count(*)::int as n from ${table} where ${column} = $1`,
    [text],
  );
  return row?.n ?? -1;
}

/**
 * The server handles the first delivery and commits, then the answer is lost on the way back
 * (a dropped connection, a balancer's 502): the web app retries with the same
 * Idempotency-Key and the server answers the stored result. One row, not two.
 */
describe('a save whose answer is lost is retried once, not written twice', () => {
  it('a note (connection dropped) and a commitment (502) each end as one row', async () => {
    const page = await suite.page();
    page.setDefaultTimeout(10_000);
    await signIn(page, suite.url, 'manager2@demo.rudder.dev');
    await page.getByRole('link', { name: 'Open 1:1 with Liam Brooks' }).click();
    await page.getByRole('button', { name: 'Start the 1:1' }).click();
    await step(page, /Results/).click();

    const keys: string[] = [];
    let dropped = 0;
    await page.route('**/api/v1/meetings/*/notes', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (dropped > 0) return route.fallback();
      dropped += 1;
      const handled = await route.fetch();
      expect(handled.status()).toBe(201);
      return route.abort('connectionreset');
    });
    const note = 'Renewal at Initech moved to May: asked twice?';
    await page.getByLabel('Note on results').fill(note);
    await page.getByLabel('Shared with the rep').check();
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.note-list').getByText(note).waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(await rows('meeting_note', note)).toBe(1);
    await page.unrouteAll();

    const commitmentKeys: string[] = [];
    await page.route('**/api/v1/meetings/*/commitments', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      commitmentKeys.push(route.request().headers()['idempotency-key'] ?? '');
      if (commitmentKeys.length > 1) return route.fallback();
      await route.fetch();
      return route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>502</h1>' });
    });
    await step(page, /New commitments/).click();
    const commitment = 'Send the Initech renewal quote by Tuesday';
    await page.getByRole('textbox', { name: 'Commitment', exact: true }).fill(commitment);
    await page.getByRole('button', { name: /Add commitment/ }).click();
    await page.getByText(commitment).first().waitFor();
    expect(commitmentKeys).toHaveLength(2);
    expect(commitmentKeys[1]).toBe(commitmentKeys[0]);
    await expect.poll(() => rows('commitment', commitment)).toBe(1);

    // A new submission after a success is a new key: the same text again is a second row.
    await page.unrouteAll();
    const again: string[] = [];
    await page.route('**/api/v1/meetings/*/commitments', async (route) => {
      if (route.request().method() === 'POST')
        again.push(route.request().headers()['idempotency-key'] ?? '');
      return route.fallback();
    });
    await page.getByRole('textbox', { name: 'Commitment', exact: true }).fill(commitment);
    await page.getByRole('button', { name: /Add commitment/ }).click();
    await expect.poll(() => rows('commitment', commitment)).toBe(2);
    expect(again).toHaveLength(1);
    expect(again[0]).not.toBe(commitmentKeys[0]);
    await page.close();
  }, 120_000);
});
