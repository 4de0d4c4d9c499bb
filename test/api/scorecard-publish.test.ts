import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../src/db/test-db.js';
import { createWorld, signIn, type World } from './world.js';

describe(`publishing a scorecard by e-mail (${testEngine})`, () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(async () => world.close());

  it('e-mails the team and its manager the results and ranks, nothing private', async () => {
    const e = world.a.emails;
    const manager = await signIn(world.app, e.m1);
    const response = await world.app.inject({
      method: 'POST',
      url: '/api/v1/scorecard/publish',
      headers: { cookie: manager },
      payload: { team: world.a.teams.t1, period: '2026-02', email: true },
    });
    expect(response.statusCode).toBe(200);
    // Team 1 today: r1a, r1b and `both` (the mover left in January), plus its manager m1.
    expect(response.json()).toMatchObject({ periodKey: '2026-02', emailedTo: 4 });
    const mails = await world.db.query<{
      to: string[];
      subject: string;
      text: string;
      html: string;
    }>(
      `select "to", subject, text, html from outbox_message where org_id = $1 and subject like '%scorecard%'`,
      [world.a.orgId],
    );
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect([...(mail?.to ?? [])].sort()).toEqual([e.both, e.m1, e.r1a, e.r1b].sort());
    expect(mail?.subject).toBe('Team 1 scorecard — February 2026');
    expect(mail?.text).toContain('a r1a');
    expect(mail?.html).toContain('<table');
    // Public ranking, not public shaming: no notes, no stage, no pipeline words.
    for (const word of ['note', 'pipeline', 'activity', 'stage']) {
      expect(mail?.text.toLowerCase()).not.toContain(word);
    }
  });

  it('e-mails the agreed goal and rank while a change to the goal waits for an answer', async () => {
    const b = world.b;
    const rep = await signIn(world.app, b.emails.r1b);
    const goals = await world.app.inject({
      url: `/api/v1/goals?person=${b.people.r1b}&from=2026-03-01&to=2026-04-01`,
      headers: { cookie: rep },
    });
    const goalId = goals.json<{ items: Array<{ id: string }> }>().items[0]?.id ?? '';
    // The rep proposes to cut the agreed 100,000 to 1; the manager has not answered.
    const change = await world.app.inject({
      method: 'PATCH',
      url: `/api/v1/goals/${goalId}`,
      headers: { cookie: rep },
      payload: { target: 1 },
    });
    expect(change.statusCode, change.body).toBe(200);
    const response = await world.app.inject({
      method: 'POST',
      url: '/api/v1/scorecard/publish',
      headers: { cookie: await signIn(world.app, b.emails.m1) },
      payload: { team: b.teams.t1, period: '2026-03', email: true },
    });
    expect(response.json()).toMatchObject({ periodKey: '2026-03', emailedTo: 4 });
    const [mail] = await world.db.query<{ text: string }>(
      `select text from outbox_message where org_id = $1 and subject like '%scorecard%'`,
      [b.orgId],
    );
    // March: r1a won 120,000 and r1b 80,000 of the agreed 100,000 each (amounts in cents).
    const lines = mail?.text.split('\n') ?? [];
    expect(lines.find((line) => line.includes('org-b r1b'))).toMatch(
      /^2nd {3}org-b r1b — \$800 of \$1,000 \(80%\)/,
    );
    expect(lines.find((line) => line.includes('org-b r1a'))).toMatch(
      /^1st {3}org-b r1a — \$1,200 of \$1,000 \(120%\)/,
    );
  });

  it('publishes without e-mail unless asked', async () => {
    const manager = await signIn(world.app, world.a.emails.m2);
    const response = await world.app.inject({
      method: 'POST',
      url: '/api/v1/scorecard/publish',
      headers: { cookie: manager },
      payload: { team: world.a.teams.t2, period: '2026-02' },
    });
    expect(response.json()).toMatchObject({ emailedTo: 0 });
  });
});
