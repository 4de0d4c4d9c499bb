import { describe, expect, it } from 'vitest';
import { computeCoverage } from './coverage.js';
import { pipelineByCloseMonth } from './pipeline-by-close-month.js';
import type { CloseMonthBucket } from './pipeline-schema.js';
import { defaultSettings } from './settings.js';
import { defaultStages, monthlyGoals, opportunityFact } from './test-factories.js';

const rows = (buckets: CloseMonthBucket[]) =>
  buckets.map((b) => [b.month ?? b.kind, b.count, b.value, b.weightedValue]);

describe('pipelineByCloseMonth', () => {
  // Stage probabilities: Qualification 10, Discovery 25, Proposal 50, Negotiation 80.
  const opportunities = [
    opportunityFact({ id: 'a', stageId: 'proposal', amount: 1_000_000, closeDate: '2026-11-20' }),
    opportunityFact({ id: 'b', stageId: 'negotiate', amount: 2_000_000, closeDate: '2026-11-30' }),
    opportunityFact({ id: 'c', stageId: 'qualify', amount: 3_000_000, closeDate: '2026-12-01' }),
    opportunityFact({ id: 'd', stageId: 'discover', amount: 4_000_000, closeDate: null }),
    // Dated the day before the agenda: past due, at its own 90% override.
    opportunityFact({
      id: 'e',
      stageId: 'proposal',
      probability: 90,
      amount: 1_000_000,
      closeDate: '2026-11-02',
    }),
    opportunityFact({ id: 'won', stageId: 'won', amount: 9_000_000, closeDate: '2026-11-10' }),
    opportunityFact({ id: 'lost', stageId: 'lost', amount: 8_000_000, closeDate: '2026-12-10' }),
  ];

  it('sorts open deals by close month, undated and past-due ones apart, closed ones left out', () => {
    const buckets = pipelineByCloseMonth({
      opportunities,
      stages: defaultStages,
      asOf: '2026-11-03',
      horizonMonths: 3,
    });
    expect(rows(buckets)).toEqual([
      // e: 1,000,000 × 90%.
      ['past-due', 1, 1_000_000, 900_000],
      // a + b: 1,000,000 × 50% + 2,000,000 × 80% = 500,000 + 1,600,000.
      ['2026-11', 2, 3_000_000, 2_100_000],
      // c: 3,000,000 × 10%.
      ['2026-12', 1, 3_000_000, 300_000],
      // January is the horizon's third month: listed though empty.
      ['2027-01', 0, 0, 0],
      ['later', 0, 0, 0],
      // d: 4,000,000 × 25%.
      ['no-close-date', 1, 4_000_000, 1_000_000],
    ]);
  });

  it('adds up over the horizon to the open pipeline that coverage counts', () => {
    const buckets = pipelineByCloseMonth({
      opportunities,
      stages: defaultStages,
      asOf: '2026-11-03',
      horizonMonths: 3,
    });
    const coverage = computeCoverage({
      opportunities,
      stages: defaultStages,
      goals: monthlyGoals({ from: '2026-11', to: '2027-01' }),
      months: [],
      closed: { wonCount: 0, lostCount: 0, wonValue: 0, wonCycleDays: 0 },
      asOf: '2026-11-03',
      fiscalYearStartMonth: 1,
      settings: { ...defaultSettings, coverageHorizonMonths: 3 },
    });
    const horizon = buckets.filter(
      (b) => b.month !== null && coverage.horizon.months.includes(b.month),
    );
    // Nov 3,000,000 + Dec 3,000,000 + Jan 0, weighted 2,100,000 + 300,000.
    expect(horizon.reduce((sum, b) => sum + b.value, 0)).toBe(6_000_000);
    expect(coverage.open).toEqual({ count: 3, value: 6_000_000, weightedValue: 2_400_000 });
  });

  it('counts the last day of a month in that month when the agenda is on that day', () => {
    // The org-local day is 30 November (say 21:00 in Los Angeles, already 1 December in UTC).
    const buckets = pipelineByCloseMonth({
      opportunities: [
        opportunityFact({ id: 'x', amount: 100, closeDate: '2026-11-29' }),
        opportunityFact({ id: 'y', amount: 200, closeDate: '2026-11-30' }),
        opportunityFact({ id: 'z', amount: 400, closeDate: '2026-12-01' }),
      ],
      stages: defaultStages,
      asOf: '2026-11-30',
      horizonMonths: 1,
    });
    // Proposal, 50%: 100 → 50, 200 → 100, 400 → 200. December is listed because z closes in it.
    expect(rows(buckets)).toEqual([
      ['past-due', 1, 100, 50],
      ['2026-11', 1, 200, 100],
      ['2026-12', 1, 400, 200],
      ['later', 0, 0, 0],
      ['no-close-date', 0, 0, 0],
    ]);
  });

  it('lists the empty months up to the last deal and puts deals past 12 months in later', () => {
    const buckets = pipelineByCloseMonth({
      opportunities: [
        opportunityFact({ id: 'apr', amount: 100, closeDate: '2027-04-15' }),
        opportunityFact({ id: 'far', amount: 200, closeDate: '2027-11-01' }),
      ],
      stages: defaultStages,
      asOf: '2026-11-03',
      horizonMonths: 3,
    });
    const months = buckets.filter((b) => b.kind === 'month');
    // November 2026 + 11 months = October 2027, the twelfth; November 2027 is later.
    expect(months.map((b) => b.month)).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
      '2027-06',
      '2027-07',
      '2027-08',
      '2027-09',
      '2027-10',
    ]);
    expect(months.find((b) => b.month === '2027-04')?.value).toBe(100);
    expect(months.filter((b) => b.count > 0)).toHaveLength(1);
    expect(buckets.find((b) => b.kind === 'later')).toMatchObject({ count: 1, value: 200 });
  });

  it('stops at the horizon when no deal is dated beyond it', () => {
    const buckets = pipelineByCloseMonth({
      opportunities: [opportunityFact({ amount: 100, closeDate: '2026-11-20' })],
      stages: defaultStages,
      asOf: '2026-11-03',
      horizonMonths: 2,
    });
    expect(buckets.map((b) => b.month ?? b.kind)).toEqual([
      'past-due',
      '2026-11',
      '2026-12',
      'later',
      'no-close-date',
    ]);
  });
});
