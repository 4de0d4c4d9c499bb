import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminQuery, testEngine } from '../db/test-db.js';
import { runCli } from './program.js';

/**
 * From an empty database to a team's scorecard with the `rudder` command alone, run in this
 * process on a PGlite folder (or a fresh PostgreSQL database with TEST_DATABASE_URL).
 */
const dir = mkdtempSync(join(tmpdir(), 'rudder-own-org-'));
const savedEnv = { ...process.env };
const serverUrl = process.env.TEST_DATABASE_URL;
const databaseName = `rudder_cli_${process.pid}_${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  process.env.RUDDER_DATA_DIR = join(dir, 'data');
  process.env.PUBLIC_URL = 'https://rudder.acme.example';
  process.env.LOG_LEVEL = 'warn';
  if (serverUrl) {
    await adminQuery(serverUrl, `CREATE DATABASE ${databaseName}`);
    const url = new URL(serverUrl);
    url.pathname = `/${databaseName}`;
    process.env.DATABASE_URL = url.toString();
  } else {
    delete process.env.DATABASE_URL;
  }
});
afterAll(async () => {
  process.env = savedEnv;
  if (serverUrl)
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  rmSync(dir, { recursive: true, force: true });
});

/** `rudder <args>` with what it printed. */
async function rudder(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  try {
    return { code: await runCli(args), out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const acme = [
  'org',
  'create',
  '--name',
  'Acme Sales',
  '--currency',
  'EUR',
  '--time-zone',
  'Europe/Paris',
  '--fiscal-year-start',
  // February: the fiscal year of March 2025 is February and March so far, both with goals.
  '2',
  '--admin-email',
  'pat@acme.example',
];

describe(`your own organization from the CLI alone (${testEngine})`, { timeout: 120_000 }, () => {
  it('creates the organization and prints the admin sign-in link', async () => {
    const created = await rudder(...acme);
    expect(created.code).toBe(0);
    expect(created.out).toMatch(
      /^ {2}https:\/\/rudder\.acme\.example\/set-password\?token=[0-9a-f-]{36}\.\S+$/m,
    );
  });

  it('refuses a bad value with exit code 2 and the flag, and writes nothing', async () => {
    const refused = await rudder(...acme, '--slug', 'other', '--currency', 'USX');
    expect(refused).toEqual({
      code: 2,
      out: '',
      err: "rudder: --currency: 'USX' is not an ISO 4217 currency code (e.g. USD, EUR)\n",
    });
    const missing = await rudder('org', 'create', '--name', 'No Admin');
    expect(missing.code).toBe(2);
    const listed = await rudder('org', 'list', '--json');
    expect(JSON.parse(listed.out)).toEqual([
      { slug: 'acme-sales', name: 'Acme Sales', people: 1, createdAt: expect.any(String) },
    ]);
  });

  it('imports people, goals and opportunities and prints the team scorecard', async () => {
    const people = file('people.csv', [
      'external_id,name,email,role,team,manager_email,title',
      'M-1,Maria Manager,maria@acme.example,manager,,,Sales Manager',
      'R-1,Rob Rep,rob@acme.example,rep,East,maria@acme.example,Account Executive',
      'R-2,Ria Rep,ria@acme.example,rep,East,maria@acme.example,Account Executive',
    ]);
    const goals = file('goals.csv', [
      'person,metric,period,target',
      'rob@acme.example,bookings,2025-02,10000',
      'ria@acme.example,bookings,2025-02,10000',
      'rob@acme.example,bookings,2025-03,10000',
      'ria@acme.example,bookings,2025-03,20000',
    ]);
    const opportunities = file('opportunities.csv', [
      'external_id,name,account,owner,stage,amount,created_at,close_date,closed_at',
      'O-1,Platform,Globex,rob@acme.example,Closed Won,6000,2025-01-15,2025-03-10,',
      // No closed_at: midnight of the close date in Paris, 2025-03-30T22:00Z, still March.
      'O-2,Expansion,Initech,rob@acme.example,Closed Won,1500.50,2025-01-15,2025-03-31,',
      'O-3,Platform,Hooli,ria@acme.example,Closed Won,9000,2025-01-15,2025-03-15,',
      // 23:30 UTC on 31 March is 01:30 on 1 April in Paris (summer time): an April booking.
      'O-4,Renewal,Contoso,ria@acme.example,Closed Won,4000,2025-01-15,2025-03-31,2025-03-31T23:30:00Z',
      'O-5,Pilot,Fabrikam,ria@acme.example,Proposal,50000,2025-01-15,2025-05-20,',
      'O-6,Pilot,Litware,ria@acme.example,Closed Lost,3000,2025-01-15,2025-03-20,',
      'O-7,Renewal,Acme,rob@acme.example,Closed Won,8000,2025-01-15,2025-02-12,',
      'O-8,Expansion,Proseware,ria@acme.example,Closed Won,12000,2025-01-15,2025-02-20,',
    ]);
    for (const [kind, path, asOf] of [
      ['people', people, '2025-01-01T00:00:00Z'],
      ['goals', goals, '2025-01-01T00:00:00Z'],
      ['opportunities', opportunities, '2025-04-15T00:00:00Z'],
    ] as const) {
      const imported = await rudder('import', kind, path, '--as-of', asOf, '--json');
      expect({ kind, code: imported.code, errors: JSON.parse(imported.out).errors }).toEqual({
        kind,
        code: 0,
        errors: [],
      });
    }

    const printed = await rudder('scorecard', '--team', 'East', '--period', '2025-03', '--json');
    expect(printed.code).toBe(0);
    const card = JSON.parse(printed.out) as {
      team: { name: string };
      period: { key: string };
      currency: string;
      of: number;
      rows: Array<Record<string, unknown>>;
    };
    expect([card.team.name, card.period.key, card.currency, card.of]).toEqual([
      'East',
      '2025-03',
      'EUR',
      2,
    ]);
    expect(
      card.rows.map(
        ({ name, actual, goal, attainment, rank, previousRank, movement, yearToDate }) => ({
          name,
          actual,
          goal,
          attainment,
          rank,
          previousRank,
          movement,
          yearToDate,
        }),
      ),
    ).toEqual([
      {
        name: 'Rob Rep',
        actual: 750_050, // O-1 6,000 + O-2 1,500.50 = 7,500.50 EUR, in cents
        goal: 1_000_000, // 10,000 EUR
        attainment: 0.75005, // 7,500.50 / 10,000
        rank: 1, // 75.0% beats Ria's 45%
        previousRank: 2, // February: 8,000 / 10,000 = 80% < Ria's 120%
        movement: 1, // 2 − 1
        // Fiscal year from February 2025: February and March. 8,000 + 7,500.50; 10,000 + 10,000.
        yearToDate: { actual: 1_550_050, goal: 2_000_000, attainment: 0.775025 },
      },
      {
        name: 'Ria Rep',
        actual: 900_000, // O-3 9,000 (O-4 is April's, O-5 open, O-6 lost)
        goal: 2_000_000, // 20,000 EUR
        attainment: 0.45, // 9,000 / 20,000
        rank: 2,
        previousRank: 1, // February: 12,000 / 10,000 = 120%
        movement: -1, // 1 − 2
        // 12,000 + 9,000; 10,000 + 20,000.
        yearToDate: { actual: 2_100_000, goal: 3_000_000, attainment: 0.7 },
      },
    ]);
  });

  it('asks for --org when there are two organizations, and uses the one named', async () => {
    const beta = await rudder(
      ...['org', 'create', '--name', 'Beta', '--slug', 'beta', '--currency', 'usd'],
      ...['--time-zone', 'America/Chicago', '--fiscal-year-start', '1'],
      ...['--admin-email', 'pat@acme.example'],
    );
    expect(beta.code).toBe(0);
    const scorecard = ['scorecard', '--team', 'East', '--period', '2025-03', '--json'];
    expect(await rudder(...scorecard)).toEqual({
      code: 1,
      out: '',
      err: 'rudder: Several organizations exist; choose one with --org (acme-sales, beta).\n',
    });
    expect(await rudder(...scorecard, '--org', 'nope')).toEqual({
      code: 1,
      out: '',
      err: 'rudder: --org: no organization "nope". Known: acme-sales, beta.\n',
    });
    const chosen = await rudder(...scorecard, '--org', 'acme-sales');
    expect(chosen.code).toBe(0);
    expect(
      (JSON.parse(chosen.out) as { rows: Array<{ name: string }> }).rows.map((r) => r.name),
    ).toEqual(['Rob Rep', 'Ria Rep']);
    // Beta has no team East: the name is looked up in Beta, not in the only other org.
    expect(await rudder(...scorecard, '--org', 'beta')).toMatchObject({
      code: 1,
      err: 'rudder: No team "East".\n',
    });
  });

  it('adds the demo beside them without touching them', async () => {
    const demo = await rudder('demo');
    expect(demo.code).toBe(0);
    expect(demo.out).toContain('(slug demo)');
    const listed = await rudder('org', 'list');
    expect(listed.out.split('\n').map((line) => line.split(/ {2,}/).slice(0, 3))).toEqual([
      ['slug', 'name', 'people'],
      ['acme-sales', 'Acme Sales', '4'], // Pat, Maria, Rob, Ria
      ['beta', 'Beta', '1'],
      ['demo', 'Northwind Demo', '16'],
      [''],
    ]);
  });
});
