import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { testEngine } from '../db/test-db.js';
import { addCommitment } from './add-commitment.js';
import { addMeetingNote } from './add-meeting-note.js';
import { detectMissedMeetings } from './detect-missed-meetings.js';
import { finishMeeting } from './finish-meeting.js';
import { listCommitmentsToReview } from './list-commitments-to-review.js';
import type { Actor } from './meeting-records.js';
import { reviewCommitment } from './review-commitment.js';
import { scheduleSeries } from './schedule-series.js';
import { startMeeting } from './start-meeting.js';
import { at, createMeetingTeam } from './test-meeting-team.js';

// The leaders' reports over the 1:1s held here are in meeting-reports.test.ts.
describe(`the 1:1 workflow end to end (${testEngine})`, () => {
  let db: Database;
  let orgId: string;
  let manager: Actor;
  let rep: Actor;
  const ids: { first?: string; second?: string; third?: string } = {};
  const commitmentIds: { rep?: string; manager?: string } = {};

  beforeAll(async () => {
    ({ db, orgId, manager, rep } = await createMeetingTeam());
  });
  afterAll(async () => {
    await db.close();
  });

  it('schedules a monthly series on Mondays 09:00 and shows the recommended cadence beside it', async () => {
    const result = await scheduleSeries(db, {
      orgId,
      actor: manager,
      repId: rep.personId,
      series: { weekday: 1, timeOfDay: '09:00', timeZone: 'UTC' },
      now: at('2026-10-01T12:00:00Z'),
    });
    expect(result.series).toMatchObject({
      cadence: 'monthly',
      durationMinutes: 20,
      startsOn: '2026-10-01',
    });
    // 2026-10-01 is a Thursday: the first Monday on or after it is 2026-10-05.
    expect(result.nextMeeting?.scheduledAt).toBe('2026-10-05T09:00:00.000Z');
    expect(result.cadence).toMatchObject({
      chosen: 'monthly',
      recommended: 'monthly',
      medianCycleDays: null,
    });
    ids.first = result.nextMeeting?.id;
  });

  it('refuses a series set up by the rep', async () => {
    await expect(
      scheduleSeries(db, {
        orgId,
        actor: rep,
        repId: rep.personId,
        series: { weekday: 2, timeOfDay: '10:00' },
        now: at('2026-10-01T12:00:00Z'),
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets only the manager start the 1:1, once, freezing the agenda', async () => {
    const meetingId = ids.first ?? '';
    await expect(
      startMeeting(db, { orgId, meetingId, actor: rep, now: at('2026-10-05T09:02:00Z') }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const { meeting, agenda } = await startMeeting(db, {
      orgId,
      meetingId,
      actor: manager,
      now: at('2026-10-05T09:02:00Z'),
    });
    expect(meeting.startedAt).toBe('2026-10-05T09:02:00.000Z');
    expect(meeting.stageReached).toBe(agenda.progression.stage);
    const [row] = await db.query<{ snapshot: { asOf: string; person: { id: string } } }>(
      'select agenda_snapshot as snapshot from meeting where id = $1',
      [meetingId],
    );
    expect(row?.snapshot.asOf).toBe('2026-10-05');
    expect(row?.snapshot.person.id).toBe(rep.personId);
    await expect(
      startMeeting(db, { orgId, meetingId, actor: manager, now: at('2026-10-05T09:03:00Z') }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('takes notes per section and commitments both ways, then finishes with a summary to the rep', async () => {
    const meetingId = ids.first ?? '';
    const now = at('2026-10-05T09:10:00Z');
    await addMeetingNote(db, {
      orgId,
      meetingId,
      actor: manager,
      section: 'results',
      visibility: 'shared',
      body: 'On plan <b>again</b>',
      now,
    });
    await addMeetingNote(db, {
      orgId,
      meetingId,
      actor: manager,
      section: 'general',
      visibility: 'private',
      body: 'Seems tired',
      now,
    });
    await addMeetingNote(db, {
      orgId,
      meetingId,
      actor: rep,
      section: 'pipeline',
      visibility: 'shared',
      body: 'Two deals to Proposal',
      now,
    });
    const repCommitment = await addCommitment(db, {
      orgId,
      meetingId,
      actor: manager,
      owner: 'rep',
      text: 'Add four opportunities',
      dueOn: '2026-10-19',
      now,
    });
    const managerCommitment = await addCommitment(db, {
      orgId,
      meetingId,
      actor: manager,
      owner: 'manager',
      text: 'Get pricing approval',
      dueOn: '2026-10-12',
      now,
    });
    expect(repCommitment).toMatchObject({
      ownerId: rep.personId,
      ownerRole: 'rep',
      status: 'open',
    });
    expect(managerCommitment).toMatchObject({ ownerId: manager.personId, ownerRole: 'manager' });
    commitmentIds.rep = repCommitment.id;
    commitmentIds.manager = managerCommitment.id;
    await expect(
      addCommitment(db, {
        orgId,
        meetingId,
        actor: rep,
        owner: 'rep',
        text: 'Late',
        dueOn: '2026-10-01',
        now,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });

    const finished = await finishMeeting(db, {
      orgId,
      meetingId,
      actor: manager,
      now: at('2026-10-05T09:20:00Z'),
    });
    expect(finished.meeting).toMatchObject({ status: 'held', heldAt: '2026-10-05T09:20:00.000Z' });
    // Monthly = every 4 weeks: 2026-10-05 + 28 days = 2026-11-02, same wall-clock time.
    expect(finished.nextMeeting?.scheduledAt).toBe('2026-11-02T09:00:00.000Z');
    ids.second = finished.nextMeeting?.id;

    const [mail] = await db.query<{ to: string[]; text: string; html: string }>(
      'select "to", text, html from outbox_message where id = $1',
      [finished.summaryMessageId],
    );
    expect(mail?.to).toEqual(['riley@example.com']);
    expect(mail?.text).toContain('On plan <b>again</b>');
    expect(mail?.text).toContain('Two deals to Proposal');
    expect(mail?.text).not.toContain('Seems tired');
    expect(mail?.text).toContain('Add four opportunities (due 2026-10-19)');
    expect(mail?.text).toContain('Get pricing approval (due 2026-10-12)');
    expect(mail?.html).toContain('On plan &lt;b&gt;again&lt;/b&gt;');
    expect(mail?.html).not.toContain('Seems tired');
  });

  it('reviews the earlier commitments at the next 1:1, not the ones made in it', async () => {
    const meetingId = ids.second ?? '';
    await startMeeting(db, { orgId, meetingId, actor: manager, now: at('2026-11-02T09:01:00Z') });
    const toReview = await listCommitmentsToReview(db, {
      orgId,
      meetingId,
      now: at('2026-11-02T09:02:00Z'),
    });
    expect(toReview.map((c) => c.text).sort()).toEqual([
      'Add four opportunities',
      'Get pricing approval',
    ]);
    const now = at('2026-11-02T09:05:00Z');
    const kept = await reviewCommitment(db, {
      orgId,
      meetingId,
      commitmentId: commitmentIds.rep ?? '',
      actor: manager,
      outcome: 'kept',
      now,
    });
    expect(kept).toMatchObject({ status: 'kept', reviewedInMeetingId: meetingId });
    await reviewCommitment(db, {
      orgId,
      meetingId,
      commitmentId: commitmentIds.manager ?? '',
      actor: manager,
      outcome: 'not_kept',
      now,
    });
    const fresh = await addCommitment(db, {
      orgId,
      meetingId,
      actor: rep,
      owner: 'rep',
      text: 'Call ten leads',
      dueOn: '2026-11-16',
      now,
    });
    await expect(
      reviewCommitment(db, {
        orgId,
        meetingId,
        commitmentId: fresh.id,
        actor: manager,
        outcome: 'kept',
        now,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      reviewCommitment(db, {
        orgId,
        meetingId,
        commitmentId: commitmentIds.rep ?? '',
        actor: rep,
        outcome: 'kept',
        now,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const finished = await finishMeeting(db, {
      orgId,
      meetingId,
      actor: manager,
      now: at('2026-11-02T09:21:00Z'),
    });
    expect(finished.nextMeeting?.scheduledAt).toBe('2026-11-30T09:00:00.000Z');
    ids.third = finished.nextMeeting?.id;
  });

  it('marks a 1:1 missed once its planned end has passed unstarted, and schedules the next', async () => {
    // 09:00 + 20 min = 09:20: at 09:19 it is not missed yet, at 09:25 it is.
    expect(await detectMissedMeetings(db, { now: at('2026-11-30T09:19:00Z') })).toEqual([]);
    const missed = await detectMissedMeetings(db, { now: at('2026-11-30T09:25:00Z') });
    expect(missed).toHaveLength(1);
    expect(missed[0]?.meetingId).toBe(ids.third);
    const [next] = await db.query<{ scheduled_at: string }>(
      'select scheduled_at from meeting where id = $1',
      [missed[0]?.nextMeetingId],
    );
    expect(next?.scheduled_at).toBe('2026-12-28T09:00:00.000Z');
    expect(await detectMissedMeetings(db, { now: at('2026-11-30T10:00:00Z') })).toEqual([]);
  });
});
