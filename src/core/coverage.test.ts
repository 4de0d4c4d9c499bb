import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CoverageOptions, computeCoverage } from './coverage.js';
import { defaultSettings } from './settings.js';
import {
  defaultStages,
  goalFact,
  monthFact,
  monthlyGoals,
  opportunityFact,
} from './test-factories.js';

const base: CoverageOptions = {
  opportunities: [],
  stages: defaultStages,
  goals: monthlyGoals({ from: '2026-01', to: '2027-03' }),
  months: [monthFact({ month: '2026-11', bookings: 3_000_000 })],
  closed: { wonCount: 0, lostCount: 0, wonValue: 0, wonCycleDays: 0 },
  asOf: '2026-11-03',
  fiscalYearStartMonth: 1,
  settings: defaultSettings,
};

describe('computeCoverage', () => {
  it('divides open pipeline in the horizon by the goal still to close when deals span the horizon', () => {
    const coverage = computeCoverage({
      ...base,
      opportunities: [
        opportunityFact({
          id: 'a',
          amount: 30_000_000,
          closeDate: '2026-11-03',
          stageId: 'negotiate',
        }), // 80%
        opportunityFact({
          id: 'b',
          amount: 20_000_000,
          closeDate: '2027-01-31',
          stageId: 'qualify',
        }), // 10%
        opportunityFact({ id: 'c', amount: 50_000_000, closeDate: '2027-02-01' }), // after the horizon
        opportunityFact({ id: 'd', amount: 40_000_000, closeDate: '2026-11-02' }), // past due
        opportunityFact({ id: 'e', amount: 40_000_000, closeDate: null }), // no close date
        opportunityFact({ id: 'f', amount: 40_000_000, closeDate: '2026-12-01', stageId: 'won' }), // closed
      ],
    });
    // Horizon Nov, Dec, Jan: goal 30,000,000 − 3,000,000 closed in Nov = 27,000,000 remaining.
    // Open in horizon: a + b = 50,000,000 → 50/27 raw; weighted 24,000,000 + 2,000,000 = 26,000,000.
    expect(coverage.horizon).toEqual({
      start: '2026-11-03',
      end: '2027-02-01',
      months: ['2026-11', '2026-12', '2027-01'],
    });
    expect(coverage).toMatchObject({
      status: 'measured',
      goal: 30_000_000,
      closedInHorizon: 3_000_000,
      remainingGoal: 27_000_000,
    });
    expect(coverage.open).toEqual({ count: 2, value: 50_000_000, weightedValue: 26_000_000 });
    expect(coverage.raw).toBe(50 / 27);
    expect(coverage.weighted).toBe(26 / 27);
    expect(coverage.target).toBe(3);
  });

  it('is 0 when there is no pipeline at all', () => {
    expect(computeCoverage(base).raw).toBe(0);
  });

  it('reports the goal as met with no ratio when the horizon goal is already closed', () => {
    const coverage = computeCoverage({
      ...base,
      months: [monthFact({ month: '2026-11', bookings: 30_000_000 })],
    });
    // 30,000,000 − 30,000,000 = 0 remaining.
    expect(coverage).toMatchObject({
      status: 'goal-met',
      remainingGoal: 0,
      raw: null,
      weighted: null,
    });
  });

  it('cannot measure coverage when a horizon month has no goal', () => {
    const coverage = computeCoverage({
      ...base,
      goals: monthlyGoals({ from: '2026-11', to: '2026-12' }),
    });
    expect(coverage).toMatchObject({ status: 'no-goal', goal: null, raw: null });
  });

  it('spreads a quarter goal evenly over its months when there is no monthly goal', () => {
    // Q4 2026 goal 30,000,000 → Nov, Dec 10,000,000 each; Q1 2027 60,000,000 → Jan 20,000,000.
    const goals = [
      goalFact({ periodKind: 'quarter', periodStart: '2026-10-01', target: 30_000_000 }),
      goalFact({
        periodKind: 'quarter',
        periodStart: '2027-01-01',
        target: 60_000_000,
        status: 'proposed',
      }),
    ];
    expect(computeCoverage({ ...base, goals }).goal).toBe(40_000_000);
  });

  it('targets 1 ÷ win rate in win-rate mode and falls back to the fixed target when nothing was won', () => {
    const settings = { ...defaultSettings, coverageMode: 'win-rate' as const };
    // 5 won, 15 lost → win rate 25% → 4×.
    const closed = { wonCount: 5, lostCount: 15, wonValue: 1, wonCycleDays: 1 };
    expect(computeCoverage({ ...base, settings, closed })).toMatchObject({
      target: 4,
      targetSource: 'win-rate',
    });
    const none = { wonCount: 0, lostCount: 3, wonValue: 0, wonCycleDays: 0 };
    expect(computeCoverage({ ...base, settings, closed: none })).toMatchObject({
      target: 3,
      targetSource: 'fixed',
    });
  });

  it('never falls when an open opportunity closing in the horizon is added', () => {
    const day = fc
      .integer({ min: 0, max: 89 })
      .map((offset) => new Date(Date.UTC(2026, 10, 3 + offset)).toISOString().slice(0, 10));
    const opportunity = fc.record({
      amount: fc.integer({ min: 1, max: 50_000_000 }),
      closeDate: day,
      stageId: fc.constantFrom('qualify', 'discover', 'proposal', 'negotiate'),
    });
    fc.assert(
      fc.property(fc.array(opportunity, { maxLength: 8 }), opportunity, (existing, added) => {
        const opportunities = existing.map((o, i) => opportunityFact({ ...o, id: `o${i}` }));
        const before = computeCoverage({ ...base, opportunities });
        const after = computeCoverage({
          ...base,
          opportunities: [...opportunities, opportunityFact({ ...added, id: 'new' })],
        });
        expect(after.raw ?? 0).toBeGreaterThan(before.raw ?? 0);
        expect(after.weighted ?? 0).toBeGreaterThanOrEqual(before.weighted ?? 0);
      }),
    );
  });
});
