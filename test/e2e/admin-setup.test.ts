import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshots, seriousViolations, signIn } from './browser.js';
import { e2eSuite } from './suite.js';

const suite = e2eSuite();

// A hand-kept sheet: no header is a Rudder name or a preset alias; the manager by name.
const header = 'Agent Person;Mail;Reports Up To;Squad;Office';
const sheet = (second: string) =>
  `${header}\nNora Quinn;nora@agents.test;Priya Raman;;Boston\n${second}\n`;

async function choose(page: Page, name: string, text: string) {
  await page
    .getByLabel('CSV file')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

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

describe("the admin's first steps and the column mapping", () => {
  it('shows the checklist with what is done, its templates and its uploads', async () => {
    const page = await suite.page();
    await signIn(page, suite.url, 'admin@demo.rudder.dev');
    const checklist = page.getByRole('region', { name: /Get started|Set up/ });
    await checklist.waitFor();
    const steps = checklist.getByRole('listitem');
    expect(await steps.count()).toBe(6);
    // The demo has people in teams, goals, deals and activities; nobody saved the stages yet.
    expect(await steps.nth(0).textContent()).toContain('Done');
    expect(await steps.nth(4).textContent()).toContain('To do');
    const template = steps.nth(0).getByRole('link', { name: 'CSV template' });
    expect(await template.getAttribute('download')).toBe('rudder-people.csv');
    expect(decodeURIComponent((await template.getAttribute('href')) ?? '')).toBe(
      'data:text/csv;charset=utf-8,name,external_id,email,role,team,manager,manager_email,manager_external_id,title,region\n',
    );
    expect(await steps.nth(0).textContent()).toContain(
      "Accepts Rudder's template, Salesforce exports, HubSpot exports or your own columns (map them).",
    );
    expect(await sideways(page)).toBe(0);
    await screenshots(page, 'admin-checklist');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('maps odd headers, previews a row error, fixes it and imports, at 390 and 1280 px', async () => {
    const page = await suite.page();
    await signIn(page, suite.url, 'admin@demo.rudder.dev');
    await page.getByRole('link', { name: 'Upload people and teams' }).click();
    await page.getByRole('heading', { name: 'Imports', level: 1 }).waitFor();
    expect(await page.getByLabel('What').inputValue()).toBe('people');

    await suite.advanceClock(1);
    await choose(page, 'agents.csv', sheet('Omar Reyes;not-an-email;Priya Raman;;Boston'));
    const mapping = page.getByRole('region', { name: 'Columns' });
    await mapping.waitFor();
    // Nothing recognized: the required name is unmapped, and said so before any upload.
    expect(await page.getByRole('alert').textContent()).toContain('Choose a column for Name');
    const previewButton = page.getByRole('button', { name: 'Preview (dry run)' });
    expect(await previewButton.isDisabled()).toBe(true);
    await screenshots(page, 'admin-column-mapping-unmapped');
    await mapping.getByLabel(/^Name/).selectOption('Agent Person');
    await mapping.getByLabel(/^Email/).selectOption('Mail');
    await mapping.getByLabel(/^Manager ·/).selectOption('Reports Up To');
    expect(await mapping.textContent()).toContain('Not imported: Squad.');
    expect(await previewButton.isDisabled()).toBe(false);
    expect(await sideways(page)).toBe(0);
    await screenshots(page, 'admin-column-mapping');

    await previewButton.click();
    const errors = page.getByRole('table', { name: /row error/ });
    await errors.waitFor();
    const row = errors.getByRole('row').nth(1);
    expect(await row.getByRole('cell').first().textContent()).toBe('3');
    // The field, and the file's column it was read from.
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('email (column “Mail”)');
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    expect(await sideways(page)).toBe(0);
    await screenshots(page, 'admin-column-mapping-error');
    expect(await seriousViolations(page)).toEqual([]);

    // The fixed file has the same headers: the choices stay.
    await choose(
      page,
      'agents-fixed.csv',
      sheet('Omar Reyes;omar@agents.test;Priya Raman;;Boston'),
    );
    await mapping.waitFor();
    expect(await mapping.getByLabel(/^Name/).inputValue()).toBe('Agent Person');
    await suite.advanceClock(1);
    await previewButton.click();
    await page.getByRole('heading', { name: 'Preview: the file is clean' }).waitFor();
    await suite.advanceClock(1);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'Imported' }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain('2 new');

    // The next file of the kind is offered the same mapping, from the server.
    await page.reload();
    await choose(page, 'agents-next.csv', sheet('Ida Brun;ida@agents.test;Priya Raman;;Boston'));
    await mapping.waitFor();
    expect(await mapping.textContent()).toContain('the mapping you used last time');
    expect(await mapping.getByLabel(/^Manager ·/).inputValue()).toBe('Reports Up To');
    expect(await sideways(page)).toBe(0);
    await page.close();
  });
  it("says how it read a people file's Role column and lets the admin choose otherwise", async () => {
    const page = await suite.page();
    await signIn(page, suite.url, 'admin@demo.rudder.dev');
    await page.getByRole('link', { name: 'Upload people and teams' }).click();
    await page.getByRole('heading', { name: 'Imports', level: 1 }).waitFor();
    // A Salesforce user report: its Role is the role hierarchy, the team.
    await choose(
      page,
      'users.csv',
      'Full Name,Email,Role,Manager\nNora Quinn,nora@sf.test,Western Sales Team,Priya Raman\n',
    );
    const mapping = page.getByRole('region', { name: 'Columns' });
    await mapping.waitFor();
    expect(await mapping.getByLabel(/^Team/).inputValue()).toBe('Role');
    expect(await mapping.getByLabel(/^Role/).inputValue()).toBe('');
    const note = mapping.locator('.mapping-note');
    expect(await note.textContent()).toBe(
      'The column "Role" is read as the team: its values are not roles ("Western Sales Team"), as in a Salesforce user export, where the role names the team. Choose it for Role if it holds roles (admin, leader, manager, rep).',
    );
    mkdirSync('/work/briefs/shots', { recursive: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await mapping.screenshot({ path: '/work/briefs/shots/defects-role-note-390.png' });
    expect(await sideways(page)).toBe(0);
    await mapping.screenshot({ path: '/work/briefs/shots/defects-role-note-1280.png' });
    // A sheet of reps and managers: the role, said as plainly.
    await choose(
      page,
      'team.csv',
      'Name,Email,Role,Manager\nNora Quinn,nora@x.test,Rep,Priya Raman\nPriya Raman,priya@x.test,Manager,\n',
    );
    await note.filter({ hasText: "read as the person's role" }).waitFor();
    expect(await mapping.getByLabel(/^Role/).inputValue()).toBe('Role');
    expect(await mapping.getByLabel(/^Team/).inputValue()).toBe('');
    await page.close();
  });
});
