import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { issueSetupToken } from '../../src/auth/issue-setup-token.js';
import { screenshots, seriousViolations } from './browser.js';
import { e2eSuite } from './suite.js';

// `rudder serve` on a fresh data folder: no organization, no demo.
const suite = e2eSuite({ empty: true });

async function fill(page: Page, values: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(values))
    await page.getByLabel(label, { exact: true }).fill(value);
}

describe('first run in the browser: from an empty database to the admin home', () => {
  it('sends the first visitor to the setup screen, which names each refused field', async () => {
    const page = await suite.page();
    page.setDefaultTimeout(10_000);
    // Nobody can sign in yet: the sign-in page hands over to the setup.
    await page.goto(`${suite.url}/`);
    await page.getByRole('heading', { name: 'Set up your organization' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/setup');
    await page.getByLabel('Currency').selectOption('EUR');
    await page.getByLabel('Time zone').selectOption('Europe/Paris');
    await page.getByLabel('Fiscal year starts in').selectOption({ label: 'April' });
    await fill(page, {
      'Organization name': 'Acme Sales',
      'Your name': 'Pat Lee',
      'E-mail': 'pat-at-acme',
      Password: 'short',
    });
    await page.getByRole('button', { name: 'Create the organization' }).click();
    const email = page.getByLabel('E-mail', { exact: true });
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field-error').allTextContents()).toEqual([
      "'pat-at-acme' is not an e-mail address",
      'Must have at least 10 characters',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'setup-refused');
    await page.close();
  });

  it('creates the organization and signs its admin in on the admin home; setup is then closed', async () => {
    const page = await suite.page();
    page.setDefaultTimeout(10_000);
    await page.goto(`${suite.url}/setup`);
    await page.getByRole('heading', { name: 'Set up your organization' }).waitFor();
    await screenshots(page, 'setup');
    // A phone: no sideways scroll of the page, the long selects included.
    await page.setViewportSize({ width: 390, height: 900 });
    // A string: this project's TypeScript has no DOM types.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(390);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel('Currency').selectOption('EUR');
    await page.getByLabel('Time zone').selectOption('Europe/Paris');
    await page.getByLabel('Fiscal year starts in').selectOption({ label: 'April' });
    await fill(page, {
      'Organization name': 'Acme Sales',
      'Your name': 'Pat Lee',
      'E-mail': 'pat@acme.example',
      Password: 'a long enough password',
    });
    await page.getByRole('button', { name: 'Create the organization' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    // Signed in as the admin of the new organization: the admin's menu and its name.
    await page.getByRole('link', { name: 'People & teams' }).first().waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me).toMatchObject({
      person: { name: 'Pat Lee', role: 'admin', email: 'pat@acme.example' },
      org: { slug: 'acme-sales', name: 'Acme Sales' },
    });
    const settings = await page.evaluate(async () => (await fetch('/api/v1/settings')).json());
    expect(settings).toMatchObject({
      currency: 'EUR',
      timeZone: 'Europe/Paris',
      fiscalYearStartMonth: 4,
    });
    await screenshots(page, 'setup-done-admin-home');

    // A second visit, even signed in, finds the setup closed, and the API refuses it too.
    await page.goto(`${suite.url}/setup`);
    await page.getByRole('heading', { name: 'This Rudder is already set up' }).waitFor();
    await screenshots(page, 'setup-closed');
    const second = await page.evaluate(async () => {
      const response = await fetch('/api/v1/setup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Second',
          currency: 'USD',
          timeZone: 'UTC',
          fiscalYearStartMonth: 1,
          admin: { email: 'eve@evil.example', password: 'a long enough password' },
        }),
      });
      return { status: response.status, body: (await response.json()) as { code: string } };
    });
    expect(second.status).toBe(403);
    expect(second.body.code).toBe('FORBIDDEN');
    await page.close();
  });

  it('sets up a second organization with a setup link, then asks which one at sign-in', async () => {
    const { token } = await issueSetupToken(suite.app.deps.db, { now: new Date() });
    const page = await suite.page();
    page.setDefaultTimeout(10_000);
    await page.goto(`${suite.url}/setup?token=${token}`);
    await page.getByRole('heading', { name: 'Set up your organization' }).waitFor();
    await fill(page, {
      'Organization name': 'Beta Sales',
      'Your name': 'Pat Lee',
      'E-mail': 'pat@acme.example',
      Password: 'a long enough password',
    });
    await page.getByRole('button', { name: 'Create the organization' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('link', { name: 'People & teams' }).first().waitFor();
    await page.context().clearCookies();

    await page.goto(`${suite.url}/sign-in`);
    await page.getByLabel('E-mail').fill('pat@acme.example');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const choice = page.getByRole('group', { name: /several organizations/ });
    await choice.waitFor();
    expect(
      await choice
        .getByRole('radio')
        .evaluateAll((radios) => radios.map((r) => r.closest('label')?.textContent)),
    ).toEqual(['Acme Sales (acme-sales)', 'Beta Sales (beta-sales)']);
    await screenshots(page, 'sign-in-choose-org');
    await page.getByRole('radio', { name: /Beta Sales/ }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('link', { name: 'People & teams' }).first().waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me).toMatchObject({ org: { slug: 'beta-sales' }, person: { role: 'admin' } });
    await page.close();
  });

  it('opens an invitation link on a page that names its organization, then signs in there', async () => {
    const page = await suite.page();
    page.setDefaultTimeout(10_000);
    await page.goto(`${suite.url}/sign-in`);
    await page.getByLabel('E-mail').fill('pat@acme.example');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('radio', { name: /Acme Sales/ }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    // The admin invites a manager (the API the admin screens call).
    const invited = await page.evaluate(async () => {
      const post = (url: string, body: object) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const person = (await (
        await post('/api/v1/people', {
          name: 'Mia Chen',
          email: 'mia@acme.example',
          role: 'manager',
        })
      ).json()) as { id: string };
      return (await post(`/api/v1/people/${person.id}/invitation`, {})).status;
    });
    expect(invited).toBeLessThan(300);
    const [mail] = await suite.app.deps.db.query<{ text: string }>(
      `select text from outbox_message where 'mia@acme.example' = any("to")`,
    );
    const link = /\/set-password\?token=\S+/.exec(mail?.text ?? '')?.[0] ?? '';
    expect(link).not.toBe('');
    await page.context().clearCookies();

    await page.goto(`${suite.url}${link}`);
    await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
    expect(await page.locator('main p.muted').textContent()).toBe(
      'For mia@acme.example in Acme Sales. The link works once.',
    );
    await screenshots(page, 'set-password');
    await page.getByLabel('Password', { exact: true }).fill('mia has a long password');
    await page.getByRole('button', { name: 'Save and sign in' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByLabel('E-mail').inputValue()).toBe('mia@acme.example');
    await page.getByLabel('Password').fill('mia has a long password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me).toMatchObject({ org: { slug: 'acme-sales' }, person: { role: 'manager' } });
    // The link is spent: opening it again says so.
    await page.context().clearCookies();
    await page.goto(`${suite.url}${link}`);
    await page.getByRole('heading', { name: 'This link no longer works' }).waitFor();
    await page.close();
  });
});
