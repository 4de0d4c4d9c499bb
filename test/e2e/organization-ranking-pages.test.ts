import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshots, seriousViolations, signIn } from './browser.js';
import { e2eSuite } from './suite.js';

const suite = e2eSuite();

/** The demo org's ranked people in February 2026 plus 60 added here: more than one page of 50. */
async function addSixtyReps(): Promise<number> {
  const db = suite.db;
  const [org] = await db.query<{ id: string }>(`select id from org where slug like 'demo%'`);
  const orgId = org?.id ?? '';
  const [team] = await db.query<{ id: string }>(
    `insert into team (org_id, name) values ($1, 'Field') returning id`,
    [orgId],
  );
  await db.query(
    `with added as (
       insert into person (org_id, name, role)
       select $1, 'Field Rep ' || lpad(n::text, 2, '0'), 'rep' from generate_series(1, 60) n
       returning id)
     insert into team_membership (org_id, team_id, person_id, valid_from)
     select $1, $2, id, '2025-01-01' from added`,
    [orgId, team?.id],
  );
  const [ranked] = await db.query<{ n: number }>(
    `select count(distinct person_id) as n from team_membership
      where org_id = $1 and valid_from < '2026-03-01' and (valid_to is null or valid_to > '2026-02-01')`,
    [orgId],
  );
  return ranked?.n ?? 0;
}

/** The page's width beyond the window: 0 when nothing scrolls sideways. */
const sideways = (page: Page) =>
  page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;

describe('the organization ranking, one page at a time', () => {
  it('shows the leader 50 rows, then the rest on the next page, at 1280 and 390 px', async () => {
    const total = await addSixtyReps();
    expect(total).toBeGreaterThan(60);
    const page = await suite.page();
    await signIn(page, suite.url, 'leader@demo.rudder.dev');
    await page.getByRole('link', { name: 'Scorecard' }).click();
    const ranking = page.getByRole('region', { name: 'Organization ranking' });
    const pager = ranking.getByRole('navigation', { name: 'Organization ranking pages' });
    await pager.waitFor();
    expect(await pager.textContent()).toContain(`1–50 of ${total}`);
    // 50 body rows and the header row.
    expect(await ranking.getByRole('row').count()).toBe(51);
    expect(await pager.getByRole('button', { name: 'Previous 50' }).isDisabled()).toBe(true);
    await screenshots(page, 'organization-ranking-first-page');

    await pager.getByRole('button', { name: 'Next 50' }).click();
    await expect.poll(() => pager.textContent()).toContain(`51–${total} of ${total}`);
    expect(await ranking.getByRole('row').count()).toBe(total - 50 + 1);
    expect(await pager.getByRole('button', { name: 'Next 50' }).isDisabled()).toBe(true);
    expect(page.url()).toContain('rankFrom=50');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(400);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await screenshots(page, 'organization-ranking-last-page');
    expect(await seriousViolations(page)).toEqual([]);

    await pager.getByRole('button', { name: 'Previous 50' }).click();
    await expect.poll(() => pager.textContent()).toContain(`1–50 of ${total}`);
    await page.close();
  });
});
