import { describe, expect, it } from 'vitest';
import { seriousViolations, signIn } from './browser.js';
import { e2eSuite } from './suite.js';

const suite = e2eSuite();

// The manager's home answers "who do I prepare for, and why" first, and every 1:1 opens
// from a place a phone shows without a sideways scroll.
describe("the manager's home", () => {
  for (const width of [390, 1280]) {
    it(`shows the prep queue, late first, and opens a 1:1 from the team table at ${width} px`, async () => {
      const page = await suite.page();
      page.setDefaultTimeout(10_000);
      await page.setViewportSize({ width, height: 900 });
      await signIn(page, suite.url, 'manager2@demo.rudder.dev');
      const queue = page.getByRole('region', { name: 'Prep queue' });
      const items = queue.getByRole('listitem');
      await items.first().waitFor();
      // The same entries and order as the API's, each with its stage and deciding sentence.
      const api = (await page.evaluate("fetch('/api/v1/prep-queue').then((r) => r.json())")) as {
        items: Array<{ repName: string; reason: string; state: string }>;
      };
      expect(api.items.length).toBeGreaterThan(0);
      const texts = await items.allTextContents();
      expect(texts.length).toBe(api.items.length);
      api.items.forEach((entry, i) => {
        expect(texts[i]).toContain(entry.repName);
        expect(texts[i]).toContain(entry.reason);
      });
      const late = api.items.findIndex((e) => e.state !== 'overdue');
      if (late > 0) expect(api.items.slice(0, late).every((e) => e.state === 'overdue')).toBe(true);

      // "Open 1:1" sits in the rep's own cell: on screen without scrolling the table's box.
      const open = page.getByRole('link', { name: 'Open 1:1 with Liam Brooks' });
      // Not scrolled into view: that would scroll the table's own box sideways too.
      const box = await open.boundingBox();
      expect(box).not.toBeNull();
      expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(width);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        width,
      );
      expect(await seriousViolations(page)).toEqual([]);
      await open.click();
      await page.getByRole('heading', { level: 1, name: /Liam Brooks/ }).waitFor();
      await page.close();
    }, 60_000);
  }
});
