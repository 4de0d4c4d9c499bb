import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePeriodKey } from '../core/periods.js';
import type { Scorecard } from '../core/scorecard.js';
import type { Database } from '../db/database.js';
import { loadOrgContext } from '../db/facts/org-context.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import * as f from '../db/test-fixtures.js';
import { buildTeamScorecard } from './build-team-scorecard.js';

/*
 * October 2026, team East = Ann, Bo (since January) and Cal (joined October 1st); Dee is in
 * West. Goals and wins are chosen so the ranking can be checked by hand:
 *   October:   Ann 150/100 = 1.5, Bo 150/100 = 1.5, Cal 200/200 = 1.0, Dee 50/100 = 0.5
 *   September: Ann  50/100 = 0.5, Bo 100/100 = 1.0, Dee 120/100 = 1.2 (Cal not on a team)
 */
describe(`buildTeamScorecard (${testEngine})`, () => {
  let db: Database;
  let east: Scorecard;
  let org: Scorecard;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDb();
    const orgId = await f.insertOrg(db, { slug: 'scores' });
    const stage = await f.insertStages(db, orgId);
    for (const name of ['Ann', 'Bo', 'Cal', 'Dee'])
      ids[name] = await f.insertPerson(db, orgId, { name });
    const id = (name: string) => ids[name] ?? '';
    await f.insertTeam(db, orgId, {
      name: 'East',
      members: [
        { personId: id('Ann'), from: '2026-01-01' },
        { personId: id('Bo'), from: '2026-01-01' },
        { personId: id('Cal'), from: '2026-10-01' },
      ],
    });
    await f.insertTeam(db, orgId, {
      name: 'West',
      members: [{ personId: id('Dee'), from: '2026-01-01' }],
    });
    // Ann has a goal of 100.00 every month of the year so far: her YTD goal is 1,000.00.
    for (let m = 1; m <= 10; m++) {
      const month = `2026-${String(m).padStart(2, '0')}-01`;
      await f.insertGoal(db, orgId, { personId: id('Ann'), periodStart: month, target: 10_000 });
    }
    for (const [name, target] of [
      ['Bo', 10_000],
      ['Dee', 10_000],
    ] as const) {
      await f.insertGoal(db, orgId, { personId: id(name), periodStart: '2026-09-01', target });
      await f.insertGoal(db, orgId, { personId: id(name), periodStart: '2026-10-01', target });
    }
    await f.insertGoal(db, orgId, {
      personId: id('Cal'),
      periodStart: '2026-10-01',
      target: 20_000,
    });
    const win = (name: string, amount: number, closedAt: string) =>
      f.insertOpportunity(db, orgId, {
        ownerId: id(name),
        stageId: stage['Closed Won'] ?? '',
        status: 'won',
        amount,
        createdAt: '2026-08-01T00:00:00Z',
        closedAt,
      });
    await win('Ann', 15_000, '2026-10-10T12:00:00Z');
    await win('Bo', 15_000, '2026-10-11T12:00:00Z');
    await win('Cal', 20_000, '2026-10-12T12:00:00Z');
    await win('Dee', 5_000, '2026-10-13T12:00:00Z');
    await win('Ann', 5_000, '2026-09-10T12:00:00Z');
    await win('Bo', 10_000, '2026-09-11T12:00:00Z');
    await win('Dee', 12_000, '2026-09-12T12:00:00Z');

    const context = await loadOrgContext(db, orgId);
    const period = parsePeriodKey('2026-10', 1);
    if (!period) throw new Error('period');
    const teamRow = { id: '', name: 'East' };
    const [eastTeam] = await db.query<{ id: string }>("select id from team where name = 'East'");
    teamRow.id = eastTeam?.id ?? '';
    east = await buildTeamScorecard(db, {
      org: context,
      team: teamRow,
      period,
      today: '2026-11-15',
    });
    org = await buildTeamScorecard(db, { org: context, team: null, period, today: '2026-11-15' });
  });
  afterAll(async () => {
    await db.close();
  });

  it('ranks the team as it was in the period, ties sharing a rank', () => {
    expect(east.of).toBe(3);
    expect(east.rows.map((r) => [r.name, r.rank, r.attainment])).toEqual([
      ['Ann', 1, 1.5],
      ['Bo', 1, 1.5],
      ['Cal', 3, 1],
    ]);
  });

  it('shows the movement against the previous period, none for a newcomer', () => {
    // September: Bo 1.0 → 1st, Ann 0.5 → 2nd; Cal was on no team.
    const byName = Object.fromEntries(east.rows.map((r) => [r.name, [r.previousRank, r.movement]]));
    expect(byName).toEqual({ Ann: [2, 1], Bo: [1, 0], Cal: [null, null] });
  });

  it('adds year to date and the 12-month trend', () => {
    const ann = east.rows.find((r) => r.name === 'Ann');
    // January–October: won 50.00 + 150.00 = 200.00 against 10 × 100.00.
    expect(ann?.yearToDate).toEqual({ actual: 20_000, goal: 100_000, attainment: 0.2 });
    expect(ann?.trend).toHaveLength(12);
    expect(ann?.trend[0]?.periodKey).toBe('2025-11');
    expect(ann?.trend.at(-2)).toEqual({
      periodKey: '2026-09',
      label: 'September 2026',
      actual: 5_000,
      goal: 10_000,
      attainment: 0.5,
    });
  });

  it('ranks the whole organization across teams', () => {
    expect(org.of).toBe(4);
    expect(org.rows.map((r) => [r.name, r.rank])).toEqual([
      ['Ann', 1],
      ['Bo', 1],
      ['Cal', 3],
      ['Dee', 4],
    ]);
    // Thousands of reps: no trend by default, but year to date all the same.
    expect(org.rows[0]?.trend).toEqual([]);
    expect(org.rows.find((r) => r.name === 'Ann')?.yearToDate?.actual).toBe(20_000);
  });

  it('never carries anything private', () => {
    const keys = new Set(east.rows.flatMap((r) => Object.keys(r)));
    expect([...keys].sort()).toEqual([
      'actual',
      'attainment',
      'goal',
      'movement',
      'name',
      'personId',
      'previousRank',
      'rank',
      'trend',
      'yearToDate',
    ]);
  });
});

