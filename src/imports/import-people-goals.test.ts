import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { insertOrg } from '../db/test-fixtures.js';
import { importFile } from './import-file.js';
import type { ImportSettings } from './import-types.js';
import { csvFolder } from './test-files.js';

let db: Database;
let orgId: string;
const files = csvFolder();
const asOf = '2024-03-01T00:00:00.000Z';

beforeAll(async () => {
  db = await createTestDb();
  orgId = await insertOrg(db, { slug: 'people' });
});
afterAll(async () => {
  files.remove();
  await db.close();
});

const run = (kind: ImportSettings['kind'], name: string, text: string, at = asOf) =>
  importFile({ db, orgId, path: files.write(name, text), settings: { kind, asOf: at } });

const people = [
  'external_id,name,email,role,team,manager_email,title',
  'U-1,Maria Manager,maria@example.com,manager,,,Head of East',
  'U-2,Rob Rep,rob@example.com,,East,maria@example.com,AE',
  // No login, no e-mail: normal for reps imported from a CRM.
  'U-3,Nina Noemail,,,East,maria@example.com,',
].join('\n');

describe(`people, goals and results on ${testEngine}`, () => {
  it('creates people, the team with its manager and the memberships', async () => {
    const result = await run('people', 'people.csv', people);
    expect(result.errors).toEqual([]);
    expect(result.counts).toMatchObject({ new: 3, changed: 0, unchanged: 0 });
    const rows = await db.query<{
      name: string;
      role: string;
      team: string | null;
      manager: string | null;
      valid_from: string | null;
    }>(
      `select p.name, p.role, t.name as team, mp.name as manager, m.valid_from
       from person p
       left join team_membership m on m.org_id = p.org_id and m.person_id = p.id and m.valid_to is null
       left join team t on t.org_id = m.org_id and t.id = m.team_id
       left join person mp on mp.org_id = t.org_id and mp.id = t.manager_id
       where p.org_id = $1 order by p.name`,
      [orgId],
    );
    expect(rows).toEqual([
      { name: 'Maria Manager', role: 'manager', team: null, manager: null, valid_from: null },
      {
        name: 'Nina Noemail',
        role: 'rep',
        team: 'East',
        manager: 'Maria Manager',
        // New people were in the file's team before the import: from the data's origin.
        valid_from: '1970-01-01',
      },
      {
        name: 'Rob Rep',
        role: 'rep',
        team: 'East',
        manager: 'Maria Manager',
        valid_from: '1970-01-01',
      },
    ]);
  });

  it('is idempotent and moves a person to a new team from the as-of day', async () => {
    expect((await run('people', 'people-again.csv', people)).counts).toMatchObject({
      new: 0,
      changed: 0,
      unchanged: 3,
    });
    const moved = `external_id,name,email,team,manager_email\nU-2,Rob Rep,rob@example.com,West,maria@example.com\n`;
    const result = await run('people', 'moved.csv', moved, '2024-04-01T00:00:00Z');
    expect(result.counts).toMatchObject({ changed: 1 });
    const memberships = await db.query<{
      team: string;
      valid_from: string;
      valid_to: string | null;
    }>(
      `select t.name as team, m.valid_from, m.valid_to from team_membership m
       join team t on t.org_id = m.org_id and t.id = m.team_id
       join person p on p.org_id = m.org_id and p.id = m.person_id
       where m.org_id = $1 and p.external_id = 'U-2' order by m.valid_from`,
      [orgId],
    );
    expect(memberships).toEqual([
      { team: 'East', valid_from: '1970-01-01', valid_to: '2024-04-01' },
      { team: 'West', valid_from: '2024-04-01', valid_to: null },
    ]);
  });

  it('rejects an unknown manager and a repeated e-mail', async () => {
    const bad = `external_id,name,email,team,manager_email\nU-9,New,dup@example.com,East,ghost@example.com\nU-10,Other,dup@example.com,,\n`;
    const result = await run('people', 'bad-people.csv', bad);
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'manager'],
      [3, 'email'],
    ]);
  });

  it('imports goals by period and results by month, idempotently', async () => {
    const goals = `person,metric,activity_kind,period,target\nrob@example.com,bookings,,2024-03,"50,000.00"\nU-3,activity,Call,2024-Q1,120\n`;
    const first = await run('goals', 'goals.csv', goals);
    expect(first.errors).toEqual([]);
    expect(first.counts).toMatchObject({ new: 2 });
    expect((await run('goals', 'goals.csv', goals)).counts).toMatchObject({ new: 0, unchanged: 2 });
    const rows = await db.query<{
      metric: string;
      activity_kind: string;
      period_kind: string;
      period_start: string;
      target: number;
      status: string;
    }>(
      'select metric, activity_kind, period_kind, period_start, target, status from goal where org_id = $1 order by metric',
      [orgId],
    );
    expect(rows).toEqual([
      {
        metric: 'activity',
        activity_kind: 'call',
        period_kind: 'quarter',
        period_start: '2024-01-01',
        target: 120,
        status: 'agreed',
      },
      {
        metric: 'bookings',
        activity_kind: '',
        period_kind: 'month',
        period_start: '2024-03-01',
        target: 5000000,
        status: 'agreed',
      },
    ]);

    const results = `person,month,amount\nRob Rep,2024-02,1234.56\nrob@example.com,2024-03,-100\n`;
    expect((await run('results', 'results.csv', results)).counts).toMatchObject({
      new: 2,
      errors: 0,
    });
    expect((await run('results', 'results.csv', results)).counts).toMatchObject({ unchanged: 2 });
    const dupes = await run(
      'results',
      'dupes.csv',
      `person,month,amount\nU-2,2024-02,1\nrob@example.com,2024-02,2\n`,
    );
    expect(dupes.errors).toEqual([
      expect.objectContaining({ line: 3, reason: expect.stringContaining('also on line 2') }),
    ]);
  });
});
