import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../src/db/test-db.js';
import { createWorld, signIn, type World } from './world.js';

/*
 * m1's reps in org A on 2026-03-15 (monthly cadence = 28 days, no series):
 * - r1a: last held 2026-02-10 → due 2026-03-10 → 5 days late;
 * - r1b: last held 2026-02-11 → due 2026-03-11 → 4 days late;
 * - both: never held → due, no due day.
 * February under review: r1a's and r1b's won deals closed in March, so each booked $0 of the
 * $1,000 February goal; nobody has an open deal, so the pipeline is unhealthy (every open
 * stage empty): activity review, for all three. `both` booked nothing either.
 */
describe(`the manager's prep queue (${testEngine})`, () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(async () => world.close());

  it("lists the manager's reps, late first, with the stage and its deciding reason", async () => {
    const { a } = world;
    const cookie = await signIn(world.app, a.emails.m1);
    const response = await world.app.inject({
      method: 'GET',
      url: '/api/v1/prep-queue',
      headers: { cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as Array<Record<string, unknown>>;
    expect(
      items.map((i) => [i.repName, i.state, i.daysOverdue, i.dueOn, i.lastHeldAt, i.stage]),
    ).toEqual([
      ['org-a r1a', 'overdue', 5, '2026-03-10', '2026-02-10T10:00:00.000Z', 'activity'],
      ['org-a r1b', 'overdue', 4, '2026-03-11', '2026-02-11T10:00:00.000Z', 'activity'],
      ['org-a both', 'due', 0, null, null, 'activity'],
    ]);
    // The deciding sentence is the agenda's own: the pipeline one when results are behind.
    const agenda = await world.app.inject({
      method: 'GET',
      url: `/api/v1/people/${a.people.r1a}/agenda`,
      headers: { cookie },
    });
    expect(items[0]?.reason).toBe(agenda.json().progression.reasons[1]);
    expect(items[0]?.reason).toMatch(/^Pipeline unhealthy: .* → activity review\.$/);
  });

  it('records no activity view for it, even under the activity gate', async () => {
    const { a } = world;
    await world.db.query(
      `update org set settings = settings || '{"activityGate": true}'::jsonb where id = $1`,
      [a.orgId],
    );
    const before = await world.db.query<{ n: number }>(
      `select count(*)::int as n from audit_event where org_id = $1 and action = 'activity.viewed'`,
      [a.orgId],
    );
    const cookie = await signIn(world.app, a.emails.m1);
    const response = await world.app.inject({
      method: 'GET',
      url: '/api/v1/prep-queue',
      headers: { cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(JSON.stringify(response.json())).not.toMatch(/"activity":\{/);
    const after = await world.db.query<{ n: number }>(
      `select count(*)::int as n from audit_event where org_id = $1 and action = 'activity.viewed'`,
      [a.orgId],
    );
    expect(after[0]?.n).toBe(before[0]?.n);
  });
});
