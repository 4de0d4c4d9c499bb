import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { insertOrg, insertPerson } from '../db/test-fixtures.js';
import { importFile } from './import-file.js';
import type { ImportSettings } from './import-types.js';

const datasets = new URL('../../test/datasets/', import.meta.url);
const demo = (name: string) => fileURLToPath(new URL(`salesforce-demo-export/${name}`, datasets));
const dev = (name: string) => fileURLToPath(new URL(`salesforce-dev-edition/${name}`, datasets));

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
});

async function opportunity(orgId: string, externalId: string) {
  const [row] = await db.query<{
    id: string;
    amount: number;
    stage: string;
    status: string;
    close_date: string | null;
    created_at: string;
    closed_at: string | null;
    probability: number | null;
  }>(
    `select o.id, o.amount, s.name as stage, o.status, o.close_date, o.created_at, o.closed_at, o.probability
     from opportunity o join stage s on s.org_id = o.org_id and s.id = o.stage_id
     where o.org_id = $1 and o.external_id = $2`,
    [orgId, externalId],
  );
  return row;
}

describe(`Salesforce demo export on ${testEngine}`, () => {
  let orgId: string;
  const settings = (kind: ImportSettings['kind']): ImportFileOptionsSettings => ({
    kind,
    asOf: '2024-02-01T00:00:00.000Z',
    addStages: true,
  });
  type ImportFileOptionsSettings = Omit<ImportSettings, 'preset' | 'probabilityScale'>;

  beforeAll(async () => {
    orgId = await insertOrg(db, { slug: 'sf-demo' });
    // The export has one owner for every row: the person must exist (by external id).
    await insertPerson(db, orgId, { name: 'Demo Owner', externalId: '005Ec000004oBPNIA2' });
  });

  it('imports the 50 opportunities with the Salesforce preset', async () => {
    const result = await importFile({
      db,
      orgId,
      path: demo('Opportunity.csv'),
      preset: 'salesforce',
      settings: settings('opportunities'),
    });
    expect(result.errors).toEqual([]);
    expect(result.status).toBe('succeeded');
    expect(result.counts).toMatchObject({
      rows: 50,
      new: 50,
      changed: 0,
      unchanged: 0,
      errors: 0,
      events: 50,
    });
    // First-seen order; positions put the open ones first.
    expect(result.stagesAdded).toEqual([
      'Qualification',
      'Closed Won',
      'Negotiation',
      'Discovery',
      'Proposal/Quote',
      'Closed Lost',
    ]);
    expect(await opportunity(orgId, '006Ec00000AieKFIAZ')).toMatchObject({
      amount: 112474115,
      stage: 'Qualification',
      status: 'open',
      close_date: '2024-11-10',
      created_at: '2024-01-22T16:14:25.000Z',
      closed_at: null,
      probability: 10,
    });
    expect(await opportunity(orgId, '006Ec00000AieKGIAZ')).toMatchObject({
      amount: 165199336,
      stage: 'Closed Won',
      status: 'won',
      close_date: '2023-06-17',
      closed_at: '2023-06-17T00:00:00.000Z',
    });
    const stages = await db.query<{ name: string; kind: string; position: number }>(
      'select name, kind, position from stage where org_id = $1 order by position',
      [orgId],
    );
    expect(stages.map((s) => [s.name, s.kind])).toEqual([
      ['Qualification', 'open'],
      ['Negotiation', 'open'],
      ['Discovery', 'open'],
      ['Proposal/Quote', 'open'],
      ['Closed Won', 'won'],
      ['Closed Lost', 'lost'],
    ]);
    const [won] = await db.query<{ n: number; total: number }>(
      `select count(*)::int8 as n, sum(amount)::int8 as total from opportunity where org_id = $1 and status = 'won'`,
      [orgId],
    );
    expect(won?.n).toBe(12);
  });

  it('imports the 75 tasks as activities, linked to no unknown opportunity', async () => {
    const result = await importFile({
      db,
      orgId,
      path: demo('Task.csv'),
      preset: 'salesforce',
      settings: settings('activities'),
    });
    expect(result.errors).toEqual([]);
    expect(result.counts).toMatchObject({ rows: 75, new: 75, errors: 0 });
    const kinds = await db.query<{ kind: string; n: number }>(
      'select kind, count(*)::int8 as n from activity where org_id = $1 group by kind order by kind',
      [orgId],
    );
    expect(kinds).toEqual([
      { kind: 'call', n: 17 },
      { kind: 'email', n: 18 },
      { kind: 'meeting', n: 12 },
      { kind: 'other', n: 13 },
      { kind: 'prep', n: 15 },
    ]);
    const [first] = await db.query<{ occurred_at: string; subject: string }>(
      `select occurred_at, subject from activity where org_id = $1 and external_id = '00TEc00000Co1WhMAJ'`,
      [orgId],
    );
    expect(first).toEqual({
      occurred_at: '2023-12-25T00:00:00.000Z',
      subject: 'Customer Onboarding',
    });
  });

  it('changes nothing when the same files are imported again', async () => {
    const again = await importFile({
      db,
      orgId,
      path: demo('Opportunity.csv'),
      preset: 'salesforce',
      settings: settings('opportunities'),
    });
    expect(again.counts).toMatchObject({ new: 0, changed: 0, unchanged: 50, events: 0 });
    const tasks = await importFile({
      db,
      orgId,
      path: demo('Task.csv'),
      preset: 'salesforce',
      settings: settings('activities'),
    });
    expect(tasks.counts).toMatchObject({ new: 0, changed: 0, unchanged: 75 });
  });
});

