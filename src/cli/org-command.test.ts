import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/password.js';
import { sha256 } from '../auth/secrets.js';
import { setPasswordWithToken } from '../auth/set-password-with-token.js';
import { signIn } from '../auth/sign-in.js';
import { createSignInLimiter } from '../auth/sign-in-limiter.js';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { setUpOrganization } from '../organization/set-up-organization.js';
import { isAppError } from '../shared/app-error.js';
import { type OrgCreateFlags, runOrgCreate, runOrgList, runOrgSetupToken } from './org-command.js';

const now = new Date('2026-03-02T09:00:00Z');
const acme: OrgCreateFlags = {
  name: 'Acme Sales',
  currency: 'EUR',
  timeZone: 'Europe/Paris',
  fiscalYearStart: '4',
  adminEmail: 'pat@acme.example',
  adminName: 'Pat Lee',
};

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
});

/** Rows of every table `org create` writes: a refused value must leave each count as it was. */
async function counts(): Promise<Record<string, number>> {
  const [row] = await db.query<Record<string, number>>(
    `select (select count(*) from org)::int8 as org, (select count(*) from person)::int8 as person,
            (select count(*) from stage)::int8 as stage,
            (select count(*) from one_time_token)::int8 as token,
            (select count(*) from audit_event)::int8 as audit`,
  );
  return row ?? {};
}

/** The message of the error `runOrgCreate` throws, with its code. */
async function refusal(flags: OrgCreateFlags, password?: string): Promise<string> {
  try {
    await runOrgCreate(db, flags, { now, ...(password === undefined ? {} : { password }) });
  } catch (error: unknown) {
    if (isAppError(error)) return `${error.code} ${error.message}`;
    throw error;
  }
  return 'created';
}

