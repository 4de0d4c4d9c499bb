import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screenshots, seriousViolations, signIn } from './browser.js';
import { e2eSuite } from './suite.js';

const suite = e2eSuite();

// Between meetings the rep answers the suggested questions and marks their commitments
// done; their manager finds both in the 1:1.
describe("the rep's part between meetings", () => {
  it('the rep answers and marks done on a phone; the manager reads both in the 1:1', async () => {
    const rep = await suite.page();
    rep.setDefaultTimeout(10_000);
    await rep.setViewportSize({ width: 390, height: 844 });
    await signIn(rep, suite.url, 'grace@demo.rudder.dev');
    const form = rep.getByRole('form', { name: 'Before the 1:1: your answers' });
    await form.waitFor();
    const first = form.getByRole('textbox').first();
    const question = (await form.locator('label').first().textContent()) ?? '';
    const answer = 'Two renewals moved to April; Initech wants a second demo.';
    await first.fill(answer);
    await form.getByRole('button', { name: 'Save my answers' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    // An answer saved to a question worded otherwise than today's (its figures moved) stays
    // a field of its own, and saving again keeps it.
    const stored = (await rep.evaluate(`(async () => {
      const me = await (await fetch('/api/v1/me')).json();
      const page = await (await fetch('/api/v1/meetings?rep=' + me.person.id + '&limit=200')).json();
      const next = page.items.filter((m) => m.status === 'scheduled')
        .sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt))[0];
      const url = '/api/v1/meetings/' + next.id + '/pre-work';
      const current = await (await fetch(url)).json();
      const answers = [...current.answers, { question: 'What closes by the 31st, of $50,000?', answer: 'Globex.' }];
      await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answers }) });
      return url;
    })()`)) as string;
    await rep.reload();
    const old = form.getByLabel('What closes by the 31st, of $50,000?');
    expect(await old.inputValue()).toBe('Globex.');
    // Grouped by step of the 1:1, as the agenda suggests them, the old wording apart.
    const suggested = (await rep.evaluate(`(async () => {
      const me = await (await fetch('/api/v1/me')).json();
      return (await (await fetch('/api/v1/people/' + me.person.id + '/agenda')).json()).questions;
    })()`)) as Array<{ stage: string; text: string }>;
    const legends = {
      results: 'Your results',
      pipeline: 'Your pipeline',
      activity: 'Your activity',
    };
    const expected = (['results', 'pipeline', 'activity'] as const)
      .map((stage) => ({
        legend: legends[stage],
        texts: suggested.filter((q) => q.stage === stage).map((q) => q.text),
      }))
      .filter((group) => group.texts.length > 0);
    expected.push({
      legend: 'Answered before, worded otherwise',
      texts: ['What closes by the 31st, of $50,000?'],
    });
    const groups = await form.locator('fieldset').evaluateAll((sets) =>
      sets.map((set) => ({
        legend: set.querySelector('legend')?.firstChild?.textContent?.trim() ?? '',
        texts: [...set.querySelectorAll('label')].map((l) => l.firstChild?.textContent ?? ''),
      })),
    );
    expect(groups).toEqual(expected);
    const total = suggested.length + 1;
    await form.getByText(`2 of ${total} answered`).waitFor();
    // Save stays in reach: at the bottom of the screen while the form runs on below it.
    await form.getByRole('textbox').nth(2).focus();
    const save = form.getByRole('button', { name: 'Save my answers' });
    const saveBox = await save.boundingBox();
    expect((saveBox?.y ?? 0) + (saveBox?.height ?? 0)).toBeLessThanOrEqual(844);
    mkdirSync('/work/briefs/shots', { recursive: true });
    await rep.screenshot({ path: '/work/briefs/shots/defects-pre-work-390.png', fullPage: true });
    await form.screenshot({ path: '/work/briefs/shots/defects-pre-work-form-390.png' });
    await form.getByRole('button', { name: 'Save my answers' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const after = (await rep.evaluate(
      `fetch(${JSON.stringify(stored)}).then((r) => r.json())`,
    )) as {
      answers: Array<{ question: string; answer: string }>;
    };
    expect(after.answers.map((a) => a.answer)).toEqual([answer, 'Globex.']);
    // Her own open commitment, marked done as she goes.
    const commitments = rep.getByRole('region', { name: 'Commitments' });
    const box = commitments.getByRole('checkbox').first();
    const done = ((await box.locator('xpath=..').textContent()) ?? '').split(' by ')[0] ?? '';
    // The box shows what the server holds: it turns checked once the mark is saved, so a
    // click (not Playwright's check(), which wants the state at once) and then the badge.
    await box.click();
    await commitments
      .getByText(/^done /)
      .first()
      .waitFor();
    expect(await box.isChecked()).toBe(true);
    expect(await rep.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await seriousViolations(rep)).toEqual([]);
    await screenshots(rep, 'rep-home-pre-work');
    await rep.close();

    const manager = await suite.page();
    manager.setDefaultTimeout(10_000);
    await signIn(manager, suite.url, 'manager2@demo.rudder.dev');
    await manager.getByRole('link', { name: 'Open 1:1 with Grace Kim' }).click();
    const answers = manager.getByRole('region', { name: 'Grace Kim’s answers before the 1:1' });
    // On the prep screen already, then in the meeting's first step.
    await answers.getByText(answer).waitFor();
    await manager.getByRole('button', { name: 'Start the 1:1' }).click();
    await manager.getByRole('heading', { name: 'Commitments to review' }).waitFor();
    await answers.getByText(answer).waitFor();
    expect(await answers.textContent()).toContain(question.trim());
    const review = manager.locator('.review-list li').filter({ hasText: done.trim() });
    await review.getByText(/marked done .* by the rep/).waitFor();
    expect(await seriousViolations(manager)).toEqual([]);
    await manager.close();
  }, 90_000);
});
