import { describe, expect, it } from 'vitest';
import { computeMovement } from './pipeline-movement.js';
import { computeShape } from './pipeline-shape.js';
import { computeCycle } from './sales-cycle.js';
import { defaultStages, opportunityFact } from './test-factories.js';

const movementOf = (opportunities: ReturnType<typeof opportunityFact>[]) =>
  computeMovement({
    opportunities,
    stages: defaultStages,
    since: '2026-10-06',
    asOf: '2026-11-03',
    stalledAfterDays: 30,
  });

describe('computeShape', () => {
  it('lists every open stage with zeros and flags past-due and undated deals when the funnel has gaps', () => {
    const shape = computeShape({
      opportunities: [
        opportunityFact({
          id: 'a',
          stageId: 'qualify',
          amount: 1_000_000,
          closeDate: '2026-11-02',
        }),
        opportunityFact({ id: 'b', stageId: 'qualify', amount: 3_000_000, closeDate: null }),
        opportunityFact({
          id: 'c',
          stageId: 'negotiate',
          amount: 2_000_000,
          closeDate: '2026-11-03',
        }),
        opportunityFact({ id: 'd', stageId: 'won', amount: 9_000_000 }),
      ],
      stages: defaultStages,
      asOf: '2026-11-03',
      closed: { wonCount: 0, lostCount: 0, wonValue: 0, wonCycleDays: 0 },
      teamAverageDealSize: 4_000_000,
    });
    expect(shape.byStage.map((s) => [s.name, s.count, s.value])).toEqual([
      ['Qualification', 2, 4_000_000],
      ['Discovery', 0, 0],
      ['Proposal', 0, 0],
      ['Negotiation', 1, 2_000_000],
    ]);
    expect(shape.emptyStages).toEqual(['Discovery', 'Proposal']);
    // 6,000,000 over 3 open deals; only 'a' is dated before Nov 3: 1 of 3.
    expect(shape.averageDealSize).toBe(2_000_000);
    expect(shape.pastDue).toEqual({ count: 1, value: 1_000_000, share: 1 / 3 });
    expect(shape.noCloseDate).toEqual({ count: 1, value: 3_000_000 });
  });
});

describe("the average deal against the team's", () => {
  it("compares the rep's average won deal with the team's average won deal, the open average beside", () => {
    const shape = computeShape({
      // Open: 1,000,000 and 5,000,000, average 3,000,000.
      opportunities: [
        opportunityFact({ id: 'a', stageId: 'qualify', amount: 1_000_000 }),
        opportunityFact({ id: 'b', stageId: 'negotiate', amount: 5_000_000 }),
      ],
      stages: defaultStages,
      asOf: '2026-11-03',
      // Won in the trailing 12 months: 3 deals for 4,500,000, average 1,500,000.
      closed: { wonCount: 3, lostCount: 2, wonValue: 4_500_000, wonCycleDays: 90 },
      // The team's won deals over the same 12 months average 2,000,000.
      teamAverageDealSize: 2_000_000,
    });
    // Before, the tile set the open average (3,000,000) against the team's won 2,000,000:
    // "above the team" when the rep's won deals are in fact smaller.
    expect(shape.averageWonDealSize).toBe(1_500_000);
    expect(shape.teamAverageDealSize).toBe(2_000_000);
    expect(shape.averageDealSize).toBe(3_000_000);
  });

  it('has no won average when nothing was won in 12 months', () => {
    const shape = computeShape({
      opportunities: [],
      stages: defaultStages,
      asOf: '2026-11-03',
      closed: { wonCount: 0, lostCount: 4, wonValue: 0, wonCycleDays: 0 },
      teamAverageDealSize: 2_000_000,
    });
    expect(shape.averageWonDealSize).toBeNull();
    expect(shape.averageDealSize).toBeNull();
  });
});

