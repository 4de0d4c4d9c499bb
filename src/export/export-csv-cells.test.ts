import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import {
  insertActivity,
  insertEvent,
  insertGoal,
  insertOpportunity,
  insertOrg,
  insertPerson,
  insertStages,
} from '../db/test-fixtures.js';
import { csvFolder } from '../imports/test-files.js';
import { exportOrganization } from './export-organization.js';

/** A cell a spreadsheet reads as a number: no grouping, one decimal point at most. */
const SPREADSHEET_NUMBER = /^-?\d+(\.\d+)?$/;

/** Every formula starter a spreadsheet accepts: ASCII, full-width and small-form look-alikes. */
const starters = [
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\uFF1D',
  '\uFF0B',
  '\uFF0D',
  '\uFF20',
  '\uFE66',
  '\uFE62',
  '\uFE63',
  '\uFE6B',
];

let db: Database;
let out: string;
const files = csvFolder();

/** One exported CSV file as objects by header; the header must be exactly `columns`. */
function csvFile(name: string): Array<Record<string, string>> {
  return parse(readFileSync(join(out, `${name}.csv`), 'utf8'), { columns: true });
}

beforeAll(async () => {
  db = await createTestDb();
  const orgId = await insertOrg(db, { slug: 'cells' });
  const stages = await insertStages(db, orgId);
  const ann = await insertPerson(db, orgId, { name: 'Ann', externalId: 'U-1' });
  for (const [i, start] of starters.entries()) {
    await insertPerson(db, orgId, {
      name: `${start}HYPERLINK("http://evil.test","x")`,
      externalId: `S-${i}`,
    });
  }
  await insertGoal(db, orgId, { personId: ann, periodStart: '2026-03-01', target: 123_456 });
  await insertGoal(db, orgId, {
    personId: ann,
    periodStart: '2026-03-01',
    target: 40,
    metric: 'activity',
    activityKind: 'call',
  });
  const deal = await insertOpportunity(db, orgId, {
    ownerId: ann,
    stageId: stages.Proposal ?? '',
    amount: 100_005,
    probability: 55,
    createdAt: '2026-03-02T09:00:00Z',
    name: 'Deal',
  });
  await db.query(`update opportunity set external_id = 'O-1' where org_id = $1 and id = $2`, [
    orgId,
    deal,
  ]);
  await insertEvent(db, orgId, {
    opportunityId: deal,
    field: 'amount',
    oldValue: '100000',
    newValue: '100005',
    at: '2026-03-03T09:00:00Z',
  });
  await insertActivity(db, orgId, {
    personId: ann,
    kind: 'call',
    at: '2026-03-04T10:00:00Z',
    count: 3,
  });
  await db.query(
    `insert into result_entry (org_id, external_id, person_id, day, amount) values ($1, 'R-1', $2, '2026-03-05', -50000)`,
    [orgId, ann],
  );
  out = join(files.dir, 'out');
  await exportOrganization({ db, orgId, outDir: out, format: 'csv' });
});
afterAll(async () => {
  files.remove();
  await db.close();
});

describe(`the data export's CSV cells (${testEngine})`, () => {
  it('writes every numeric column as a number a spreadsheet reads, with the value checked by hand', () => {
    // Rows come in key (id) order: put the stages back in their order for the reader.
    const stages = csvFile('stages').sort((a, b) => Number(a.position) - Number(b.position));
    const goals = csvFile('goals');
    const [opportunity] = csvFile('opportunities');
    const [event] = csvFile('opportunity-events');
    const [activity] = csvFile('activities');
    const [result] = csvFile('results');
    const numbers = {
      // Stages in position order with their default probabilities (the standard stages).
      stagePositions: stages.map((s) => s.position),
      stageProbabilities: stages.map((s) => s.probability),
      // 123,456 cents = 1234.56 dollars; an activity goal is a count.
      goalTargets: goals.map((g) => g.target).sort(),
      opportunityAmount: opportunity?.amount,
      opportunityProbability: opportunity?.probability,
      // An amount change is money too: 100,000 → 100,005 cents.
      eventAmounts: [event?.old_value, event?.new_value],
      activityCount: activity?.count,
      resultAmount: result?.amount,
    };
    expect(numbers).toEqual({
      stagePositions: ['1', '2', '3', '4', '5'],
      stageProbabilities: ['20', '40', '60', '100', '0'],
      goalTargets: ['1234.56', '40'],
      opportunityAmount: '1000.05',
      opportunityProbability: '55',
      eventAmounts: ['1000.00', '1000.05'],
      activityCount: '3',
      resultAmount: '-500.00',
    });
    const cells = Object.values(numbers).flat();
    expect(cells).toHaveLength(18);
    for (const cell of cells) expect(cell).toMatch(SPREADSHEET_NUMBER);
  });

  it.each(starters.map((start) => [start]))('neutralises a name starting with %j', (start) => {
    const value = `${start}HYPERLINK("http://evil.test","x")`;
    const names = csvFile('people').map((p) => p.name);
    expect(names).toContain(`'${value}`);
    expect(names).not.toContain(value);
  });
});