describe(`rudder org create (${testEngine})`, () => {
  let link = '';

  it('creates the org, the default stages and an admin who signs in through the printed link', async () => {
    const output = await runOrgCreate(db, acme, { now, publicUrl: 'https://rudder.acme.example/' });
    link = /https:\/\/rudder\.acme\.example\/set-password\?token=(\S+)/.exec(output)?.[0] ?? '';
    expect(output).toContain('Organization "Acme Sales" created (slug acme-sales)');
    expect(link).not.toBe('');

    const orgs = await db.query(
      `select slug, name, currency, time_zone, fiscal_year_start_month, settings, created_at
         from org`,
    );
    expect(orgs).toEqual([
      {
        slug: 'acme-sales', // made of the name
        name: 'Acme Sales',
        currency: 'EUR',
        time_zone: 'Europe/Paris',
        fiscal_year_start_month: 4,
        settings: {}, // every setting its default
        created_at: '2026-03-02T09:00:00.000Z',
      },
    ]);
    const stages = await db.query(
      'select name, position, kind, probability from stage order by position',
    );
    expect(stages).toEqual([
      { name: 'Prospecting', position: 1, kind: 'open', probability: 10 },
      { name: 'Qualification', position: 2, kind: 'open', probability: 20 },
      { name: 'Discovery', position: 3, kind: 'open', probability: 40 },
      { name: 'Proposal', position: 4, kind: 'open', probability: 60 },
      { name: 'Negotiation', position: 5, kind: 'open', probability: 80 },
      { name: 'Closed Won', position: 6, kind: 'won', probability: 100 },
      { name: 'Closed Lost', position: 7, kind: 'lost', probability: 0 },
    ]);
    const people = await db.query('select name, email, role, password_hash, active from person');
    expect(people).toEqual([
      {
        name: 'Pat Lee',
        email: 'pat@acme.example',
        role: 'admin',
        password_hash: null,
        active: true,
      },
    ]);

    const token = decodeURIComponent(new URL(link).searchParams.get('token') ?? '');
    await setPasswordWithToken(db, { token, password: 'a long enough secret', now });
    const signedIn = await signIn(db, {
      email: 'PAT@acme.example',
      password: 'a long enough secret',
      address: '127.0.0.1',
      now,
      limiter: createSignInLimiter(db),
    });
    const [ids] = await db.query<{ orgId: string; personId: string }>(
      `select o.id as "orgId", p.id as "personId" from org o join person p on p.org_id = o.id`,
    );
    expect(signedIn).toEqual(ids);
  });

  it('sets the password read from standard input and prints no link', async () => {
    const output = await runOrgCreate(
      db,
      {
        ...acme,
        name: 'Beta GmbH',
        slug: 'beta',
        currency: 'chf',
        timeZone: 'europe/zurich',
        fiscalYearStart: '1',
      },
      { now, password: 'correct horse battery' },
    );
    expect(output).not.toContain('set-password');
    const [org] = await db.query<{ currency: string; time_zone: string }>(
      "select currency, time_zone from org where slug = 'beta'",
    );
    // Stored canonical: upper-case code, the zone's IANA spelling.
    expect(org).toEqual({ currency: 'CHF', time_zone: 'Europe/Zurich' });
    const [admin] = await db.query<{ password_hash: string; tokens: number }>(
      `select p.password_hash, (select count(*) from one_time_token t where t.org_id = p.org_id)::int8 as tokens
         from person p join org o on o.id = p.org_id where o.slug = 'beta'`,
    );
    expect(admin?.tokens).toBe(0);
    expect(await verifyPassword('correct horse battery', admin?.password_hash ?? '')).toBe(true);
    expect(await verifyPassword('wrong horse battery', admin?.password_hash ?? '')).toBe(false);
  });

  const refused: Array<[string, OrgCreateFlags, string | undefined, string]> = [
    [
      'an unknown currency',
      { ...acme, slug: 'x1', currency: 'USX' },
      undefined,
      "VALIDATION_FAILED --currency: 'USX' is not an ISO 4217 currency code (e.g. USD, EUR)",
    ],
    [
      'an unknown time zone',
      { ...acme, slug: 'x2', timeZone: 'Mars/Olympus_Mons' },
      undefined,
      "VALIDATION_FAILED --time-zone: 'Mars/Olympus_Mons' is not an IANA time zone (e.g. Europe/Paris, America/New_York)",
    ],
    [
      'an offset instead of a zone',
      { ...acme, slug: 'x3', timeZone: '+01:00' },
      undefined,
      "VALIDATION_FAILED --time-zone: '+01:00' is not an IANA time zone (e.g. Europe/Paris, America/New_York)",
    ],
    [
      'month 13',
      { ...acme, slug: 'x4', fiscalYearStart: '13' },
      undefined,
      "VALIDATION_FAILED --fiscal-year-start: '13' is not a month number from 1 to 12",
    ],
    [
      'month 0',
      { ...acme, slug: 'x5', fiscalYearStart: '0' },
      undefined,
      "VALIDATION_FAILED --fiscal-year-start: '0' is not a month number from 1 to 12",
    ],
    [
      'a month name',
      { ...acme, slug: 'x6', fiscalYearStart: 'April' },
      undefined,
      "VALIDATION_FAILED --fiscal-year-start: 'April' is not a month number from 1 to 12",
    ],
    [
      'a bad e-mail',
      { ...acme, slug: 'x7', adminEmail: 'pat@' },
      undefined,
      "VALIDATION_FAILED --admin-email: 'pat@' is not an e-mail address",
    ],
    [
      'a slug that is not one',
      { ...acme, slug: 'Acme Sales' },
      undefined,
      "VALIDATION_FAILED --slug: 'Acme Sales' is not a slug (lowercase letters, digits and single hyphens, e.g. acme-sales)",
    ],
    [
      'a taken slug',
      { ...acme, slug: 'beta' },
      undefined,
      `CONFLICT --slug: 'beta' is taken by the organization "Beta GmbH"; choose another`,
    ],
    [
      'a taken slug made of the name',
      acme,
      undefined,
      `CONFLICT --slug (made of --name): 'acme-sales' is taken by the organization "Acme Sales"; choose another`,
    ],
    [
      'a short password',
      { ...acme, slug: 'x8' },
      'short',
      'VALIDATION_FAILED --admin-password-stdin: must have at least 10 characters',
    ],
    [
      'two bad values at once',
      { ...acme, slug: 'x9', currency: 'EURO', fiscalYearStart: '13' },
      undefined,
      "VALIDATION_FAILED --currency: 'EURO' is not an ISO 4217 currency code (e.g. USD, EUR)\n" +
        "--fiscal-year-start: '13' is not a month number from 1 to 12",
    ],
  ];
  it.each(refused)(
    'refuses %s, naming the flag, and writes nothing',
    async (_, flags, password, message) => {
      const before = await counts();
      expect(await refusal(flags, password)).toBe(message);
      expect(await counts()).toEqual(before);
    },
  );

  it('accepts the admin e-mail of another organization: an e-mail is unique per organization', async () => {
    await runOrgCreate(db, { ...acme, name: 'Gamma', adminName: 'Pat Again' }, { now });
    const admins = await db.query<{ slug: string; name: string }>(
      `select o.slug, p.name from person p join org o on o.id = p.org_id
        where p.email = 'pat@acme.example' order by o.slug`,
    );
    expect(admins).toEqual([
      { slug: 'acme-sales', name: 'Pat Lee' },
      { slug: 'beta', name: 'Pat Lee' },
      { slug: 'gamma', name: 'Pat Again' },
    ]);
  });

  it('lists the organizations with their people as a table and as JSON', async () => {
    expect(await runOrgList(db, {})).toBe(
      [
        'slug        name        people  created',
        'acme-sales  Acme Sales       1  2026-03-02',
        'beta        Beta GmbH        1  2026-03-02',
        'gamma       Gamma            1  2026-03-02',
        '',
      ].join('\n'),
    );
    const json = JSON.parse(await runOrgList(db, { json: true })) as unknown;
    expect(json).toEqual([
      { slug: 'acme-sales', name: 'Acme Sales', people: 1, createdAt: '2026-03-02T09:00:00.000Z' },
      { slug: 'beta', name: 'Beta GmbH', people: 1, createdAt: '2026-03-02T09:00:00.000Z' },
      { slug: 'gamma', name: 'Gamma', people: 1, createdAt: '2026-03-02T09:00:00.000Z' },
    ]);
  });
});

