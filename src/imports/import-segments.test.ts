import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb } from '../db/test-db.js';
import { insertOrg, insertPerson, insertStages } from '../db/test-fixtures.js';
import { importFile } from './import-file.js';
import type { ImportSettings } from './import-types.js';
import { csvFolder, dataDigest } from './test-files.js';

// Big files are merged segment by segment while the rest is parsed (merge-in-segments.ts).
// Segments of 2 rows make a 5-row file three segments, so every case below crosses them.
const segmentRows = 2;
const asOf = '2024-03-01T12:00:00.000Z';
const header = 'external_id,name,owner,stage,amount,close_date,created_at';
const snapshot = [
  header,
  'OPP-1,Alpha,ann@example.com,Qualification,1000.00,2024-06-30,2024-01-05T10:00:00Z',
  'OPP-2,Beta,ann@example.com,Discovery,2500.50,,2024-01-06T10:00:00Z',
  'OPP-3,Gamma,bob@example.com,Proposal,300,2024-05-15,2024-01-07T09:00:00Z',
  'OPP-4,Delta,bob@example.com,Closed Won,4000,2024-02-20,2024-01-08T09:00:00Z',
  'OPP-5,Epsilon,ann@example.com,Qualification,50,2024-04-30,2024-01-09T09:00:00Z',
].join('\n');

let db: Database;
const files = csvFolder();
let slug = 0;

async function newOrg(): Promise<string> {
  slug += 1;
  const orgId = await insertOrg(db, { slug: `segments-${slug}` });
  await insertPerson(db, orgId, { name: 'Ann', email: 'ann@example.com' });
  await insertPerson(db, orgId, { name: 'Bob', email: 'bob@example.com' });
  await insertStages(db, orgId);
  return orgId;
}

function run(
  orgId: string,
  text: string,
  settings: Partial<ImportSettings> & Pick<ImportSettings, 'kind'>,
  segments = segmentRows,
) {
  slug += 1;
  return importFile({
    db,
    orgId,
    path: files.write(`file-${slug}.csv`, text),
    settings: { asOf, ...settings },
    segmentRows: segments,
  });
}

/** Imports `text`, expecting it refused for one repeated key, with nothing changed. */
async function expectRepeatedKey(
  orgId: string,
  text: string,
  repeat: { line: number; key: string; firstLine: number },
) {
  const before = await dataDigest(db);
  const result = await run(orgId, text, { kind: 'opportunities' });
  expect(result.status).toBe('failed');
  expect(result.errors).toEqual([
    {
      line: repeat.line,
      field: 'external_id',
      value: repeat.key,
      reason: `the external id "${repeat.key}" is also on line ${repeat.firstLine}; each may appear once per file`,
    },
  ]);
  expect(await dataDigest(db)).toEqual(before);
}

/** An organization's opportunities and events, without generated ids. */
async function pipeline(orgId: string) {
  const opportunities = await db.query(
    `select o.external_id, o.name, p.email as owner, s.name as stage, o.amount, o.status,
            o.close_date, o.created_at, o.closed_at, o.last_changed_at
     from opportunity o join person p on p.org_id = o.org_id and p.id = o.owner_id
     join stage s on s.org_id = o.org_id and s.id = o.stage_id
     where o.org_id = $1 order by o.external_id`,
    [orgId],
  );
  const events = await db.query(
    `select o.external_id, e.field, e.old_value is null as from_nothing, e.observed_at
     from opportunity_event e join opportunity o on o.org_id = e.org_id and o.id = e.opportunity_id
     where e.org_id = $1 order by o.external_id, e.field, e.observed_at`,
    [orgId],
  );
  return { opportunities, events };
}

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  files.remove();
  await db.close();
});

