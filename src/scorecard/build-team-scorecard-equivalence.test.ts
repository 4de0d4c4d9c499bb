import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, monthOf } from '../core/days.js';
import { type Period, periodContaining } from '../core/periods.js';
import type { Database } from '../db/database.js';
import { loadOrgContext } from '../db/facts/org-context.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import * as f from '../db/test-fixtures.js';
import { buildTeamScorecard } from './build-team-scorecard.js';
import { scorecardInParts } from './test-scorecard-in-parts.js';

/*
 * buildTeamScorecard reads its facts in one statement and computes with bookingsResults; on
 * random organizations it gives the same scorecard as the computation it replaced
 * (scorecardInParts, kept verbatim).
 */

// Days and months of 2025–2026.
const dayArb = fc.integer({ min: 0, max: 729 }).map((n) => addDays('2025-01-01', n));
// Months from the asked day's: the period, the previous one, the trend and the year to date.
// Mostly the asked month and the one before, where the ranking and the movement are read.
const monthArb = fc.oneof(fc.constantFrom(0, 0, -1, -1), fc.integer({ min: -14, max: 2 }));
const kindArb = fc.constantFrom<Period['kind']>('month', 'quarter', 'year');

const orgArb = fc.record({
  fy: fc.integer({ min: 1, max: 12 }),
  proration: fc.constantFrom('business-days', 'calendar-days'),
  // Few names, so ties in attainment are ordered by name and then id.
  people: fc.array(fc.constantFrom('Ann', 'Bo', 'Cal', 'Dee'), { minLength: 1, maxLength: 5 }),
  memberships: fc.array(
    fc.record({
      person: fc.nat(),
      team: fc.nat({ max: 1 }),
      // Days from the asked day: joins before, during and after the period, and leaves.
      from: fc.integer({ min: -400, max: 100 }),
      days: fc.option(fc.integer({ min: 1, max: 400 })),
    }),
    { minLength: 1, maxLength: 10 },
  ),
  months: fc.array(
    fc.record({
      person: fc.nat(),
      month: monthArb,
      won: fc.integer({ min: 0, max: 1e8 }),
      result: fc.integer({ min: 0, max: 1e6 }),
    }),
    { maxLength: 40, size: 'medium' },
  ),
  goals: fc.array(
    fc.record({
      person: fc.nat(),
      month: monthArb,
      kind: fc.constantFrom<Period['kind']>('month', 'month', 'month', 'quarter', 'year'),
      metric: fc.constantFrom('bookings', 'bookings', 'pipeline_value'),
      target: fc.integer({ min: 0, max: 1e8 }),
      status: fc.constantFrom('agreed', 'proposed', 'rejected'),
    }),
    { maxLength: 60, size: 'medium' },
  ),
  asked: fc.record({
    day: dayArb,
    kind: kindArb,
    team: fc.constantFrom<number | null>(null, 0, 1),
    today: dayArb,
    trend: fc.integer({ min: 0, max: 4 }),
  }),
});

describe(`buildTeamScorecard in one statement = the queries and per-member results before it (${testEngine})`, () => {
  let db: Database;

  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('gives the same scorecard when organizations, teams, months and goals are random', async () => {
    await fc.assert(
      fc.asyncProperty(orgArb, async (o) => {
        const orgId = await f.insertOrg(db, {
          fiscalYearStartMonth: o.fy,
          settings: { proration: o.proration },
        });
        const people: string[] = [];
        for (const name of o.people) people.push(await f.insertPerson(db, orgId, { name }));
        const person = (i: number) => people[i % people.length] ?? '';
        const teams: Array<{ id: string; name: string }> = [];
        for (const name of ['East', 'West']) {
          const members = o.memberships
            .filter((m) => m.team === teams.length)
            .map((m) => {
              const from = addDays(o.asked.day, m.from);
              return {
                personId: person(m.person),
                from,
                ...(m.days === null ? {} : { to: addDays(from, m.days) }),
              };
            });
          teams.push({ id: await f.insertTeam(db, orgId, { name, members }), name });
        }
        // rep_month and goal keep one row per key: the last drawn wins.
        const monthOn = (offset: number) => `${addMonths(monthOf(o.asked.day), offset)}-01`;
        const months = new Map(
          o.months.map((m) => [
            `${person(m.person)} ${m.month}`,
            { ...m, month: monthOn(m.month) },
          ]),
        );
        for (const m of months.values())
          await db.query(
            `insert into rep_month (org_id, person_id, month, won_amount, result_amount)
             values ($1, $2, $3, $4, $5)`,
            [orgId, person(m.person), m.month, m.won, m.result],
          );
        const goals = new Map(
          o.goals.map((g) => {
            const start = periodContaining({
              day: monthOn(g.month),
              kind: g.kind,
              fiscalYearStartMonth: o.fy,
            }).start;
            return [`${person(g.person)} ${g.metric} ${g.kind} ${start}`, { ...g, start }];
          }),
        );
        for (const g of goals.values())
          await db.query(
            `insert into goal (org_id, person_id, metric, activity_kind, period_kind, period_start, target, status)
             values ($1, $2, $3, '', $4, $5, $6, $7)`,
            [orgId, person(g.person), g.metric, g.kind, g.start, g.target, g.status],
          );

        const org = await loadOrgContext(db, orgId);
        const { asked } = o;
        const options = {
          org,
          team: asked.team === null ? null : (teams[asked.team] ?? null),
          period: periodContaining({
            day: asked.day,
            kind: asked.kind,
            fiscalYearStartMonth: o.fy,
          }),
          today: asked.today,
          trendPeriods: asked.trend,
        };
        const got = await buildTeamScorecard(db, options);
        expect(got).toEqual(await scorecardInParts(db, options));
        console.log(
          'ROWS',
          got.rows.length,
          got.rows.filter((r) => r.previousRank !== null).length,
          got.rows.filter((r) => r.goal !== null).length,
        );
      }),
      { numRuns: 60 },
    );
  }, 300_000);
});