describe(`rudder org setup-token (${testEngine})`, () => {
  it('prints a single-use link, valid one hour, that opens the setup of one more organization', async () => {
    const output = await runOrgSetupToken(db, { now, publicUrl: 'https://rudder.acme.example' });
    expect(output).toContain('(it works once, until 2026-03-02 10:00 UTC)');
    const token = /https:\/\/rudder\.acme\.example\/setup\?token=([A-Za-z0-9_-]{43})\n/.exec(
      output,
    )?.[1];
    expect(token).toBeDefined();
    // Only its hash is stored.
    const stored = await db.query<{ token_hash: string }>('select token_hash from setup_token');
    expect(stored.map((r) => r.token_hash)).toEqual([sha256(token ?? '')]);
    const input = {
      name: 'Delta Sales',
      currency: 'CHF',
      timeZone: 'Europe/Zurich',
      fiscalYearStartMonth: 1,
      admin: { email: 'dee@delta.example', password: 'a long enough password' },
    };
    const created = await setUpOrganization(db, { input, setupToken: token, now });
    expect(created.slug).toBe('delta-sales');
    await expect(
      setUpOrganization(db, { input: { ...input, name: 'Epsilon' }, setupToken: token, now }),
    ).rejects.toThrow('The setup link is not valid, was already used, or has expired.');
  });
});