describe('an import merged in segments', () => {
  it('writes exactly what a one-segment import writes, with the same counts', async () => {
    const segmented = await newOrg();
    const whole = await newOrg();
    const inSegments = await run(segmented, snapshot, { kind: 'opportunities' });
    const inOne = await run(whole, snapshot, { kind: 'opportunities' }, 1_000);
    expect(inSegments.status).toBe('succeeded');
    // Five new opportunities, each with its 'created' event.
    expect(inSegments.counts).toEqual({
      rows: 5,
      new: 5,
      changed: 0,
      unchanged: 0,
      errors: 0,
      events: 5,
    });
    expect(inSegments.counts).toEqual(inOne.counts);
    const a = await pipeline(segmented);
    expect(a.opportunities).toHaveLength(5);
    expect(a.events).toHaveLength(5);
    expect(a).toEqual(await pipeline(whole));
  });

  it('counts new, changed and unchanged rows of a later snapshot across segments', async () => {
    const orgId = await newOrg();
    await run(orgId, snapshot, { kind: 'opportunities' });
    // OPP-2 moves to Proposal (1 event), OPP-3 changes owner and amount (2 events),
    // OPP-6 is new (1 'created' event); OPP-1, OPP-4 and OPP-5 are as they were.
    const later = [
      header,
      'OPP-1,Alpha,ann@example.com,Qualification,1000.00,2024-06-30,2024-01-05T10:00:00Z',
      'OPP-2,Beta,ann@example.com,Proposal,2500.50,,2024-01-06T10:00:00Z',
      'OPP-3,Gamma,ann@example.com,Proposal,350,2024-05-15,2024-01-07T09:00:00Z',
      'OPP-4,Delta,bob@example.com,Closed Won,4000,2024-02-20,2024-01-08T09:00:00Z',
      'OPP-5,Epsilon,ann@example.com,Qualification,50,2024-04-30,2024-01-09T09:00:00Z',
      'OPP-6,Zeta,bob@example.com,Discovery,700,2024-07-31,2024-02-28T09:00:00Z',
    ].join('\n');
    const result = await run(orgId, later, { kind: 'opportunities' });
    expect(result.counts).toEqual({
      rows: 6,
      new: 1,
      changed: 2,
      unchanged: 3,
      errors: 0,
      events: 4,
    });
    const changes = await db.query<{ external_id: string; field: string }>(
      `select o.external_id, e.field from opportunity_event e
       join opportunity o on o.org_id = e.org_id and o.id = e.opportunity_id
       where e.org_id = $1 and e.observed_at = $2 order by 1, 2`,
      [orgId, asOf],
    );
    expect(changes).toEqual([
      { external_id: 'OPP-2', field: 'stage' },
      { external_id: 'OPP-3', field: 'amount' },
      { external_id: 'OPP-3', field: 'owner' },
    ]);
  });

  it('rejects a key repeated in another segment, naming both lines, and writes nothing', async () => {
    // Lines 2 and 7 are in the first and third segments.
    const repeated = `${snapshot}\nOPP-1,Alpha again,bob@example.com,Proposal,10,2024-06-30,`;
    await expectRepeatedKey(await newOrg(), repeated, { line: 7, key: 'OPP-1', firstLine: 2 });
  });

  it('rejects a key repeated inside one segment of a first import, and writes nothing', async () => {
    // Lines 4 and 5 are the second segment: its insert breaks on the unique key.
    const lines = snapshot.split('\n');
    lines[4] = 'OPP-3,Gamma again,ann@example.com,Proposal,20,2024-05-15,';
    await expectRepeatedKey(await newOrg(), lines.join('\n'), {
      line: 5,
      key: 'OPP-3',
      firstLine: 4,
    });
  });

  it('rejects a key repeated in another segment of a later import, and changes nothing', async () => {
    const orgId = await newOrg();
    await run(orgId, snapshot, { kind: 'opportunities' });
    // OPP-7 is new: the first segment inserts it, the third one finds it and would update it.
    const later = [
      header,
      'OPP-7,Eta,ann@example.com,Discovery,100,2024-08-31,2024-02-20T09:00:00Z',
      'OPP-1,Alpha,ann@example.com,Proposal,1000.00,2024-06-30,2024-01-05T10:00:00Z',
      'OPP-2,Beta,ann@example.com,Discovery,2500.50,,2024-01-06T10:00:00Z',
      'OPP-3,Gamma,bob@example.com,Proposal,300,2024-05-15,2024-01-07T09:00:00Z',
      'OPP-7,Eta,bob@example.com,Discovery,900,2024-08-31,2024-02-20T09:00:00Z',
    ].join('\n');
    await expectRepeatedKey(orgId, later, { line: 6, key: 'OPP-7', firstLine: 2 });
  });

  it('rolls back the segments already merged when a later row is bad', async () => {
    const orgId = await newOrg();
    const before = await dataDigest(db);
    const bad = `${snapshot}\nOPP-6,Zeta,bob@example.com,Discovery,-5,2024-07-31,`;
    const result = await run(orgId, bad, { kind: 'opportunities' });
    expect(result.status).toBe('failed');
    expect(result.errors.map((e) => [e.line, e.field, e.value])).toEqual([[7, 'amount', '-5']]);
    expect(await dataDigest(db)).toEqual(before);
  });

  it('counts a dry run across segments exactly and writes nothing', async () => {
    const orgId = await newOrg();
    const before = await dataDigest(db);
    const result = await run(orgId, snapshot, { kind: 'opportunities', dryRun: true });
    expect(result.status).toBe('succeeded');
    expect(result.counts).toEqual({
      rows: 5,
      new: 5,
      changed: 0,
      unchanged: 0,
      errors: 0,
      events: 5,
    });
    expect(await dataDigest(db)).toEqual(before);
  });

  it('rejects an activity repeated by its natural key in another segment', async () => {
    const orgId = await newOrg();
    const before = await dataDigest(db);
    const activities = [
      'person,kind,occurred_at,subject',
      'ann@example.com,call,2024-02-01T10:00:00Z,Intro',
      'ann@example.com,call,2024-02-01T11:00:00Z,Follow-up',
      'bob@example.com,email,2024-02-02T10:00:00Z,Proposal',
      'ann@example.com,call,2024-02-01T10:00:00Z,Intro',
    ].join('\n');
    const result = await run(orgId, activities, { kind: 'activities' });
    expect(result.status).toBe('failed');
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([[5, 'external_id']]);
    expect(result.errors[0]?.reason).toMatch(/is also on line 2;/);
    expect(await dataDigest(db)).toEqual(before);
  });

  it('leaves no event without its opportunity (opportunity_event has no foreign key)', async () => {
    const [row] = await db.query<{ n: number }>(
      `select count(*)::int8 as n from opportunity_event e
       where not exists (select 1 from opportunity o
                         where o.org_id = e.org_id and o.id = e.opportunity_id)`,
    );
    const [events] = await db.query<{ n: number }>(
      'select count(*)::int8 as n from opportunity_event',
    );
    // Three organizations of 5 created events, one of 5 + 4 (the later snapshot); the
    // failed imports wrote none.
    expect(events?.n).toBe(24);
    expect(row?.n).toBe(0);
  });
});