describe(`buildTeamScorecard's monthly bookings (${testEngine})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('adds imported results to won deals of the same month, in the org-local month', async () => {
    const orgId = await f.insertOrg(db, { slug: 'pacific', timeZone: 'America/Los_Angeles' });
    const stage = await f.insertStages(db, orgId);
    const eve = await f.insertPerson(db, orgId, { name: 'Eve' });
    await f.insertTeam(db, orgId, {
      name: 'North',
      members: [{ personId: eve, from: '2026-01-01' }],
    });
    const win = (amount: number, closedAt: string) =>
      f.insertOpportunity(db, orgId, {
        ownerId: eve,
        stageId: stage['Closed Won'] ?? '',
        status: 'won',
        amount,
        createdAt: '2026-08-01T00:00:00Z',
        closedAt,
      });
    await win(7_000, '2026-10-20T12:00:00Z');
    // 20:00 on September 30th in Los Angeles: September's, not October's.
    await win(1_000, '2026-10-01T03:00:00Z');
    await db.query(
      `insert into result_entry (org_id, person_id, day, amount) values ($1, $2, '2026-10-05', 3000)`,
      [orgId, eve],
    );
    const period = parsePeriodKey('2026-10', 1);
    if (!period) throw new Error('period');
    const card = await buildTeamScorecard(db, {
      org: await loadOrgContext(db, orgId),
      team: null,
      period,
      today: '2026-11-15',
      trendPeriods: 2,
    });
    // October: 70.00 won + 30.00 of results; September: the 10.00 closed on its last evening.
    expect(card.rows[0]?.actual).toBe(10_000);
    expect(card.rows[0]?.trend.map((t) => [t.periodKey, t.actual])).toEqual([
      ['2026-09', 1_000],
      ['2026-10', 10_000],
    ]);
  });
});
