import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../src/db/test-db.js';
import { createWorld, signIn, type World } from './world.js';

describe(`GET /api/v1/setup-checklist (${testEngine})`, () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(async () => world.close());

  const count = async (sql: string) => {
    const [row] = await world.db.query<{ n: number }>(sql, [world.a.orgId]);
    return Number(row?.n);
  };

  it("answers the admin with the organization's own counts", async () => {
    const cookie = await signIn(world.app, world.a.emails.admin);
    const response = await world.app.inject({
      url: '/api/v1/setup-checklist',
      headers: { cookie },
    });
    expect(response.statusCode).toBe(200);
    const steps = new Map(
      (response.json().steps as { step: string; count: number; total: number | null }[]).map(
        (s) => [s.step, s],
      ),
    );
    expect([...steps.keys()]).toEqual([
      'people',
      'goals',
      'opportunities',
      'activities',
      'stages',
      'invitations',
    ]);
    // Counted independently, in the other organization's presence.
    expect(steps.get('goals')?.count).toBe(
      await count('select count(*)::int8 as n from goal where org_id = $1'),
    );
    expect(steps.get('opportunities')?.count).toBe(
      await count('select count(*)::int8 as n from opportunity where org_id = $1'),
    );
    // Every manager and leader of the world has a password: all signed up.
    expect(steps.get('invitations')).toMatchObject({ count: 3, total: 3 });
  });

  it('refuses a manager: the first steps are the admin’s', async () => {
    const cookie = await signIn(world.app, world.a.emails.m1);
    const response = await world.app.inject({
      url: '/api/v1/setup-checklist',
      headers: { cookie },
    });
    expect(response.statusCode).toBe(403);
  });
});
