import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { insertOrg, insertPerson } from '../db/test-fixtures.js';
import { getStageHeatmap } from './get-stage-heatmap.js';
import { listRepsAtActivityStage } from './list-reps-at-activity-stage.js';

describe(`progression history for leaders (${testEngine})`, () => {
  let db: Database;
  let orgId: string;
  let stuckId: string;
  let recoveredId: string;

  beforeAll(async () => {
    db = await createTestDb();
    orgId = await insertOrg(db, { timeZone: 'Europe/Paris' });
    const managerId = await insertPerson(db, orgId, { name: 'Morgan', role: 'manager' });
    stuckId = await insertPerson(db, orgId, { name: 'Ada Stuck' });
    recoveredId = await insertPerson(db, orgId, { name: 'Bo Recovered' });
    const held = async (repId: string, heldAt: string, stage: string) =>
      db.query(
        `insert into meeting (org_id, rep_id, manager_id, scheduled_at, status, started_at, held_at, stage_reached)
         values ($1, $2, $3, $4, 'held', $4, $4, $5)`,
        [orgId, repId, managerId, heldAt, stage],
      );
    await held(stuckId, '2026-07-10T08:00:00Z', 'pipeline');
    await held(stuckId, '2026-08-07T08:00:00Z', 'activity');
    await held(stuckId, '2026-09-04T08:00:00Z', 'activity');
    // No 1:1 in October: neither counts nor breaks the streak.
    await held(stuckId, '2026-11-27T08:00:00Z', 'activity');
    await held(recoveredId, '2026-10-02T08:00:00Z', 'activity');
    // Two 1:1s in November: the later one (results) stands for the month.
    await held(recoveredId, '2026-11-02T08:00:00Z', 'activity');
    await held(recoveredId, '2026-11-30T08:00:00Z', 'results');
    // 23:30 UTC on 31 October is already 1 November in Paris.
    await held(recoveredId, '2026-10-31T23:30:00Z', 'pipeline');
  });
  afterAll(async () => {
    await db.close();
  });

  it('builds the rep × month matrix in the organization zone', async () => {
    const heatmap = await getStageHeatmap(db, { orgId, fromMonth: '2026-08', toMonth: '2026-11' });
    expect(heatmap.months).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
    expect(heatmap.rows.map((r) => [r.repName, r.stages])).toEqual([
      ['Ada Stuck', ['activity', 'activity', null, 'activity']],
      ['Bo Recovered', [null, null, 'activity', 'results']],
    ]);
  });

  it('lists the reps at the activity stage for N consecutive periods', async () => {
    const stuck = await listRepsAtActivityStage(db, {
      orgId,
      throughMonth: '2026-11',
      minPeriods: 3,
    });
    // Ada: Nov, (Oct skipped), Sep, Aug = 3 activity periods; July (pipeline) ends the streak.
    expect(stuck).toEqual([
      { repId: stuckId, repName: 'Ada Stuck', periods: 3, sinceMonth: '2026-08' },
    ]);
    expect(
      await listRepsAtActivityStage(db, { orgId, throughMonth: '2026-10', minPeriods: 1 }),
    ).toEqual([
      { repId: stuckId, repName: 'Ada Stuck', periods: 2, sinceMonth: '2026-08' },
      { repId: recoveredId, repName: 'Bo Recovered', periods: 1, sinceMonth: '2026-10' },
    ]);
  });
});
