import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAgenda } from './agenda.js';
import type { OpportunityFact, RepFacts } from './facts.js';
import { STAGE_ORDER } from './progression.js';
import type { OrgSettingsInput } from './settings.js';
import {
  goalFact,
  monthFact,
  monthlyGoals,
  opportunityFact,
  repFacts,
  teamFacts,
  teamMember,
} from './test-factories.js';

/*
 * The scenarios: a 1:1 on 2026-11-03 reviewing October 2026 against an agreed goal of
 * $100,000.00 (10,000,000 cents) a month. Coverage horizon Nov–Jan: 3 × 10,000,000 =
 * 30,000,000 still to close (nothing booked in November yet).
 */

// One deal per open stage, 20 + 20 + 25 + 25 = 90,000,000 closing Nov–Jan → exactly 3.0×;
// two created on/after the last 1:1 (2026-10-06).
const healthy: OpportunityFact[] = [
  opportunityFact({
    id: 'q',
    stageId: 'qualify',
    amount: 20_000_000,
    closeDate: '2027-01-15',
    createdDay: '2026-10-10',
  }),
  opportunityFact({
    id: 'd',
    stageId: 'discover',
    amount: 20_000_000,
    closeDate: '2026-12-15',
    createdDay: '2026-10-20',
  }),
  opportunityFact({ id: 'p', stageId: 'proposal', amount: 25_000_000, closeDate: '2026-12-01' }),
  opportunityFact({ id: 'n', stageId: 'negotiate', amount: 25_000_000, closeDate: '2026-11-20' }),
];
// One old deal of 10,000,000 → 10/30 = 0.33×, three empty stages, nothing created.
const anemic: OpportunityFact[] = [
  opportunityFact({ id: 'q', stageId: 'qualify', amount: 10_000_000, closeDate: '2026-12-15' }),
];

/** Team of three: a at 120%, b at 110%; the rep was 1st last period (150%). */
function team(repOctober: number) {
  return teamFacts({
    current: [
      teamMember({ personId: 'rep-1', actual: repOctober, goal: 10_000_000 }),
      teamMember({ personId: 'a', actual: 12_000_000, goal: 10_000_000 }),
      teamMember({ personId: 'b', actual: 11_000_000, goal: 10_000_000 }),
    ],
    previous: [
      teamMember({ personId: 'rep-1', actual: 15_000_000, goal: 10_000_000 }),
      teamMember({ personId: 'a', actual: 10_000_000, goal: 10_000_000 }),
      teamMember({ personId: 'b', actual: 9_000_000, goal: 10_000_000 }),
    ],
    // Median of 2, 4, 6 = 4 → threshold 0.5 × 4 = 2 created.
    createdSinceByMember: [2, 4, 6],
  });
}

function scenario(
  options: {
    october: number;
    opportunities: OpportunityFact[];
    withTeam?: boolean;
  } & Partial<RepFacts>,
) {
  const { october, withTeam = true, ...rest } = options;
  return repFacts({
    months: [monthFact({ month: '2026-10', bookings: october })],
    team: withTeam ? team(october) : null,
    ...rest,
  });
}

const agendaOf = (facts: RepFacts, settings: OrgSettingsInput = {}) =>
  buildAgenda({
    facts,
    settings,
    currency: 'USD',
    locale: 'en-US',
    timeZone: 'America/Los_Angeles',
    fiscalYearStartMonth: 1,
  });

