import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../src/db/test-db.js';
import { createWorld, signIn, type World } from './world.js';

describe(`data export over HTTP (${testEngine})`, () => {
  let world: World;

  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(async () => world.close());

  it("streams the caller's organization as NDJSON, one kind per line, nothing of another", async () => {
    const cookie = await signIn(world.app, world.a.emails.admin);
    const response = await world.app.inject({
      url: '/api/v1/export?format=ndjson',
      headers: { cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/x-ndjson');
    const lines = response.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; row: Record<string, unknown> });
    const people = lines.filter((l) => l.kind === 'people').map((l) => l.row.email);
    expect(people).toContain(world.a.emails.r1a);
    expect(people).toContain('both@rudder.test');
    expect(new Set(lines.map((l) => l.kind))).toEqual(
      new Set(['people', 'teams', 'team-memberships', 'stages', 'goals', 'opportunities']),
    );
    expect(response.body).not.toContain('org-b');
    expect(response.body).not.toContain(world.b.orgId);
    const [event] = await world.db.query<{ details: { what: string } }>(
      `select details from audit_event where org_id = $1 and action = 'export.created'`,
      [world.a.orgId],
    );
    expect(event?.details.what).toBe('organization');
  });

  it('gives the scorecard as CSV with a formula-like name neutralised', async () => {
    await world.db.query(`update person set name = $3 where org_id = $1 and id = $2`, [
      world.a.orgId,
      world.a.people.r1a,
      '=HYPERLINK("http://evil.test","win")',
    ]);
    const cookie = await signIn(world.app, world.a.emails.r1b);
    const response = await world.app.inject({
      url: `/api/v1/scorecard/export.csv?team=${world.a.teams.t1}&period=2026-03`,
      headers: { cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const [head, ...rows] = response.body.trim().split('\n');
    expect(head).toBe(
      'rank,name,actual,goal,attainment,previous_rank,movement,ytd_actual,ytd_goal,ytd_attainment,currency',
    );
    expect(response.body).toContain(`"'=HYPERLINK(""http://evil.test"",""win"")"`);
    expect(rows.find((row) => row.includes('HYPERLINK'))).toMatch(
      /^1,.*,1200\.00,1000\.00,1\.2000,/,
    );
  });

  it('answers 404 for a team the caller cannot reach', async () => {
    const cookie = await signIn(world.app, world.a.emails.m1);
    const response = await world.app.inject({
      url: `/api/v1/scorecard/export.csv?team=${world.a.teams.t2}`,
      headers: { cookie },
    });
    expect(response.statusCode).toBe(404);
  });
});
