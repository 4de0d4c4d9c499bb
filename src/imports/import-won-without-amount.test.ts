import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareAgenda } from '../agenda/prepare-agenda.js';
import { formatImportResult } from '../cli/format-import-result.js';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { insertOrg, insertPerson, insertStages } from '../db/test-fixtures.js';
import { getImportRun } from './get-import-run.js';
import { importFile } from './import-file.js';
import { csvFolder, dataDigest } from './test-files.js';

// A CRM export where some deals marked won have no amount. Line 1 is the header.
const csv = [
  'external_id,name,owner,stage,amount,close_date',
  'W-1,Won with an amount,ann@example.com,Closed Won,1000,2024-05-10', // line 2
  'W-2,Won without one,ann@example.com,Closed Won,,2024-05-12', // line 3: warned
  'O-3,Open without one,ann@example.com,Qualification,,2024-07-01', // line 4: open, 0 is fine
  'W-4,Won without one either,ann@example.com,Closed Won,  ,2024-05-20', // line 5: warned
  'L-5,Lost without one,ann@example.com,Closed Lost,,2024-05-21', // line 6: lost, not bookings
  'W-6,Won for a real zero,ann@example.com,Closed Won,0,2024-05-22', // line 7: a real 0
].join('\n');
const reason = 'a won deal without an amount: imported as 0, so bookings may be understated';
const warnings = [
  { line: 3, externalId: 'W-2', field: 'amount', reason },
  { line: 5, externalId: 'W-4', field: 'amount', reason },
];

let db: Database;
const files = csvFolder();
const file = files.write('won.csv', csv);

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  files.remove();
  await db.close();
});

async function orgWith(settings: object) {
  const orgId = await insertOrg(db, { settings });
  const ann = await insertPerson(db, orgId, { name: 'Ann', email: 'ann@example.com' });
  await insertStages(db, orgId);
  return { orgId, ann };
}
const importWon = (orgId: string, dryRun: boolean) =>
  importFile({
    db,
    orgId,
    path: file,
    settings: { kind: 'opportunities', asOf: '2024-06-01T00:00:00Z', dryRun },
  });
const opportunities = (orgId: string) =>
  db.query<{ external_id: string; amount: number; amount_missing: boolean }>(
    `select external_id, amount, amount_missing from opportunity where org_id = $1
      order by external_id`,
    [orgId],
  );

describe(`won deals without an amount (${testEngine})`, () => {
  it('are named by line and external id in the dry run and the import, and imported as 0', async () => {
    const { orgId, ann } = await orgWith({});
    const preview = await importWon(orgId, true);
    expect(preview).toMatchObject({ status: 'succeeded', errorCount: 0, warningCount: 2 });
    expect(preview.warnings).toEqual(warnings);
    expect(await opportunities(orgId)).toEqual([]);

    const result = await importWon(orgId, false);
    expect(result).toMatchObject({
      status: 'succeeded',
      counts: { rows: 6, new: 6 },
      errorCount: 0,
      warningCount: 2,
    });
    expect(result.warnings).toEqual(warnings);
    // What the CLI prints: the count, then each row by line with its external id.
    const printed = formatImportResult(result, 'won.csv');
    expect(printed).toContain('  warnings               2\n');
    expect(printed).toContain(
      `Warnings (imported as they are):\n  line 3       amount (W-2): ${reason}\n  line 5       amount (W-4): ${reason}\n`,
    );
    // The run keeps them for the import history.
    const run = await getImportRun(db, { orgId, runId: result.runId, now: new Date() });
    expect(run).toMatchObject({ status: 'succeeded', warningCount: 2, warnings });

    // The rule "empty amount → 0" stays; the flag tells a missing amount from a real 0.
    expect(await opportunities(orgId)).toEqual([
      { external_id: 'L-5', amount: 0, amount_missing: true },
      { external_id: 'O-3', amount: 0, amount_missing: true },
      { external_id: 'W-1', amount: 100000, amount_missing: false },
      { external_id: 'W-2', amount: 0, amount_missing: true },
      { external_id: 'W-4', amount: 0, amount_missing: true },
      { external_id: 'W-6', amount: 0, amount_missing: false },
    ]);

    // The rep's agenda for June reviews May: bookings 1,000.00 and a note on the two deals.
    const agenda = await prepareAgenda(db, { orgId, personId: ann, now: new Date('2024-06-03') });
    expect(agenda.results.review.actual).toBe(100000);
    expect(agenda.results.dataQuality).toEqual([
      {
        kind: 'won-without-amount',
        count: 2,
        externalIds: ['W-2', 'W-4'],
        text: '2 won deals have no amount in May 2024 (ids W-2, W-4); bookings may be understated',
      },
    ]);
    // A month whose won deals all have amounts has no note.
    const july = await prepareAgenda(db, { orgId, personId: ann, now: new Date('2024-07-03') });
    expect(july.results.dataQuality).toEqual([]);
  });

  it('are row errors when the organization refuses them, and nothing is written', async () => {
    const { orgId } = await orgWith({ wonWithoutAmount: 'refuse' });
    const before = await dataDigest(db);
    const refusal = 'a won deal needs an amount (the organization refuses won deals without one)';
    for (const dryRun of [true, false]) {
      const result = await importWon(orgId, dryRun);
      expect(result).toMatchObject({ status: 'failed', errorCount: 2, warningCount: 0 });
      expect(result.errors).toEqual([
        { line: 3, field: 'amount', value: '', reason: refusal },
        { line: 5, field: 'amount', value: '  ', reason: refusal },
      ]);
    }
    expect(await dataDigest(db)).toEqual(before);
  });
});
