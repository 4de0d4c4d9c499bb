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
