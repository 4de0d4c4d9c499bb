import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../src/db/test-db.js';
import { createWorld, signIn, type World } from './world.js';

describe(`privacy rules (${testEngine})`, () => {
  let world: World;
  let cookie: Record<'admin' | 'leader' | 'm1' | 'm2' | 'r1a' | 'r1b', string>;
  beforeAll(async () => {
    world = await createWorld({ settings: { activityGate: true } });
    const e = world.a.emails;
    cookie = {
      admin: await signIn(world.app, e.admin),
      leader: await signIn(world.app, e.leader),
      m1: await signIn(world.app, e.m1),
      m2: await signIn(world.app, e.m2),
      r1a: await signIn(world.app, e.r1a),
      r1b: await signIn(world.app, e.r1b),
    };
  });
  afterAll(async () => world.close());
  const get = (url: string, who: keyof typeof cookie) =>
    world.app.inject({ url, headers: { cookie: cookie[who] } });

  it('shows shared notes to the rep and the manager, private notes to their author only', async () => {
    const url = `/api/v1/meetings/${world.a.meetings.r1a}/notes`;
    const ids = async (who: 'm1' | 'r1a') =>
      ((await get(url, who)).json() as { items: Array<{ id: string }> }).items
        .map((n) => n.id)
        .sort();
    const { shared, managerPrivate, repPrivate } = world.a.notes;
    expect(await ids('m1')).toEqual([shared, managerPrivate].sort());
    expect(await ids('r1a')).toEqual([shared, repPrivate].sort());
  });

  it('never shows the text of notes to leaders or admins', async () => {
    const url = `/api/v1/meetings/${world.a.meetings.r1a}/notes`;
    expect((await get(url, 'leader')).statusCode).toBe(403);
    expect((await get(url, 'admin')).statusCode).toBe(403);
    const meeting = await get(`/api/v1/meetings/${world.a.meetings.r1a}`, 'leader');
    expect(meeting.statusCode).toBe(200);
    expect(meeting.body).not.toContain('note');
  });

  it('drops a rep who moved away from the old manager at once, and shows them to the new one', async () => {
    const { mover } = world.a.people;
    expect((await get(`/api/v1/people/${mover}`, 'm1')).statusCode).toBe(404);
    expect((await get(`/api/v1/meetings/${world.a.meetings.moverOld}`, 'm1')).statusCode).toBe(404);
    expect((await get(`/api/v1/people/${mover}/agenda`, 'm1')).statusCode).toBe(404);
    expect((await get('/api/v1/meetings', 'm1')).body).not.toContain(mover);
    expect((await get(`/api/v1/people/${mover}/agenda`, 'm2')).statusCode).toBe(200);
  });

  it('hides an unpublished scorecard from reps (404), not from their manager', async () => {
    const url = `/api/v1/scorecard?team=${world.a.teams.t1}&period=2026-02`;
    expect((await get(url, 'r1a')).statusCode).toBe(404);
    expect((await get(url, 'm1')).statusCode).toBe(200);
    const publish = await world.app.inject({
      method: 'POST',
      url: '/api/v1/scorecard/publish',
      headers: { cookie: cookie.m1 },
      payload: { team: world.a.teams.t1, period: '2026-02' },
    });
    expect(publish.statusCode).toBe(200);
    expect((await get(url, 'r1a')).statusCode).toBe(200);
  });

  it('withholds activity under the gate unless the rep shares it, and audits each view', async () => {
    // r1b beat February's goal: the progression stops at results, so the gate withholds activity.
    const [won] = await world.db.query<{ id: string }>(
      `select id from stage where org_id = $1 and kind = 'won'`,
      [world.a.orgId],
    );
    await world.db.query(
      `insert into opportunity (org_id, owner_id, name, amount, currency, stage_id, status, created_at, close_date, closed_at, last_changed_at)
       values ($1, $2, 'Big', 500000, 'USD', $3, 'won', '2026-01-05T00:00:00Z', '2026-02-10', '2026-02-10T12:00:00Z', '2026-02-10T12:00:00Z')`,
      [world.a.orgId, world.a.people.r1b, won?.id],
    );
    const url = `/api/v1/people/${world.a.people.r1b}/agenda?asOf=2026-03-15`;
    const before = await get(url, 'm1');
    expect(before.json()).toMatchObject({
      activityWithheld: true,
      activity: null,
      progression: { stage: 'results' },
    });
    const share = await world.app.inject({
      method: 'PUT',
      url: '/api/v1/me/activity-sharing',
      headers: { cookie: cookie.r1b },
      payload: { shared: true },
    });
    expect(share.statusCode).toBe(200);
    const after = await get(url, 'm1');
    expect(after.json()).toMatchObject({ activityWithheld: false });
    const audited = await world.db.query<{ actor_id: string; subject_id: string }>(
      `select actor_id, subject_id from audit_event
        where org_id = $1 and action = 'activity.viewed' and subject_id = $2`,
      [world.a.orgId, world.a.people.r1b],
    );
    expect(audited).toEqual([{ actor_id: world.a.people.m1, subject_id: world.a.people.r1b }]);
  });
});

