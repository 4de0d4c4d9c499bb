import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { testEngine } from '../db/test-db.js';
import { getCadenceCompliance } from '../leaders/get-cadence-compliance.js';
import { getFollowThrough } from '../leaders/get-follow-through.js';
import { getStageHeatmap } from '../leaders/get-stage-heatmap.js';
import { listMeetingsDue } from './list-meetings-due.js';
import type { Actor } from './meeting-records.js';
import { at, createMeetingTeam, holdTwoMonthsOfMeetings } from './test-meeting-team.js';

describe(`reports over two months of 1:1s (${testEngine})`, () => {
  let db: Database;
  let orgId: string;
  let manager: Actor;
  let rep: Actor;

  beforeAll(async () => {
    const team = await createMeetingTeam();
    ({ db, orgId, manager, rep } = team);
    await holdTwoMonthsOfMeetings(team);
  });
  afterAll(async () => {
    await db.close();
  });

  it('computes the follow-through rates of the rep and of the manager', async () => {
    const rates = await getFollowThrough(db, { orgId, from: '2026-11-01', to: '2026-12-01' });
    // Reviewed on 2026-11-02: the rep kept 1 of 1 (100%), the manager 0 of 1 (0%).
    expect(rates.reps).toEqual([
      { personId: rep.personId, name: 'Riley Rep', reviewed: 1, kept: 1, rate: 1 },
    ]);
    expect(rates.managers).toEqual([
      { personId: manager.personId, name: 'Morgan Manager', reviewed: 1, kept: 0, rate: 0 },
    ]);
  });

  it('computes the cadence compliance per manager, checked by hand', async () => {
    const october = await getCadenceCompliance(db, {
      orgId,
      from: '2026-10-01',
      to: '2026-11-01',
      now: at('2026-12-01T00:00:00Z'),
    });
    // 2 reps on the team; Riley met on 10-05 (planned 20 min, real 09:02→09:20 = 18 min), Sam never.
    // Overdue as of 11-01: Riley's last 1:1 10-05 + 28 days = 11-02, not yet passed → 0.
    expect(october).toEqual([
      {
        managerId: manager.personId,
        managerName: 'Morgan Manager',
        reps: 2,
        repsWithHeld: 1,
        share: 0.5,
        heldMeetings: 1,
        plannedMinutes: 20,
        actualMinutes: 18,
        missedMeetings: 0,
        overdueReps: 0,
      },
    ]);
    const november = await getCadenceCompliance(db, {
      orgId,
      from: '2026-11-01',
      to: '2026-12-01',
      now: at('2026-12-01T12:00:00Z'),
    });
    // Held 11-02 (09:01→09:21 = 20 min), missed 11-30. Overdue at 12-01: 11-02 + 28 = 11-30 < 12-01 → Riley.
    expect(november[0]).toMatchObject({
      reps: 2,
      repsWithHeld: 1,
      share: 0.5,
      heldMeetings: 1,
      plannedMinutes: 20,
      actualMinutes: 20,
      missedMeetings: 1,
      overdueReps: 1,
    });
  });

  it("lists the manager's reps due and overdue", async () => {
    const due = await listMeetingsDue(db, {
      orgId,
      managerId: manager.personId,
      now: at('2026-12-01T12:00:00Z'),
    });
    expect(
      due.map((d) => [
        d.repName,
        d.state,
        d.dueOn,
        d.daysOverdue,
        d.nextMeeting?.scheduledAt ?? null,
      ]),
    ).toEqual([
      ['Riley Rep', 'overdue', '2026-11-30', 1, '2026-12-28T09:00:00.000Z'],
      ['Sam Second', 'due', null, 0, null],
    ]);
  });

  it('shows the stage reached each month in the heat map', async () => {
    const heatmap = await getStageHeatmap(db, { orgId, fromMonth: '2026-09', toMonth: '2026-11' });
    expect(heatmap.months).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(heatmap.rows).toHaveLength(1);
    const stages = await db.query<{ stage_reached: string }>(
      "select stage_reached from meeting where status = 'held' order by held_at",
    );
    expect(heatmap.rows[0]?.stages).toEqual([
      null,
      stages[0]?.stage_reached,
      stages[1]?.stage_reached,
    ]);
  });
});
