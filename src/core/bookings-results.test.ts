import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookingsResults } from './bookings-results.js';
import { addDays, makeDay } from './days.js';
import type { GoalFact, MonthFact } from './facts.js';
import { nextPeriod, type Period, periodContaining, previousPeriod } from './periods.js';
import { periodResult, yearToDate } from './results.js';
import type { Proration } from './settings.js';

// Months of 2025–2026 and goals of any kind starting on a period's first day, so that direct,
// derived (quarter and year from months) and missing goals all occur.
const monthKey = fc
  .tuple(fc.integer({ min: 2025, max: 2026 }), fc.integer({ min: 1, max: 12 }))
  .map(([y, m]) => makeDay(y, m).slice(0, 7));
const monthFactArb: fc.Arbitrary<MonthFact> = fc.record({
  month: monthKey,
  bookings: fc.integer({ min: 0, max: 1e9 }),
  createdValue: fc.integer({ min: 0, max: 1e9 }),
  createdCount: fc.integer({ min: 0, max: 100 }),
});
const fyArb = fc.integer({ min: 1, max: 12 });
const goalArb = (fy: number): fc.Arbitrary<GoalFact> =>
  fc
    .record({
      month: monthKey,
      kind: fc.constantFrom<Period['kind']>('month', 'month', 'quarter', 'year'),
      metric: fc.constantFrom<GoalFact['metric']>('bookings', 'bookings', 'pipeline_value'),
      target: fc.integer({ min: 0, max: 1e9 }),
      status: fc.constantFrom<GoalFact['status']>('agreed', 'proposed', 'rejected'),
    })
    .map((g) => ({
      metric: g.metric,
      activityKind: null,
      periodKind: g.kind,
      periodStart: periodContaining({
        day: `${g.month}-01`,
        kind: g.kind,
        fiscalYearStartMonth: fy,
      }).start,
      target: g.target,
      status: g.status,
    }));

describe('bookingsResults', () => {
  it('equals periodResult and yearToDate for every period and person when facts are random', () => {
    fc.assert(
      fc.property(
        fyArb.chain((fy) =>
          fc.record({
            fy: fc.constant(fy),
            day: fc.integer({ min: 0, max: 700 }).map((n) => addDays('2025-01-01', n)),
            kind: fc.constantFrom<Period['kind']>('month', 'quarter', 'year'),
            proration: fc.constantFrom<Proration>('business-days', 'calendar-days'),
            asOfShift: fc.integer({ min: -40, max: 400 }),
            people: fc.array(
              fc.record({
                months: fc.array(monthFactArb, { maxLength: 12 }),
                goals: fc.array(goalArb(fy), { maxLength: 20 }),
              }),
              { maxLength: 4 },
            ),
          }),
        ),
        ({ fy, day, kind, proration, asOfShift, people }) => {
          const period = periodContaining({ day, kind, fiscalYearStartMonth: fy });
          const periods = [period, previousPeriod(period, fy)];
          const asOf = addDays(day, asOfShift);
          const results = bookingsResults({ periods, asOf, fiscalYearStartMonth: fy, proration });
          for (const facts of people) {
            const ytd = yearToDate({ ...facts, asOf, fiscalYearStartMonth: fy, proration });
            const got = results(facts);
            // The next period is not planned: computed on the fly, the same figures.
            for (const p of [...periods, nextPeriod(period, fy)]) {
              const r = periodResult({ ...facts, period: p, asOf, proration });
              expect(got.of(p)).toEqual({ actual: r.actual, goal: r.goal?.target ?? null });
            }
            expect(got.yearToDate).toEqual({ actual: ytd.actual, goal: ytd.goal });
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('sums the months of a quarter and prorates the month in progress when asOf is inside it', () => {
    // Q2 2026 (fiscal year from January): April 100 + May 50 + June 0 = 150. Year to date
    // through 2026-05-15 (calendar days): Jan–Apr goals 10 each whole, May's 31 prorated to
    // 15 of 31 days = 15; so 55. Checked by hand.
    const months = [
      { month: '2026-04', bookings: 100, createdValue: 0, createdCount: 0 },
      { month: '2026-05', bookings: 50, createdValue: 0, createdCount: 0 },
    ];
    const goal = (periodStart: string, target: number): GoalFact => ({
      metric: 'bookings',
      activityKind: null,
      periodKind: 'month',
      periodStart,
      target,
      status: 'agreed',
    });
    const goals = [
      ...['01', '02', '03', '04'].map((m) => goal(`2026-${m}-01`, 10)),
      goal('2026-05-01', 31),
    ];
    const quarter = periodContaining({
      day: '2026-05-15',
      kind: 'quarter',
      fiscalYearStartMonth: 1,
    });
    const results = bookingsResults({
      periods: [quarter],
      asOf: '2026-05-15',
      fiscalYearStartMonth: 1,
      proration: 'calendar-days',
    })({ months, goals });
    expect(results.of(quarter)).toEqual({ actual: 150, goal: null });
    expect(results.yearToDate).toEqual({ actual: 150, goal: 55 });
  });
});
