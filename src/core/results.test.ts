import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attainmentOf } from './attainment.js';
import { periodContaining } from './periods.js';
import { periodResult, repResults } from './results.js';
import { goalFact, monthFact, monthlyGoals, repFacts } from './test-factories.js';

const facts = repFacts({
  months: [
    monthFact({ month: '2026-10', bookings: 7_200_000, createdCount: 4, createdValue: 3_000_000 }),
    monthFact({ month: '2026-11', bookings: 1_000_000 }),
  ],
});
const options = {
  months: facts.months,
  goals: facts.goals,
  team: null,
  personId: 'rep-1',
  asOf: '2026-11-03',
  kind: 'month' as const,
  fiscalYearStartMonth: 1,
  proration: 'business-days' as const,
};

describe('repResults', () => {
  it('reviews the last complete month when the agenda day is early in the next one', () => {
    const results = repResults(options);
    // October: 72,000.00 of 100,000.00 = 0.72, complete, so no pace.
    expect(results.review).toMatchObject({
      period: { key: '2026-10' },
      actual: 7_200_000,
      goal: { target: 10_000_000, status: 'agreed', derived: false },
      goalStatus: 'agreed',
      attainment: 0.72,
      inProgress: false,
      elapsed: 1,
      proratedGoal: null,
      pace: null,
    });
  });

  it('prorates the goal and shows pace when the month is in progress', () => {
    const { current } = repResults(options);
    // 2 of 21 business days: prorated 10,000,000 × 2/21 = 952,380.95… → 952,381 whole cents;
    // pace 1,000,000 ÷ 952,381 ≈ 1.05.
    expect(current.inProgress).toBe(true);
    expect(current.elapsed).toBe(2 / 21);
    expect(current.proratedGoal).toBe(952_381);
    expect(current.pace).toBe(1_000_000 / 952_381);
    expect(current.attainment).toBe(0.1);
  });

  it('sums monthly goals of the elapsed months for the year to date when the current month is prorated', () => {
    const { yearToDate } = repResults(options);
    // Jan–Oct: 10 × 10,000,000 + Nov 10,000,000 × 2/21 = 100,952,380.95… → 100,952,381 whole
    // cents; actual 8,200,000.
    expect(yearToDate.period.key).toBe('FY2026');
    expect(yearToDate.actual).toBe(8_200_000);
    expect(yearToDate.goal).toBe(100_952_381);
    expect(yearToDate.attainment).toBe(8_200_000 / 100_952_381);
    expect(yearToDate.goalStatus).toBe('agreed');
  });

  it('falls back to the prorated fiscal-year goal when a month of the year has no goal', () => {
    // Fiscal year goal 120,000,000 over calendar 2026; as of Nov 3 (business days):
    // 2026 (starts Thu) = 52 weeks + Thu Dec 31 = 261 business days; Jan 1 → Nov 3 = 307 days
    // = 43 weeks (215) + Thu, Fri, Sat, Sun, Mon, Tue (4) = 219 → 120,000,000 × 219/261
    // = 100,689,655.17… → 100,689,655 whole cents.
    const goals = [
      goalFact({
        periodKind: 'year',
        periodStart: '2026-01-01',
        target: 120_000_000,
        status: 'proposed',
      }),
    ];
    const { yearToDate } = repResults({ ...options, goals });
    expect(yearToDate.goal).toBe(100_689_655);
    expect(yearToDate.goalStatus).toBe('proposed');
  });

  it('shows a goal that is not agreed as such when the October goal is only proposed', () => {
    const goals = [goalFact({ periodStart: '2026-10-01', status: 'proposed' })];
    const { review } = repResults({ ...options, goals });
    expect(review.goalStatus).toBe('proposed');
    expect(review.attainment).toBe(0.72);
  });

  it('gives a trend of 12 months ending with the review month when goals start mid-way', () => {
    const { trend } = repResults(options);
    expect(trend).toHaveLength(12);
    expect(trend[0]).toEqual({
      periodKey: '2025-11',
      label: 'November 2025',
      actual: 0,
      goal: null,
      attainment: null,
    });
    expect(trend[11]).toEqual({
      periodKey: '2026-10',
      label: 'October 2026',
      actual: 7_200_000,
      goal: 10_000_000,
      attainment: 0.72,
    });
  });

  it('reports created pipeline value and count when there is no pipeline goal', () => {
    const { created } = repResults(options);
    expect(created.review.count).toMatchObject({
      actual: 4,
      goalStatus: 'missing',
      attainment: null,
    });
    expect(created.review.value.actual).toBe(3_000_000);
  });
});

describe('periodResult', () => {
  const quarter = periodContaining({ day: '2026-10-01', kind: 'quarter', fiscalYearStartMonth: 1 });

  it('derives a quarter goal from its monthly goals when every month has one', () => {
    const result = periodResult({
      months: facts.months,
      goals: facts.goals,
      period: quarter,
      asOf: '2027-01-05',
      proration: 'business-days',
    });
    // Oct + Nov + Dec = 3 × 10,000,000; actual 7,200,000 + 1,000,000.
    expect(result.goal).toEqual({ target: 30_000_000, status: 'agreed', derived: true });
    expect(result.attainment).toBe(8_200_000 / 30_000_000);
  });

  it('has no quarter goal when one month of it has none', () => {
    const goals = monthlyGoals({ from: '2026-10', to: '2026-11' });
    const result = periodResult({
      months: facts.months,
      goals,
      period: quarter,
      asOf: '2027-01-05',
      proration: 'business-days',
    });
    expect(result.goal).toBeNull();
    expect(result.goalStatus).toBe('missing');
  });

  it('has no attainment when the goal is 0', () => {
    const goals = [goalFact({ target: 0 })];
    const october = periodContaining({ day: '2026-10-01', kind: 'month', fiscalYearStartMonth: 1 });
    expect(
      periodResult({
        months: facts.months,
        goals,
        period: october,
        asOf: '2026-11-03',
        proration: 'business-days',
      }).attainment,
    ).toBeNull();
  });
});

describe('attainmentOf', () => {
  it('never decreases when the actual grows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 1e9 }),
        (a, b, goal) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(attainmentOf(high, goal) ?? 0).toBeGreaterThanOrEqual(
            attainmentOf(low, goal) ?? 0,
          );
        },
      ),
    );
  });
});