describe('decideProgression', () => {
  it('stays at results when the rep beats the goal', () => {
    // 12,000,000 ÷ 10,000,000 = 120%; tied 1st with a (1.2 = 1.2), was 1st.
    const { progression } = agendaOf(scenario({ october: 12_000_000, opportunities: anemic }));
    expect(progression.stage).toBe('results');
    expect(progression.resultsVerdict.onPlan).toBe(true);
    expect(progression.reasons).toEqual([
      'Results on plan: 120% of goal in October 2026 (threshold 100%), rank 1st of 3 → results review.',
      'Short pipeline check: coverage 0.3× (threshold 3×), 0 opportunities created since the last 1:1 (team median 4).',
    ]);
  });

  it('goes to pipeline review when the rep is behind with a healthy pipeline', () => {
    // 72%; rank 3rd of 3 (0.72 < 1.1 < 1.2), was 1st.
    const { progression } = agendaOf(scenario({ october: 7_200_000, opportunities: healthy }));
    expect(progression.stage).toBe('pipeline');
    expect(progression.pipelineVerdict.healthy).toBe(true);
    expect(progression.reasons).toEqual([
      'Results behind: 72% of goal in October 2026 (threshold 100%), rank fell from 1st to 3rd of 3 → pipeline review.',
      'Pipeline healthy: coverage 3× (threshold 3×), deals in every open stage, 2 opportunities created since the last 1:1 (team median 4), 0% of open opportunities past due (max 20%) → no activity review.',
    ]);
  });

  it('goes to activity review when the rep is behind with an anemic pipeline', () => {
    const { progression } = agendaOf(scenario({ october: 7_200_000, opportunities: anemic }));
    expect(progression.stage).toBe('activity');
    expect(progression.reasons[1]).toBe(
      'Pipeline unhealthy: coverage 0.3× (threshold 3×), no deals in Discovery, Proposal and Negotiation, 0 opportunities created since the last 1:1 (team median 4) → activity review.',
    );
    expect(progression.pipelineVerdict.checks.map((c) => [c.name, c.passed])).toEqual([
      ['coverage', false],
      ['empty-stages', false],
      ['created-since', false],
      ['past-due-share', true],
    ]);
  });

  it('goes to pipeline review when the rep is on goal but falls two places in the ranking', () => {
    // Exactly 100% passes the attainment check; 1st → 3rd is a fall of 2 = rankDropPlaces.
    const { progression } = agendaOf(scenario({ october: 10_000_000, opportunities: healthy }));
    expect(progression.stage).toBe('pipeline');
    expect(progression.resultsVerdict.checks).toMatchObject([
      { name: 'attainment', value: 1, threshold: 1, passed: true },
      { name: 'rank-drop', value: 2, threshold: 2, passed: false },
    ]);
    expect(progression.reasons[0]).toBe(
      'Results on goal but falling in the ranking: 100% of goal in October 2026 (threshold 100%), rank fell from 1st to 3rd of 3 (threshold 2 places) → pipeline review.',
    );
  });

  it('passes attainment exactly at the threshold when there is no ranking', () => {
    const { progression } = agendaOf(
      scenario({ october: 10_000_000, opportunities: anemic, withTeam: false }),
    );
    expect(progression.stage).toBe('results');
  });

  it('fails coverage one cent below the target and passes it exactly at 3.0×', () => {
    const atTarget = agendaOf(scenario({ october: 0, opportunities: healthy }));
    expect(atTarget.progression.pipelineVerdict.checks[0]).toMatchObject({
      name: 'coverage',
      value: 3,
      threshold: 3,
      passed: true,
    });
    const short = healthy.map((o) => (o.id === 'n' ? { ...o, amount: o.amount - 1 } : o));
    const below = agendaOf(scenario({ october: 0, opportunities: short }));
    // 89,999,999 ÷ 30,000,000 = 2.99999997 → fails; half-up would read 3×, so it reads
    // "just below 3×", never "3× (threshold 3×)".
    expect(below.progression.stage).toBe('activity');
    expect(below.progression.reasons[1]).toContain('coverage just below 3× (threshold 3×)');
  });

  it('rounds the reason sentences half-up: 107,100,000 ÷ 30,000,000 = 3.57 reads 3.6×', () => {
    // +17,100,000 on the Negotiation deal: 107,100,000 closing Nov–Jan, 3.57× (a truncating
    // formatter read 3.5×); raw and weighted alike in the detail.
    const more = healthy.map((o) => (o.id === 'n' ? { ...o, amount: o.amount + 17_100_000 } : o));
    const agenda = agendaOf(scenario({ october: 0, opportunities: more }));
    expect(agenda.pipeline.coverage.raw).toBeCloseTo(3.57, 10);
    expect(agenda.progression.reasons[1]).toContain('coverage 3.6× (threshold 3×)');
    expect(agenda.progression.pipelineVerdict.checks[0]?.detail).toContain('3.6× raw');
  });

  it('does not judge results and stays at results when there is no goal for the month', () => {
    const goals = monthlyGoals({ from: '2026-11', to: '2027-03' });
    const { progression } = agendaOf(
      scenario({ october: 0, opportunities: anemic, goals, withTeam: false }),
    );
    expect(progression.stage).toBe('results');
    expect(progression.resultsVerdict).toMatchObject({
      judged: false,
      goalStatus: 'missing',
      onPlan: true,
    });
    expect(progression.reasons[0]).toBe(
      'Results not judged: no agreed goal for October 2026 (no goal), so they cannot be held against the rep → results review; agree the goal first.',
    );
  });

  it('shows a proposed goal as not agreed and does not hold it against the rep', () => {
    const goals = [
      goalFact({ status: 'proposed' }),
      ...monthlyGoals({ from: '2026-11', to: '2027-03' }),
    ];
    const agenda = agendaOf(scenario({ october: 7_200_000, opportunities: anemic, goals }));
    expect(agenda.progression.stage).toBe('results');
    expect(agenda.results.review.goalStatus).toBe('proposed');
    expect(agenda.progression.resultsVerdict.checks[0]?.detail).toBe(
      'The October 2026 goal of $100,000 is proposed, not agreed: 72% is shown but not held against the rep.',
    );
    expect(agenda.questions[0]).toEqual({
      stage: 'results',
      text: 'What goal for November 2026 can we both agree on?',
    });
  });

  it('reads coverage 0.0× and lists every stage as empty when there is no pipeline at all', () => {
    const { progression } = agendaOf(
      scenario({ october: 7_200_000, opportunities: [], withTeam: false }),
    );
    expect(progression.stage).toBe('activity');
    expect(progression.reasons[1]).toBe(
      'Pipeline unhealthy: coverage 0× (threshold 3×), no deals in Qualification, Discovery, Proposal and Negotiation → activity review.',
    );
  });

  it('counts created opportunities from the given day when there was no previous 1:1', () => {
    const facts = scenario({
      october: 7_200_000,
      opportunities: anemic,
      lastMeeting: null,
      since: '2026-10-01',
    });
    const { progression } = agendaOf(facts);
    expect(progression.reasons[1]).toContain(
      '0 opportunities created since 2026-10-01 (team median 4)',
    );
  });

  it('never lowers the stage when a threshold is raised', () => {
    const opportunity = fc.record({
      stageId: fc.constantFrom('qualify', 'discover', 'proposal', 'negotiate'),
      amount: fc.integer({ min: 1, max: 40_000_000 }),
      closeDate: fc.constantFrom('2026-10-20', '2026-11-20', '2026-12-20', '2027-03-01', null),
      createdDay: fc.constantFrom('2026-09-01', '2026-10-10'),
    });
    const threshold = (max: number) =>
      fc.tuple(fc.double({ min: 0, max, noNaN: true }), fc.double({ min: 0, max, noNaN: true }));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000_000 }),
        fc.array(opportunity, { maxLength: 6 }),
        threshold(2),
        threshold(6),
        threshold(2),
        (october, opportunities, results, coverage, created) => {
          const facts = scenario({
            october,
            opportunities: opportunities.map((o, i) => opportunityFact({ ...o, id: `o${i}` })),
          });
          const sorted = (pair: [number, number]) => [...pair].sort((a, b) => a - b);
          const stageWith = (pick: 0 | 1) =>
            STAGE_ORDER[
              agendaOf(facts, {
                resultsThreshold: sorted(results)[pick],
                coverageTarget: sorted(coverage)[pick],
                createdVsTeamMedianRatio: sorted(created)[pick],
              }).progression.stage
            ];
          expect(stageWith(1)).toBeGreaterThanOrEqual(stageWith(0));
        },
      ),
      { numRuns: 60 },
    );
  });
});
