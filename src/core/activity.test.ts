import { describe, expect, it } from 'vitest';
import { repActivity, teamActivityMedian } from './activity.js';
import { defaultSettings } from './settings.js';
import { goalFact, repFacts, teamFacts, teamMember } from './test-factories.js';

const team = teamFacts({
  current: ['rep-1', 'a', 'b', 'c'].map((personId) => teamMember({ personId })),
  activitySinceByMember: [
    { personId: 'rep-1', kind: 'call', count: 4 },
    { personId: 'a', kind: 'call', count: 10 },
    { personId: 'b', kind: 'email', count: 3 },
  ],
});

describe('teamActivityMedian', () => {
  it('counts members with none of a kind as 0 when taking the median', () => {
    // Calls: rep-1 4, a 10, b 0, c 0 → 0, 0, 4, 10 → (0 + 4) ÷ 2 = 2. Emails: 0, 0, 0, 3 → 0.
    expect(teamActivityMedian({ team, kind: 'call' })).toBe(2);
    expect(teamActivityMedian({ team, kind: 'email' })).toBe(0);
    expect(teamActivityMedian({ team: null, kind: 'call' })).toBeNull();
  });
});

describe('repActivity', () => {
  it('compares each kind with its monthly goal and prorates the month in progress', () => {
    const facts = repFacts({
      team,
      goals: [
        goalFact({
          metric: 'activity',
          activityKind: 'call',
          periodStart: '2026-10-01',
          target: 40,
        }),
        goalFact({
          metric: 'activity',
          activityKind: 'call',
          periodStart: '2026-11-01',
          target: 40,
        }),
      ],
      activitySince: [{ kind: 'call', count: 4 }],
      activityByMonth: [
        { month: '2026-10', kind: 'call', count: 30 },
        { month: '2026-11', kind: 'call', count: 6 },
      ],
    });
    const activity = repActivity({ facts, timeZone: 'UTC', settings: defaultSettings });
    const call = activity.kinds.find((k) => k.kind === 'call');
    // October 30 ÷ 40 = 0.75. November: 40 × 2/21 = 80/21 prorated; pace 6 ÷ 80/21 = 1.575.
    expect(call?.since).toBe(4);
    expect(call?.teamMedian).toBe(2);
    expect(call?.review).toEqual({ count: 30, goal: 40, goalStatus: 'agreed', attainment: 0.75 });
    expect(call?.current.proratedGoal).toBeCloseTo(80 / 21, 10);
    expect(call?.current.pace).toBeCloseTo(1.575, 10);
    expect(activity.kinds.map((k) => k.kind)).toEqual(['call', 'email']);
  });
});