describe('computeMovement', () => {
  it('counts a slip only when the close date moves into a later month', () => {
    const movement = movementOf([
      opportunityFact({
        id: 'a',
        closeDate: '2026-12-05',
        before: { stageId: 'proposal', amount: 1, closeDate: '2026-11-20' },
      }),
      opportunityFact({
        id: 'b',
        closeDate: '2026-11-25',
        before: { stageId: 'proposal', amount: 1, closeDate: '2026-11-10' },
      }),
      opportunityFact({
        id: 'c',
        closeDate: '2026-10-30',
        before: { stageId: 'proposal', amount: 1, closeDate: '2026-11-10' },
      }),
    ]);
    // a: Nov → Dec slipped; b: within November, not slipped; c: Nov → Oct pulled in.
    expect(movement.slipped).toEqual({ count: 1, value: 5_000_000 });
    expect(movement.pulledIn).toEqual({ count: 1, value: 5_000_000 });
  });

  it('sorts stage changes, wins, losses and stalls when the pipeline moved since the last 1:1', () => {
    const movement = movementOf([
      opportunityFact({
        id: 'adv',
        stageId: 'negotiate',
        amount: 100,
        before: { stageId: 'proposal', amount: 100, closeDate: '2026-11-20' },
      }),
      opportunityFact({
        id: 'reg',
        stageId: 'qualify',
        amount: 200,
        before: { stageId: 'proposal', amount: 200, closeDate: '2026-11-20' },
      }),
      opportunityFact({
        id: 'new',
        amount: 400,
        createdDay: '2026-10-06',
        lastChangeDay: '2026-10-06',
      }),
      opportunityFact({ id: 'won', stageId: 'won', amount: 800, closedDay: '2026-10-20' }),
      opportunityFact({ id: 'lost', stageId: 'lost', amount: 1600, closedDay: '2026-10-06' }),
      opportunityFact({ id: 'oldwin', stageId: 'won', amount: 3200, closedDay: '2026-10-05' }),
      // Stalled: last change 31 days before Nov 3 (2026-10-03); 30 days (10-04) is not yet.
      opportunityFact({ id: 'stalled', amount: 6400, lastChangeDay: '2026-10-03' }),
      opportunityFact({ id: 'fresh', amount: 12800, lastChangeDay: '2026-10-04' }),
    ]);
    expect(movement.advanced).toEqual({ count: 1, value: 100 });
    expect(movement.regressed).toEqual({ count: 1, value: 200 });
    expect(movement.created).toEqual({ count: 1, value: 400 });
    expect(movement.won).toEqual({ count: 1, value: 800 });
    expect(movement.lost).toEqual({ count: 1, value: 1600 });
    expect(movement.stalled).toEqual({ count: 1, value: 6400 });
  });
});

describe('computeCycle', () => {
  it('computes velocity as open × win rate × average won deal ÷ average cycle when every input exists', () => {
    // 4 won / (4 + 12) = 25%; cycle 240 ÷ 4 = 60 days; average won 40,000,000 ÷ 4 = 10,000,000;
    // velocity = 12 × 0.25 × 10,000,000 ÷ 60 = 500,000 per day.
    const cycle = computeCycle({
      closed: { wonCount: 4, lostCount: 12, wonValue: 40_000_000, wonCycleDays: 240 },
      openCount: 12,
    });
    expect(cycle).toEqual({
      wonCount: 4,
      lostCount: 12,
      winRate: 0.25,
      averageCycleDays: 60,
      averageWonDealSize: 10_000_000,
      openCount: 12,
      velocityPerDay: 500_000,
    });
  });

  it('has no win rate or velocity when nothing closed', () => {
    const cycle = computeCycle({
      closed: { wonCount: 0, lostCount: 0, wonValue: 0, wonCycleDays: 0 },
      openCount: 3,
    });
    expect(cycle).toMatchObject({ winRate: null, averageCycleDays: null, velocityPerDay: null });
  });
});
