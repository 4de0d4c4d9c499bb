import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import * as f from '../db/test-fixtures.js';
import { prepareAgenda } from './prepare-agenda.js';

/*
 * A rep in Los Angeles on the evening of 30 November 2026 (05:00 UTC on 1 December): the
 * agenda is 30 November's, so a deal dated 30 November is November's and not yet past due.
 * Stage probabilities (test fixtures): Qualification 20, Discovery 40, Proposal 60.
 */
describe(`prepareAgenda: the open pipeline by close month (${testEngine})`, () => {
  let db: Database;
  let org: string;
  let rep: string;

  beforeAll(async () => {
    db = await createTestDb();
    org = await f.insertOrg(db, { slug: 'by-close-month', timeZone: 'America/Los_Angeles' });
    const stage = await f.insertStages(db, org);
    rep = await f.insertPerson(db, org, { name: 'Rae' });
    const other = await f.insertPerson(db, org, { name: 'Oz' });
    const deal = (o: Partial<f.OpportunityRow> & { amount: number }) =>
      f.insertOpportunity(db, org, {
        ownerId: rep,
        stageId: stage.Proposal ?? '',
        createdAt: '2026-09-01T12:00:00Z',
        ...o,
      });
    await deal({ amount: 100_000, closeDate: '2026-11-29' });
    await deal({ amount: 200_000, closeDate: '2026-11-30' });
    await deal({ amount: 400_000, closeDate: '2026-12-01', stageId: stage.Qualification ?? '' });
    await deal({ amount: 800_000, closeDate: '2027-01-15', probability: 90 });
    await deal({ amount: 1_600_000, closeDate: null, stageId: stage.Discovery ?? '' });
    // Not in the rep's open pipeline: won, lost, or someone else's.
    await deal({
      amount: 3_200_000,
      closeDate: '2026-11-20',
      stageId: stage['Closed Won'] ?? '',
      status: 'won',
      closedAt: '2026-11-20T18:00:00Z',
    });
    await deal({
      amount: 6_400_000,
      closeDate: '2026-12-10',
      stageId: stage['Closed Lost'] ?? '',
      status: 'lost',
      closedAt: '2026-11-25T18:00:00Z',
    });
    await deal({ amount: 12_800_000, closeDate: '2026-12-10', ownerId: other });
  });
  afterAll(async () => db.close());

  it('files every open deal under its org-local close month when the UTC date is already December', async () => {
    const agenda = await prepareAgenda(db, {
      orgId: org,
      personId: rep,
      now: new Date('2026-12-01T05:00:00Z'),
    });
    expect(agenda.asOf).toBe('2026-11-30');
    expect(
      agenda.pipeline.byCloseMonth?.map((b) => [
        b.month ?? b.kind,
        b.count,
        b.value,
        b.weightedValue,
      ]),
    ).toEqual([
      // 29 November, the day before: 100,000 × 60%.
      ['past-due', 1, 100_000, 60_000],
      // 30 November: 200,000 × 60%.
      ['2026-11', 1, 200_000, 120_000],
      // 400,000 × 20% in Qualification.
      ['2026-12', 1, 400_000, 80_000],
      // The horizon's third month (default 3): 800,000 × its own 90%.
      ['2027-01', 1, 800_000, 720_000],
      ['later', 0, 0, 0],
      // 1,600,000 × 40% in Discovery.
      ['no-close-date', 1, 1_600_000, 640_000],
    ]);
    // The same deals, counted the shape's way: 5 open, 3,100,000.
    expect(agenda.pipeline.shape.open).toEqual({ count: 5, value: 3_100_000 });
  });
});
