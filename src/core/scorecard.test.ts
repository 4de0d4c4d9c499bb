import { describe, expect, it } from 'vitest';
import { periodContaining } from './periods.js';
import { buildScorecard, ScorecardSchema } from './scorecard.js';

const october = periodContaining({ day: '2026-10-01', kind: 'month', fiscalYearStartMonth: 1 });

describe('buildScorecard', () => {
  const scorecard = buildScorecard({
    team: { id: 't', name: 'West' },
    period: october,
    currency: 'USD',
    members: [
      {
        personId: 'b',
        name: 'Bo',
        current: { actual: 90, goal: 100 },
        previous: { actual: 120, goal: 100 },
        yearToDate: { actual: 900, goal: 1000 },
        trend: [{ periodKey: '2026-10', label: 'October 2026', actual: 90, goal: 100 }],
      },
      {
        personId: 'a',
        name: 'Al',
        current: { actual: 110, goal: 100 },
        previous: { actual: 80, goal: 100 },
        yearToDate: null,
        trend: [],
      },
      {
        personId: 'c',
        name: 'Cy',
        current: { actual: 50, goal: null },
        previous: null,
        yearToDate: null,
        trend: [],
      },
    ],
  });

  it('ranks by attainment with movement when members swap places', () => {
    // Now a 1.1 (1st), b 0.9 (2nd); before b 1.2 (1st), a 0.8 (2nd); c has no goal.
    expect(scorecard.rows.map((r) => [r.personId, r.rank, r.previousRank, r.movement])).toEqual([
      ['a', 1, 2, 1],
      ['b', 2, 1, -1],
      ['c', null, null, null],
    ]);
    expect(scorecard.of).toBe(2);
    expect(scorecard.rows[1]?.yearToDate).toEqual({ actual: 900, goal: 1000, attainment: 0.9 });
  });

  it('refuses any private field when someone tries to publish the stage', () => {
    expect(ScorecardSchema.parse(scorecard)).toEqual(scorecard);
    const leaked = { ...scorecard, rows: scorecard.rows.map((r) => ({ ...r, stage: 'activity' })) };
    expect(ScorecardSchema.safeParse(leaked).success).toBe(false);
  });
});