describe(`Salesforce Developer Edition on ${testEngine}`, () => {
  let orgId: string;
  const base = {
    asOf: '2026-03-10T00:00:00.000Z',
    addStages: true,
    defaultOwner: 'dev@example.com',
  };

  beforeAll(async () => {
    orgId = await insertOrg(db, { slug: 'sf-dev' });
    await insertPerson(db, orgId, { name: 'Dev Owner', email: 'dev@example.com' });
  });

  it('imports opportunities without an owner column using the default owner', async () => {
    const result = await importFile({
      db,
      orgId,
      path: dev('Opportunity.csv'),
      preset: 'salesforce',
      settings: { ...base, kind: 'opportunities' },
    });
    expect(result.errors).toEqual([]);
    expect(result.counts).toMatchObject({ rows: 36, new: 36, events: 36 });
    expect(await opportunity(orgId, '006bm00000LKJNTAA5')).toMatchObject({
      amount: 12000000,
      stage: 'Closed Lost',
      status: 'lost',
      close_date: '2024-02-03',
      created_at: '2026-02-23T00:00:00.000Z',
    });
    // A blank Amount is 0.
    expect((await opportunity(orgId, '006bm00000LKdM8AAL'))?.amount).toBe(0);
  });

  it('turns OpportunityHistory into events, and records nothing twice', async () => {
    const path = dev('OpportunityHistory.csv');
    const result = await importFile({
      db,
      orgId,
      path,
      preset: 'salesforce',
      settings: { ...base, kind: 'opportunity-history' },
    });
    expect(result.errors).toEqual([]);
    expect(result.counts.rows).toBe(48);
    const events = await db.query<{
      field: string;
      old_value: string | null;
      new_value: string | null;
      observed_at: string;
    }>(
      `select e.field, e.old_value, e.new_value, e.observed_at from opportunity_event e
       join opportunity o on o.org_id = e.org_id and o.id = e.opportunity_id
       where o.org_id = $1 and o.external_id = '006bm00000LKJNTAA5' order by e.observed_at, e.field`,
      [orgId],
    );
    const stageIds = Object.fromEntries(
      (
        await db.query<{ id: string; name: string }>(
          'select id, name from stage where org_id = $1',
          [orgId],
        )
      ).map((s) => [s.name, s.id]),
    );
    // Created (corrected to the stage the history starts in), then Won → Lost on 03/07/26 9:00 PM.
    expect(events).toEqual([
      {
        field: 'created',
        old_value: null,
        new_value: stageIds['Closed Won'],
        observed_at: '2026-02-23T00:00:00.000Z',
      },
      {
        field: 'close_date',
        old_value: '2021-01-27',
        new_value: '2024-02-03',
        observed_at: '2026-03-07T21:00:00.000Z',
      },
      {
        field: 'stage',
        old_value: stageIds['Closed Won'],
        new_value: stageIds['Closed Lost'],
        observed_at: '2026-03-07T21:00:00.000Z',
      },
      {
        field: 'status',
        old_value: 'won',
        new_value: 'lost',
        observed_at: '2026-03-07T21:00:00.000Z',
      },
    ]);
    const again = await importFile({
      db,
      orgId,
      path,
      preset: 'salesforce',
      settings: { ...base, kind: 'opportunity-history' },
    });
    expect(again.counts).toMatchObject({ new: 0, unchanged: 48, events: 0 });
  });
});
