import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agenda } from '../../src/core/agenda-schema.js';
import type { Scorecard } from '../../src/core/scorecard.js';
import { testEngine } from '../../src/db/test-db.js';
import type { GoalView } from '../../src/goals/goal-view.js';
import type { GoalEvent } from '../../src/server/schemas/goal-workflow.js';
import { createWorld, type PersonKey, signIn, type World } from './world.js';

type Rep = 'r1a' | 'r1b' | 'r2a' | 'r2b' | 'mover';
type Manager = 'm1' | 'm2';
type Who = Rep | Manager | 'admin';

/**
 * A change to an agreed goal is a proposal beside it: the agreed target stays in force for
 * results, scorecards and rankings until the other side accepts the change.
 *
 * The world (see world.ts), March 2026: every rep has an agreed monthly bookings goal of
 * 100,000; won so far r1a 120,000, r1b 80,000, r2a 50,000, mover 70,000, the rest 0. Team 1
 * is r1a, r1b, both (manager m1); team 2 is r2a, r2b, mover (manager m2).
 */
describe(`a change to an agreed goal (${testEngine})`, () => {
  let world: World;
  const cookies = new Map<Who, string>();
  beforeAll(async () => {
    world = await createWorld();
    for (const who of ['r1a', 'r1b', 'r2a', 'r2b', 'mover', 'm1', 'm2', 'admin'] as const) {
      cookies.set(who, await signIn(world.app, world.a.emails[who]));
    }
  });
  afterAll(async () => world.close());

  const call = (who: Who, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    world.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: cookies.get(who) ?? '' },
      ...(payload ? { payload } : {}),
    });
  const id = (key: PersonKey) => world.a.people[key];
  const teamOf = (rep: Rep) =>
    rep === 'r1a' || rep === 'r1b' ? world.a.teams.t1 : world.a.teams.t2;
  const managerOf = (rep: Rep): Manager => (rep === 'r1a' || rep === 'r1b' ? 'm1' : 'm2');

  /** The rep's row of their team's scorecard, as their manager sees it. */
  async function scorecardRow(rep: Rep, period: string) {
    const response = await call(
      managerOf(rep),
      'GET',
      `/scorecard?team=${teamOf(rep)}&period=${period}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const row = response.json<Scorecard>().rows.find((r) => r.personId === id(rep));
    return { goal: row?.goal, attainment: row?.attainment, rank: row?.rank };
  }

  async function goalOf(rep: Rep, goalId: string) {
    const page = await call(rep, 'GET', `/goals?person=${id(rep)}`);
    return page.json<{ items: GoalView[] }>().items.find((g) => g.id === goalId);
  }

  /** A quarter or year goal the manager proposes and the rep accepts. */
  async function agreedGoal(rep: Rep, periodKind: 'quarter' | 'year', target: number) {
    world.clock.set('2026-03-15T12:00:00.000Z');
    const proposed = await call(managerOf(rep), 'POST', '/goals', {
      personId: id(rep),
      metric: 'bookings',
      periodKind,
      periodStart: '2026-01-01',
      target,
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const goalId = proposed.json<GoalView>().id;
    world.clock.advance(60_000);
    const accepted = await call(rep, 'POST', `/goals/${goalId}/accept`, { target });
    expect(accepted.json()).toMatchObject({ status: 'agreed', target });
    return goalId;
  }

  interface Case {
    rep: Rep;
    proposer: 'rep' | 'manager';
    periodKind: 'month' | 'quarter' | 'year';
    period: string;
    agreed: number;
    changeTo: number;
    /** The rep's bookings in the period (so far). */
    actual: number;
  }

  /**
   * Proposes the change, checks the agreed target is still in force; the proposer cannot
   * accept it; the other side rejects it (still agreed, same target); the change proposed
   * again and accepted by the other side comes into force. Returns the goal and the history.
   */
  async function walk(c: Case, goalId: string) {
    const proposer: Who = c.proposer === 'rep' ? c.rep : managerOf(c.rep);
    const other: Who = c.proposer === 'rep' ? managerOf(c.rep) : c.rep;
    const before = await scorecardRow(c.rep, c.period);
    expect(before).toMatchObject({ goal: c.agreed, attainment: c.actual / c.agreed });

    world.clock.set('2026-03-15T13:00:00.000Z');
    const proposed = await call(proposer, 'PATCH', `/goals/${goalId}`, { target: c.changeTo });
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json()).toMatchObject({
      status: 'agreed',
      target: c.agreed,
      pendingChange: {
        target: c.changeTo,
        proposedBy: id(proposer),
        proposedAt: '2026-03-15T13:00:00.000Z',
      },
    });
    // While the change waits, results and rankings hold the rep to the agreed target.
    expect(await scorecardRow(c.rep, c.period)).toEqual(before);

    const own = await call(proposer, 'POST', `/goals/${goalId}/accept`, { target: c.changeTo });
    expect(own.statusCode).toBe(409);
    expect(own.json()).toMatchObject({ code: 'CONFLICT' });
    expect(await scorecardRow(c.rep, c.period)).toEqual(before);

    world.clock.set('2026-03-15T14:00:00.000Z');
    const rejected = await call(other, 'POST', `/goals/${goalId}/reject`);
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({
      status: 'agreed',
      target: c.agreed,
      pendingChange: null,
    });
    expect(await goalOf(c.rep, goalId)).toMatchObject({
      status: 'agreed',
      target: c.agreed,
      pendingChange: null,
    });
    expect(await scorecardRow(c.rep, c.period)).toEqual(before);

    world.clock.set('2026-03-15T15:00:00.000Z');
    await call(proposer, 'PATCH', `/goals/${goalId}`, { target: c.changeTo });
    world.clock.set('2026-03-15T16:00:00.000Z');
    const accepted = await call(other, 'POST', `/goals/${goalId}/accept`, { target: c.changeTo });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'agreed',
      target: c.changeTo,
      proposedBy: id(proposer),
      agreedBy: id(other),
      agreedAt: '2026-03-15T16:00:00.000Z',
      pendingChange: null,
    });
    expect(await scorecardRow(c.rep, c.period)).toMatchObject({
      goal: c.changeTo,
      attainment: c.actual / c.changeTo,
    });

    const events = await call(c.rep, 'GET', `/goals/${goalId}/events`);
    const steps = events
      .json<{ items: GoalEvent[] }>()
      .items.map((e) => [e.action, e.target, e.actorId, e.at]);
    // Each change step, by whom and when, after the steps that made the goal agreed.
    expect(steps.slice(-4)).toEqual([
      ['change_proposed', c.changeTo, id(proposer), '2026-03-15T13:00:00.000Z'],
      ['change_rejected', c.changeTo, id(other), '2026-03-15T14:00:00.000Z'],
      ['change_proposed', c.changeTo, id(proposer), '2026-03-15T15:00:00.000Z'],
      ['change_accepted', c.changeTo, id(other), '2026-03-15T16:00:00.000Z'],
    ]);
    return steps;
  }

  /** The world's agreed March goal of a rep (imported: no proposer). */
  async function marchGoal(rep: Rep) {
    const page = await call(rep, 'GET', `/goals?person=${id(rep)}&from=2026-03-01&to=2026-04-01`);
    const [goal] = page.json<{ items: GoalView[] }>().items;
    expect(goal).toMatchObject({ status: 'agreed', target: 100_000, periodKind: 'month' });
    return goal?.id ?? '';
  }

  it('keeps a monthly goal the rep cuts to 1 in force, in the agenda and both rankings, until the manager accepts', async () => {
    const goalId = await marchGoal('r1b');
    const agenda = async () => {
      const response = await call('m1', 'GET', `/people/${id('r1b')}/agenda?asOf=2026-04-01`);
      const { results } = response.json<Agenda>();
      return [results.review.period.key, results.review.goal, results.ranking.rank];
    };
    const orgRank = async () => {
      const response = await call('admin', 'GET', '/scorecard/organization?period=2026-03');
      return response.json<Scorecard>().rows.find((r) => r.personId === id('r1b'))?.rank;
    };
    // Team 1 in March: r1a 120% 1st, r1b 80% 2nd; across the organization r1b is 2nd too.
    expect(await agenda()).toEqual([
      '2026-03',
      { target: 100_000, status: 'agreed', derived: false },
      2,
    ]);
    expect(await orgRank()).toBe(2);

    world.clock.set('2026-03-15T12:30:00.000Z');
    await call('r1b', 'PATCH', `/goals/${goalId}`, { target: 1 });
    expect(await agenda()).toEqual([
      '2026-03',
      { target: 100_000, status: 'agreed', derived: false },
      2,
    ]);
    expect(await orgRank()).toBe(2);
    // The manager's answer decides; the rep's own word does not.
    await call('m1', 'POST', `/goals/${goalId}/reject`);

    const steps = await walk(
      {
        rep: 'r1b',
        proposer: 'rep',
        periodKind: 'month',
        period: '2026-03',
        agreed: 100_000,
        changeTo: 90_000,
        actual: 80_000,
      },
      goalId,
    );
    expect(steps.map((s) => s[0])).toEqual([
      'change_proposed',
      'change_rejected',
      'change_proposed',
      'change_rejected',
      'change_proposed',
      'change_accepted',
    ]);
  });

  it('keeps a monthly goal the manager raises at the agreed target until the rep accepts', async () => {
    await walk(
      {
        rep: 'r2a',
        proposer: 'manager',
        periodKind: 'month',
        period: '2026-03',
        agreed: 100_000,
        changeTo: 1_000_000,
        actual: 50_000,
      },
      await marchGoal('r2a'),
    );
  });

  it('keeps a quarterly goal the rep lowers at the agreed target until the manager accepts', async () => {
    const goalId = await agreedGoal('r1a', 'quarter', 400_000);
    const steps = await walk(
      {
        rep: 'r1a',
        proposer: 'rep',
        periodKind: 'quarter',
        period: '2026-Q1',
        agreed: 400_000,
        changeTo: 1,
        actual: 120_000,
      },
      goalId,
    );
    expect(steps.map((s) => s[0])).toEqual([
      'proposed',
      'accepted',
      'change_proposed',
      'change_rejected',
      'change_proposed',
      'change_accepted',
    ]);
  });

  it('keeps a quarterly goal the manager raises at the agreed target until the rep accepts', async () => {
    const goalId = await agreedGoal('r2b', 'quarter', 300_000);
    await walk(
      {
        rep: 'r2b',
        proposer: 'manager',
        periodKind: 'quarter',
        period: '2026-Q1',
        agreed: 300_000,
        changeTo: 450_000,
        actual: 0,
      },
      goalId,
    );
  });

  it('keeps a yearly goal the rep lowers at the agreed target until the manager accepts', async () => {
    const goalId = await agreedGoal('mover', 'year', 1_200_000);
    await walk(
      {
        rep: 'mover',
        proposer: 'rep',
        periodKind: 'year',
        period: '2026',
        agreed: 1_200_000,
        changeTo: 1,
        actual: 70_000,
      },
      goalId,
    );
  });

  it('keeps a yearly goal the manager raises at the agreed target until the rep accepts', async () => {
    const goalId = await agreedGoal('r1a', 'year', 1_000_000);
    await walk(
      {
        rep: 'r1a',
        proposer: 'manager',
        periodKind: 'year',
        period: '2026',
        agreed: 1_000_000,
        changeTo: 2_000_000,
        actual: 120_000,
      },
      goalId,
    );
  });
});
