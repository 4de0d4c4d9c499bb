import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../src/db/test-db.js';
import type { CalendarFeedCreated } from '../../src/server/schemas/calendar.js';
import type { GoalEvent } from '../../src/server/schemas/goal-workflow.js';
import type { Compliance, StageHeatmap } from '../../src/server/schemas/leaders.js';
import { createWorld, signIn, type World } from './world.js';

type Who = 'm1' | 'm2' | 'r1a' | 'leader' | 'admin';

describe(`goals, calendar and leaders over HTTP (${testEngine})`, () => {
  let world: World;
  let cookie: Record<Who, string>;
  beforeAll(async () => {
    world = await createWorld();
    const e = world.a.emails;
    cookie = {
      m1: await signIn(world.app, e.m1),
      m2: await signIn(world.app, e.m2),
      r1a: await signIn(world.app, e.r1a),
      leader: await signIn(world.app, e.leader),
      admin: await signIn(world.app, e.admin),
    };
  });
  afterAll(async () => world.close());

  const call = (
    who: Who,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    world.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: cookie[who] },
      ...(payload ? { payload } : {}),
    });

  it('walks propose (manager) → counter (rep) → accept (manager), with the events', async () => {
    const proposed = await call('m1', 'POST', '/goals', {
      personId: world.a.people.r1a,
      metric: 'bookings',
      periodKind: 'month',
      periodStart: '2026-05-01',
      target: 5_000_000,
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const goalId = proposed.json<{ id: string }>().id;
    expect((await call('m2', 'POST', `/goals/${goalId}/counter`, { target: 1 })).statusCode).toBe(
      404,
    );
    const own = await call('m1', 'POST', `/goals/${goalId}/accept`);
    expect(own.statusCode, own.body).toBe(409);
    world.clock.advance(60_000);
    const countered = await call('r1a', 'POST', `/goals/${goalId}/counter`, { target: 4_000_000 });
    expect(countered.json()).toMatchObject({ status: 'proposed', target: 4_000_000 });
    const stale = await call('m1', 'POST', `/goals/${goalId}/accept`, { target: 5_000_000 });
    expect(stale.statusCode).toBe(409);
    world.clock.advance(60_000);
    const agreed = await call('m1', 'POST', `/goals/${goalId}/accept`, { target: 4_000_000 });
    expect(agreed.json()).toMatchObject({ status: 'agreed', agreedBy: world.a.people.m1 });
    const events = (await call('r1a', 'GET', `/goals/${goalId}/events`)).json<{
      items: GoalEvent[];
    }>();
    expect(events.items.map((e) => [e.action, e.target, e.actorId])).toEqual([
      ['proposed', 5_000_000, world.a.people.m1],
      ['countered', 4_000_000, world.a.people.r1a],
      ['accepted', 4_000_000, world.a.people.m1],
    ]);
    const revised = await call('r1a', 'PATCH', `/goals/${goalId}`, { target: 4_500_000 });
    expect(revised.json()).toMatchObject({
      status: 'agreed',
      target: 4_000_000,
      pendingChange: { target: 4_500_000, proposedBy: world.a.people.r1a },
    });
    expect((await call('m1', 'POST', `/goals/${goalId}/reject`)).json()).toMatchObject({
      status: 'agreed',
      target: 4_000_000,
      pendingChange: null,
    });
    const legacy = await call('m1', 'PATCH', `/goals/${goalId}`, { status: 'agreed' });
    expect(legacy.statusCode).toBe(400);
  });

  it('serves the feed without a session, with DTSTART in the manager’s zone; revoked → 404', async () => {
    const series = await call('m1', 'PUT', `/people/${world.a.people.r1a}/meeting-series`, {
      cadence: 'monthly',
      weekday: 2,
      timeOfDay: '09:30',
      timeZone: 'America/New_York',
    });
    expect(series.statusCode, series.body).toBe(200);
    expect(series.json()).toMatchObject({
      series: { cadence: 'monthly', timeZone: 'America/New_York' },
      cadence: { chosen: 'monthly' },
      // Tuesday 2026-03-17, 09:30 EDT.
      nextMeeting: { scheduledAt: '2026-03-17T13:30:00.000Z' },
    });
    expect(
      (await call('r1a', 'GET', `/people/${world.a.people.r1a}/meeting-series`)).json(),
    ).toMatchObject({
      series: { weekday: 2, timeOfDay: '09:30:00' },
      cadence: { recommended: expect.any(String) },
    });
    expect((await call('m1', 'GET', '/me/calendar-feed')).json()).toEqual({
      active: false,
      createdAt: null,
    });
    const created = await call('m1', 'POST', '/me/calendar-feed');
    expect(created.statusCode).toBe(201);
    const { path } = created.json<CalendarFeedCreated>();
    expect((await call('m1', 'GET', '/me/calendar-feed')).json()).toMatchObject({ active: true });

    const feed = await world.app.inject({ url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const events = new ICAL.Component(ICAL.parse(feed.body)).getAllSubcomponents('vevent');
    const master = events.find((e) => e.hasProperty('rrule'));
    const start = master?.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(master?.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('America/New_York');
    expect([start.hour, start.minute, start.toJSDate().toISOString()]).toEqual([
      9,
      30,
      '2026-03-17T13:30:00.000Z',
    ]);
    expect(feed.body).not.toContain('follow up');

    const replaced = await call('m1', 'POST', '/me/calendar-feed');
    expect((await world.app.inject({ url: path })).statusCode).toBe(404);
    const next = replaced.json<CalendarFeedCreated>().path;
    expect((await call('m1', 'DELETE', '/me/calendar-feed')).statusCode).toBe(204);
    expect((await world.app.inject({ url: next })).statusCode).toBe(404);
    expect((await world.app.inject({ url: '/calendar/not-a-token.ics' })).statusCode).toBe(404);
  });

  it('serves the feed with no-store, so a revoked URL stops at once, even behind a cache', async () => {
    const { path } = (await call('m2', 'POST', '/me/calendar-feed')).json<CalendarFeedCreated>();
    const live = await world.app.inject({ url: path });
    expect(live.statusCode).toBe(200);
    // Not `private, max-age=300`: a client or proxy could replay a revoked feed for 5 minutes.
    expect(live.headers['cache-control']).toBe('no-store');
    expect((await call('m2', 'DELETE', '/me/calendar-feed')).statusCode).toBe(204);
    const revoked = await world.app.inject({ url: path });
    expect(revoked.statusCode).toBe(404);
    expect(revoked.json()).toMatchObject({ code: 'NOT_FOUND', detail: 'No such calendar.' });
    // A 404 is heuristically cacheable (RFC 9111 §4.2.2): the revocation must not be either.
    expect(revoked.headers['cache-control']).toBe('no-store');
  });

  it('gives one meeting as an .ics file to its rep, not to another team’s manager', async () => {
    const url = `/meetings/${world.a.meetings.r1a}/ics`;
    const file = await call('r1a', 'GET', url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(file.body).toContain('BEGIN:VEVENT');
    expect((await call('m2', 'GET', url)).statusCode).toBe(404);
  });

  it('reports compliance and stages: a leader their teams, a manager themselves', async () => {
    const led = (
      await call('leader', 'GET', '/leaders/compliance?period=2026-02')
    ).json<Compliance>();
    expect(led.managers.map((m) => [m.managerId, m.repsWithHeld])).toEqual([
      [world.a.people.m1, 2],
    ]);
    const own = (
      await call('m2', 'GET', '/leaders/compliance?from=2026-02-01&to=2026-03-01')
    ).json<Compliance>();
    expect(own.managers.map((m) => m.managerId)).toEqual([world.a.people.m2]);
    const all = (
      await call('admin', 'GET', '/leaders/compliance?period=2026-02')
    ).json<Compliance>();
    expect(all.managers).toHaveLength(2);
    const heatmap = (
      await call('leader', 'GET', '/leaders/heatmap?fromMonth=2025-12&toMonth=2026-02')
    ).json<StageHeatmap>();
    // The mover's December 1:1 with m1 stays with the mover's new team, out of the leader's reach.
    expect(heatmap.rows.map((r) => r.repId)).not.toContain(world.a.people.mover);
    expect(heatmap.rows.find((r) => r.repId === world.a.people.r1a)?.stages).toEqual([
      null,
      null,
      'results',
    ]);
    expect((await call('r1a', 'GET', '/leaders/heatmap')).statusCode).toBe(403);
    expect((await call('admin', 'GET', '/leaders/follow-through')).statusCode).toBe(403);
    const bad = await call('leader', 'GET', '/leaders/compliance?from=2026-03-01');
    expect(bad.statusCode).toBe(400);
  });
});
