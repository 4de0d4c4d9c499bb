import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../src/db/test-db.js';
import type { Compliance } from '../../src/server/schemas/leaders.js';
import type {
  FinishedMeeting,
  MeetingSnapshot,
  MeetingState,
  StartedMeeting,
} from '../../src/server/schemas/meeting-workflow.js';
import { createWorld, signIn, type World } from './world.js';

type Who = 'm1' | 'm2' | 'r1a' | 'leader';

describe(`the 1:1 over HTTP, end to end (${testEngine})`, () => {
  let world: World;
  let cookie: Record<Who, string>;
  let meetingId: string;
  beforeAll(async () => {
    world = await createWorld();
    const e = world.a.emails;
    cookie = {
      m1: await signIn(world.app, e.m1),
      m2: await signIn(world.app, e.m2),
      r1a: await signIn(world.app, e.r1a),
      leader: await signIn(world.app, e.leader),
    };
  });
  afterAll(async () => world.close());

  const call = (who: Who, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    world.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: cookie[who] },
      ...(payload ? { payload } : {}),
    });

  it('schedules a one-off 1:1 for a rep of the manager (201), never for another team (404)', async () => {
    const body = { repId: world.a.people.r1a, scheduledAt: '2026-03-15T12:30:00Z' };
    expect((await call('m2', 'POST', '/meetings', body)).statusCode).toBe(404);
    expect((await call('r1a', 'POST', '/meetings', body)).statusCode).toBe(403);
    const created = await call('m1', 'POST', '/meetings', body);
    expect(created.statusCode, created.body).toBe(201);
    const meeting = created.json<MeetingState>();
    expect(meeting).toMatchObject({
      repId: world.a.people.r1a,
      managerId: world.a.people.m1,
      status: 'scheduled',
      seriesId: null,
      durationMinutes: 20,
    });
    meetingId = meeting.id;
  });

  it('refuses the rep (403) and another team’s manager (404) to start or finish it', async () => {
    for (const action of ['start', 'finish']) {
      const byRep = await call('r1a', 'POST', `/meetings/${meetingId}/${action}`);
      expect(byRep.statusCode).toBe(403);
      const byOther = await call('m2', 'POST', `/meetings/${meetingId}/${action}`);
      expect(byOther.statusCode).toBe(404);
      expect(byOther.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('starts it: the agenda is frozen, the rep reads the snapshot, a leader may not', async () => {
    world.clock.set('2026-03-15T12:31:00Z');
    const started = await call('m1', 'POST', `/meetings/${meetingId}/start`);
    expect(started.statusCode, started.body).toBe(200);
    const { meeting, agenda } = started.json<StartedMeeting>();
    expect(meeting.startedAt).toBe('2026-03-15T12:31:00.000Z');
    expect(meeting.stageReached).toBe(agenda.progression.stage);
    expect((await call('m1', 'POST', `/meetings/${meetingId}/start`)).statusCode).toBe(409);
    const snapshot = await call('r1a', 'GET', `/meetings/${meetingId}/snapshot`);
    expect(snapshot.statusCode).toBe(200);
    expect(snapshot.json<MeetingSnapshot>()).toMatchObject({
      frozenAt: '2026-03-15T12:31:00.000Z',
      agenda: { progression: { stage: agenda.progression.stage } },
    });
    expect((await call('leader', 'GET', `/meetings/${meetingId}/snapshot`)).statusCode).toBe(403);
  });

  it('takes notes and commitments both ways, reviews the previous ones, and finishes', async () => {
    const note = (visibility: string, body: string) =>
      call('m1', 'POST', `/meetings/${meetingId}/notes`, { section: 'results', visibility, body });
    expect((await note('shared', 'Ahead of plan: keep going')).statusCode).toBe(201);
    expect((await note('private', 'Ask HR about the promotion')).statusCode).toBe(201);
    const commit = (owner: string, text: string) =>
      call('m1', 'POST', `/meetings/${meetingId}/commitments`, {
        owner,
        text,
        dueOn: '2026-04-10',
      });
    expect((await commit('rep', 'Two new opportunities in Proposal')).statusCode).toBe(201);
    expect((await commit('manager', 'Intro to the Acme CFO')).statusCode).toBe(201);
    const past = await call('m1', 'POST', `/meetings/${meetingId}/commitments`, {
      owner: 'rep',
      text: 'late',
      dueOn: '2026-03-01',
    });
    expect(past.statusCode).toBe(400);

    const toReview = await call('m1', 'GET', `/meetings/${meetingId}/commitments-to-review`);
    const previous = world.a.commitments.r1a;
    const ids = toReview.json<{ items: Array<{ id: string }> }>().items.map((c) => c.id);
    expect(ids.sort()).toEqual([previous.rep, previous.manager].sort());
    const review = (id: string, status: string, who: Who = 'm1') =>
      call(who, 'PATCH', `/commitments/${id}`, { status, reviewedInMeetingId: meetingId });
    expect((await review(previous.rep, 'kept', 'r1a')).statusCode).toBe(403);
    expect((await review(previous.rep, 'kept', 'm2')).statusCode).toBe(404);
    const kept = await review(previous.rep, 'kept');
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toMatchObject({ status: 'kept', reviewedInMeetingId: meetingId });
    expect((await review(previous.manager, 'not_kept')).json()).toMatchObject({
      status: 'not_kept',
    });

    world.clock.set('2026-03-15T12:49:00Z');
    const finished = await call('m1', 'POST', `/meetings/${meetingId}/finish`);
    expect(finished.statusCode, finished.body).toBe(200);
    const result = finished.json<FinishedMeeting>();
    expect(result.meeting).toMatchObject({ status: 'held', heldAt: '2026-03-15T12:49:00.000Z' });
    expect(result.summaryMessageId).not.toBeNull();
    expect((await call('m1', 'POST', `/meetings/${meetingId}/finish`)).statusCode).toBe(409);
  });

  it('shows the rep the held 1:1, its shared notes only, both sides’ commitments and the summary', async () => {
    const meeting = await call('r1a', 'GET', `/meetings/${meetingId}`);
    expect(meeting.json()).toMatchObject({ status: 'held' });
    const notes = (await call('r1a', 'GET', `/meetings/${meetingId}/notes`)).json<{
      items: Array<{ body: string }>;
    }>();
    expect(notes.items.map((n) => n.body)).toEqual(['Ahead of plan: keep going']);
    const commitments = (
      await call('r1a', 'GET', `/commitments?rep=${world.a.people.r1a}&limit=200`)
    ).json<{ items: Array<{ meetingId: string; ownerRole: string; text: string }> }>();
    const made = commitments.items.filter((c) => c.meetingId === meetingId);
    expect(made.map((c) => [c.ownerRole, c.text]).sort()).toEqual([
      ['manager', 'Intro to the Acme CFO'],
      ['rep', 'Two new opportunities in Proposal'],
    ]);
    const [mail] = await world.db.query<{ to: string[]; text: string }>(
      `select "to", text from outbox_message where org_id = $1 and text like '%Ahead of plan%'`,
      [world.a.orgId],
    );
    expect(mail?.to).toEqual([world.a.emails.r1a]);
    expect(mail?.text).toContain('Intro to the Acme CFO');
    expect(mail?.text).not.toContain('promotion');
  });

  it('shows the leader the minutes the 1:1 took, started → finished, against those planned', async () => {
    const compliance = await call('leader', 'GET', '/leaders/compliance?period=2026-03');
    expect(compliance.statusCode, compliance.body).toBe(200);
    const m1 = compliance
      .json<Compliance>()
      .managers.find((m) => m.managerId === world.a.people.m1);
    // Started 12:31, finished 12:49: 18 minutes of the 20 planned, the only 1:1 held in March.
    expect(m1).toMatchObject({ heldMeetings: 1, actualMinutes: 18, plannedMinutes: 20 });
  });

  it('lists who is due a 1:1: the manager’s reps, the leader’s teams', async () => {
    const mine = (await call('m1', 'GET', '/meetings/due?includeScheduled=true')).json<{
      items: Array<{ repId: string; lastHeldAt: string | null }>;
    }>();
    const { r1a, r1b, both, r2a } = world.a.people;
    expect(mine.items.map((d) => d.repId).sort()).toEqual([r1a, r1b, both].sort());
    expect(mine.items.find((d) => d.repId === r1a)?.lastHeldAt).toBe('2026-03-15T12:49:00.000Z');
    const led = await call('leader', 'GET', '/meetings/due?includeScheduled=true');
    expect(led.body).not.toContain(r2a);
    expect((await call('r1a', 'GET', '/meetings/due')).statusCode).toBe(403);
  });

  it('reads a stored daily cadence as weekly, keeping the other settings', async () => {
    const orgId = world.a.orgId;
    const [before] = await world.db.query<{ settings: object }>(
      'select settings from org where id = $1',
      [orgId],
    );
    // As an organization saved it when `daily` was still a cadence.
    await world.db.query(
      `update org set settings = settings || '{"cadence":"daily","coverageTarget":4}' where id = $1`,
      [orgId],
    );
    try {
      const read = await call('m1', 'GET', '/settings');
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json()).toMatchObject({ settings: { cadence: 'weekly', coverageTarget: 4 } });
      const agenda = await call('m1', 'GET', `/people/${world.a.people.r1a}/agenda`);
      expect(agenda.statusCode, agenda.body).toBe(200);
      expect(agenda.json()).toMatchObject({
        meeting: { cadence: 'weekly' },
        cadence: { configured: 'weekly' },
        settings: { cadence: 'weekly', coverageTarget: 4 },
      });
    } finally {
      await world.db.query('update org set settings = $2 where id = $1', [
        orgId,
        JSON.stringify(before?.settings ?? {}),
      ]);
    }
  });
});
