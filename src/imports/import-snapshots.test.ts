import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { insertOrg, insertPerson, insertStages } from '../db/test-fixtures.js';
import { importFile } from './import-file.js';
import { csvFolder } from './test-files.js';

const header = 'external_id,name,owner,stage,amount,close_date,created_at';
const first = [
  header,
  'OPP-1,Alpha,ann@example.com,Qualification,1000.00,2024-06-30,2024-01-05T10:00:00Z',
  'OPP-2,Beta,ann@example.com,Discovery,2500.50,,',
  'OPP-3,Gamma,bob@example.com,Proposal,300,2024-05-15,2024-01-07T09:00:00Z',
].join('\n');
// A week later: Alpha advanced, grew and slipped; Beta changed owner; Gamma is gone.
const second = [
  header,
  'OPP-1,Alpha,ann@example.com,Proposal,1200.00,2024-07-31,2024-01-05T10:00:00Z',
  'OPP-2,Beta,bob@example.com,Discovery,2500.50,,',
].join('\n');

let db: Database;
let orgId: string;
let ann: string;
let bob: string;
let stages: Record<string, string>;
const files = csvFolder();

beforeAll(async () => {
  db = await createTestDb();
  orgId = await insertOrg(db, { slug: 'snapshots' });
  ann = await insertPerson(db, orgId, { name: 'Ann', email: 'ann@example.com' });
  bob = await insertPerson(db, orgId, { name: 'Bob', email: 'bob@example.com' });
  stages = await insertStages(db, orgId);
});
afterAll(async () => {
  files.remove();
  await db.close();
});

const events = (since: string) =>
  db.query<{
    external_id: string;
    field: string;
    old_value: string | null;
    new_value: string | null;
    observed_at: string;
  }>(
    `select o.external_id, e.field, e.old_value, e.new_value, e.observed_at
     from opportunity_event e join opportunity o on o.org_id = e.org_id and o.id = e.opportunity_id
     where e.org_id = $1 and e.id > $2::int8 order by o.external_id, e.field`,
    [orgId, since],
  );
const maxEventId = async () =>
  String(
    (
      await db.query<{ id: number | null }>(
        'select max(id) as id from opportunity_event where org_id = $1',
        [orgId],
      )
    )[0]?.id ?? 0,
  );

describe(`successive snapshots on ${testEngine}`, () => {
  const asOf1 = '2024-02-01T08:00:00.000Z';
  const asOf2 = '2024-02-08T08:00:00.000Z';

  it('records a created event per new opportunity at its created date (or the as-of time)', async () => {
    const result = await importFile({
      db,
      orgId,
      path: files.write('s1.csv', first),
      settings: { kind: 'opportunities', asOf: asOf1 },
    });
    expect(result.counts).toMatchObject({ new: 3, changed: 0, unchanged: 0, events: 3 });
    expect(await events('0')).toEqual([
      {
        external_id: 'OPP-1',
        field: 'created',
        old_value: null,
        new_value: stages.Qualification,
        observed_at: '2024-01-05T10:00:00.000Z',
      },
      {
        external_id: 'OPP-2',
        field: 'created',
        old_value: null,
        new_value: stages.Discovery,
        observed_at: asOf1,
      },
      {
        external_id: 'OPP-3',
        field: 'created',
        old_value: null,
        new_value: stages.Proposal,
        observed_at: '2024-01-07T09:00:00.000Z',
      },
    ]);
    const [beta] = await db.query<{
      close_date: string | null;
      created_at: string;
      amount: number;
    }>(
      `select close_date, created_at, amount from opportunity where org_id = $1 and external_id = 'OPP-2'`,
      [orgId],
    );
    expect(beta).toEqual({ close_date: null, created_at: asOf1, amount: 250050 });
  });

  it('changes nothing when the same snapshot is imported again', async () => {
    const before = await maxEventId();
    const result = await importFile({
      db,
      orgId,
      path: files.write('s1-again.csv', first),
      settings: { kind: 'opportunities', asOf: asOf2 },
    });
    expect(result.counts).toMatchObject({ new: 0, changed: 0, unchanged: 3, events: 0 });
    expect(await events(before)).toEqual([]);
  });

  it('records exactly the changes of a newer snapshot at its as-of time, and reports the missing', async () => {
    const before = await maxEventId();
    const result = await importFile({
      db,
      orgId,
      path: files.write('s2.csv', second),
      settings: { kind: 'opportunities', asOf: asOf2, fullSnapshot: true },
    });
    expect(result.counts).toMatchObject({ new: 0, changed: 2, unchanged: 0, events: 4 });
    expect(result.missing).toEqual({ count: 1, externalIds: ['OPP-3'] });
    expect(await events(before)).toEqual([
      {
        external_id: 'OPP-1',
        field: 'amount',
        old_value: '100000',
        new_value: '120000',
        observed_at: asOf2,
      },
      {
        external_id: 'OPP-1',
        field: 'close_date',
        old_value: '2024-06-30',
        new_value: '2024-07-31',
        observed_at: asOf2,
      },
      {
        external_id: 'OPP-1',
        field: 'stage',
        old_value: stages.Qualification,
        new_value: stages.Proposal,
        observed_at: asOf2,
      },
      { external_id: 'OPP-2', field: 'owner', old_value: ann, new_value: bob, observed_at: asOf2 },
    ]);
    const rows = await db.query<{ external_id: string; last_changed_at: string }>(
      'select external_id, last_changed_at from opportunity where org_id = $1 order by external_id',
      [orgId],
    );
    expect(rows).toEqual([
      { external_id: 'OPP-1', last_changed_at: asOf2 },
      { external_id: 'OPP-2', last_changed_at: asOf2 },
      // Missing from the snapshot: reported, kept as it was.
      { external_id: 'OPP-3', last_changed_at: '2024-01-07T09:00:00.000Z' },
    ]);
    const [run] = await db.query<{ counts: { missing: number; changed: number } }>(
      'select counts from import_run where org_id = $1 and id = $2',
      [orgId, result.runId],
    );
    expect(run?.counts).toMatchObject({ missing: 1, changed: 2 });
  });

  it('records a status change when a deal is won', async () => {
    const before = await maxEventId();
    const won = `${header}\nOPP-1,Alpha,ann@example.com,Closed Won,1200.00,2024-07-31,2024-01-05T10:00:00Z\n`;
    const result = await importFile({
      db,
      orgId,
      path: files.write('s3.csv', won),
      settings: { kind: 'opportunities', asOf: '2024-08-01T00:00:00Z' },
    });
    expect(result.counts).toMatchObject({ changed: 1, events: 2 });
    expect((await events(before)).map((e) => [e.field, e.old_value, e.new_value])).toEqual([
      ['stage', stages.Proposal, stages['Closed Won']],
      ['status', 'open', 'won'],
    ]);
    const [alpha] = await db.query<{ status: string; closed_at: string }>(
      `select status, closed_at from opportunity where org_id = $1 and external_id = 'OPP-1'`,
      [orgId],
    );
    expect(alpha).toEqual({ status: 'won', closed_at: '2024-07-31T00:00:00.000Z' });
  });
});