describe(`fields the caller may not set (${testEngine})`, () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(async () => world.close());

  const personRow = (id: string) =>
    world.db.query('select org_id, role, name, password_hash from person where id = $1', [id]);

  it('refuses org, id and password hash in a person change, and leaves the row unchanged', async () => {
    const admin = await signIn(world.app, world.a.emails.admin);
    const id = world.a.people.r1a;
    const before = await personRow(id);
    for (const payload of [
      { orgId: world.b.orgId },
      { id: world.b.people.r1a },
      { passwordHash: 'x' },
      { name: 'X', org_id: world.b.orgId },
    ]) {
      const response = await world.app.inject({
        method: 'PATCH',
        url: `/api/v1/people/${id}`,
        headers: { cookie: admin },
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(await personRow(id)).toEqual(before);
  });

  it('does not let a rep change their own role, nor a manager their team', async () => {
    const rep = await signIn(world.app, world.a.emails.r1a);
    const manager = await signIn(world.app, world.a.emails.m1);
    const before = await personRow(world.a.people.r1a);
    const selfPromotion = await world.app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${world.a.people.r1a}`,
      headers: { cookie: rep },
      payload: { role: 'admin' },
    });
    expect(selfPromotion.statusCode).toBe(403);
    const teamGrab = await world.app.inject({
      method: 'PATCH',
      url: `/api/v1/teams/${world.a.teams.t2}`,
      headers: { cookie: manager },
      payload: { managerId: world.a.people.m1 },
    });
    expect(teamGrab.statusCode).toBe(403);
    expect(await personRow(world.a.people.r1a)).toEqual(before);
    const [team] = await world.db.query<{ manager_id: string }>(
      'select manager_id from team where id = $1',
      [world.a.teams.t2],
    );
    expect(team?.manager_id).toBe(world.a.people.m2);
  });

  it('refuses status, owner and published in goals, notes and commitments', async () => {
    const rep = await signIn(world.app, world.a.emails.r1a);
    const goal = await world.app.inject({
      method: 'POST',
      url: '/api/v1/goals',
      headers: { cookie: rep },
      payload: {
        personId: world.a.people.r1a,
        metric: 'bookings',
        periodKind: 'month',
        periodStart: '2026-05-01',
        target: 1,
        status: 'agreed',
      },
    });
    expect(goal.statusCode).toBe(400);
    const note = await world.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${world.a.meetings.r1a}/notes`,
      headers: { cookie: rep },
      payload: { section: 'general', body: 'mine', authorId: world.a.people.m1 },
    });
    expect(note.statusCode).toBe(400);
    const commitment = await world.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${world.a.meetings.r1a}/commitments`,
      headers: { cookie: rep },
      payload: { owner: 'manager', ownerId: world.a.people.r2a, text: 'x', dueOn: '2026-04-01' },
    });
    expect(commitment.statusCode).toBe(400);
    const publish = await world.app.inject({
      method: 'POST',
      url: '/api/v1/scorecard/publish',
      headers: { cookie: await signIn(world.app, world.a.emails.m1) },
      payload: { team: world.a.teams.t1, published: false, orgId: world.b.orgId },
    });
    expect(publish.statusCode).toBe(400);
    const proposed = await world.app.inject({
      method: 'POST',
      url: '/api/v1/goals',
      headers: { cookie: rep },
      payload: {
        personId: world.a.people.r1a,
        metric: 'bookings',
        periodKind: 'month',
        periodStart: '2026-05-01',
        target: 1,
      },
    });
    expect(proposed.json()).toMatchObject({ status: 'proposed', proposedBy: world.a.people.r1a });
  });

  it('names the field of a validation error', async () => {
    const admin = await signIn(world.app, world.a.emails.admin);
    const response = await world.app.inject({
      method: 'PATCH',
      url: '/api/v1/settings',
      headers: { cookie: admin },
      payload: { coverageTarget: 'lots' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].field).toBe('body.coverageTarget');
  });
});
