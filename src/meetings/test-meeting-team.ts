import type { Database } from '../db/database.js';
import { createTestDb } from '../db/test-db.js';
import { insertOrg, insertPerson, insertTeam } from '../db/test-fixtures.js';
import { addCommitment } from './add-commitment.js';
import { detectMissedMeetings } from './detect-missed-meetings.js';
import { finishMeeting } from './finish-meeting.js';
import type { Actor } from './meeting-records.js';
import { reviewCommitment } from './review-commitment.js';
import { scheduleSeries } from './schedule-series.js';
import { startMeeting } from './start-meeting.js';

export const at = (iso: string) => new Date(iso);

/** A fresh database with one team: Morgan manages Riley and Sam (all with e-mail). */
export interface MeetingTeam {
  db: Database;
  orgId: string;
  manager: Actor;
  rep: Actor;
}

export async function createMeetingTeam(): Promise<MeetingTeam> {
  const db = await createTestDb();
  const orgId = await insertOrg(db, { timeZone: 'UTC' });
  const managerId = await insertPerson(db, orgId, {
    name: 'Morgan Manager',
    email: 'morgan@example.com',
    role: 'manager',
  });
  const repId = await insertPerson(db, orgId, { name: 'Riley Rep', email: 'riley@example.com' });
  const samId = await insertPerson(db, orgId, { name: 'Sam Second', email: 'sam@example.com' });
  await insertTeam(db, orgId, {
    name: 'East',
    managerId,
    members: [
      { personId: repId, from: '2026-01-01' },
      { personId: samId, from: '2026-01-01' },
    ],
  });
  return {
    db,
    orgId,
    manager: { personId: managerId, role: 'manager' },
    rep: { personId: repId, role: 'rep' },
  };
}

/**
 * Riley's 1:1s from October to November 2026, as meeting-workflow.test.ts walks through
 * them step by step: a monthly series on Mondays 09:00 UTC (20 minutes); held 2026-10-05
 * 09:02→09:20 with one commitment each way; held 2026-11-02 09:01→09:21, where the rep's
 * commitment is kept and the manager's not; 2026-11-30 missed, 2026-12-28 scheduled.
 * Sam never meets.
 */
export async function holdTwoMonthsOfMeetings(team: MeetingTeam): Promise<void> {
  const { db, orgId, manager, rep } = team;
  const series = await scheduleSeries(db, {
    orgId,
    actor: manager,
    repId: rep.personId,
    series: { weekday: 1, timeOfDay: '09:00', timeZone: 'UTC' },
    now: at('2026-10-01T12:00:00Z'),
  });
  const october = series.nextMeeting?.id ?? '';
  await startMeeting(db, {
    orgId,
    meetingId: october,
    actor: manager,
    now: at('2026-10-05T09:02:00Z'),
  });
  const commit = (owner: 'rep' | 'manager', dueOn: string) =>
    addCommitment(db, {
      orgId,
      meetingId: october,
      actor: manager,
      owner,
      text: `${owner}'s commitment`,
      dueOn,
      now: at('2026-10-05T09:10:00Z'),
    });
  const repCommitment = await commit('rep', '2026-10-19');
  const managerCommitment = await commit('manager', '2026-10-12');
  const first = await finishMeeting(db, {
    orgId,
    meetingId: october,
    actor: manager,
    now: at('2026-10-05T09:20:00Z'),
  });
  const november = first.nextMeeting?.id ?? '';
  await startMeeting(db, {
    orgId,
    meetingId: november,
    actor: manager,
    now: at('2026-11-02T09:01:00Z'),
  });
  const review = (commitmentId: string, outcome: 'kept' | 'not_kept') =>
    reviewCommitment(db, {
      orgId,
      meetingId: november,
      commitmentId,
      actor: manager,
      outcome,
      now: at('2026-11-02T09:05:00Z'),
    });
  await review(repCommitment.id, 'kept');
  await review(managerCommitment.id, 'not_kept');
  await finishMeeting(db, {
    orgId,
    meetingId: november,
    actor: manager,
    now: at('2026-11-02T09:21:00Z'),
  });
  await detectMissedMeetings(db, { now: at('2026-11-30T09:25:00Z') });
}
