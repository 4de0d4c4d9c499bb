import type {
  GoalFact,
  MonthFact,
  OpportunityFact,
  RepFacts,
  StageFact,
  TeamFacts,
  TeamMemberResult,
} from './facts.js';

/**
 * Small factories for the core's tests (and the lead's): sensible defaults, any field
 * overridable. The default rep prepares a 1:1 on 2026-11-03 (reviewing October 2026), with
 * agreed monthly bookings goals of 100,000.00, a four-stage process and no opportunity.
 */

export const defaultStages: StageFact[] = [
  { id: 'qualify', name: 'Qualification', order: 1, kind: 'open', probability: 10 },
  { id: 'discover', name: 'Discovery', order: 2, kind: 'open', probability: 25 },
  { id: 'proposal', name: 'Proposal', order: 3, kind: 'open', probability: 50 },
  { id: 'negotiate', name: 'Negotiation', order: 4, kind: 'open', probability: 80 },
  { id: 'won', name: 'Closed Won', order: 5, kind: 'won', probability: 100 },
  { id: 'lost', name: 'Closed Lost', order: 6, kind: 'lost', probability: 0 },
];

export function goalFact(overrides: Partial<GoalFact> = {}): GoalFact {
  return {
    metric: 'bookings',
    activityKind: null,
    periodKind: 'month',
    periodStart: '2026-10-01',
    target: 10_000_000,
    status: 'agreed',
    ...overrides,
  };
}

/** Agreed monthly bookings goals of `target` for every month from `from` to `to` inclusive. */
export function monthlyGoals(options: { from: string; to: string; target?: number }): GoalFact[] {
  const goals: GoalFact[] = [];
  for (let month = options.from; month <= options.to; month = nextMonth(month)) {
    goals.push(goalFact({ periodStart: `${month}-01`, target: options.target ?? 10_000_000 }));
  }
  return goals;
}

function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

export function monthFact(overrides: Partial<MonthFact> & { month: string }): MonthFact {
  return { bookings: 0, createdValue: 0, createdCount: 0, ...overrides };
}

export function opportunityFact(overrides: Partial<OpportunityFact> = {}): OpportunityFact {
  return {
    id: 'opp-1',
    name: 'Acme renewal',
    account: 'Acme',
    stageId: 'proposal',
    amount: 5_000_000,
    closeDate: '2026-11-20',
    probability: null,
    createdDay: '2026-09-01',
    closedDay: null,
    lastChangeDay: '2026-10-25',
    before: null,
    ...overrides,
  };
}

export function teamMember(
  overrides: Partial<TeamMemberResult> & { personId: string },
): TeamMemberResult {
  return { name: overrides.personId, actual: 0, goal: 100, ...overrides };
}

export function teamFacts(overrides: Partial<TeamFacts> = {}): TeamFacts {
  return {
    teamId: 'team-1',
    teamName: 'West',
    current: [],
    previous: [],
    averageDealSize: 5_000_000,
    createdSinceByMember: [],
    activitySinceByMember: [],
    medianCycleDays: 60,
    ...overrides,
  };
}

export function repFacts(overrides: Partial<RepFacts> = {}): RepFacts {
  return {
    person: { id: 'rep-1', name: 'Riley Rep' },
    team: null,
    asOf: '2026-11-03',
    lastMeeting: { heldAt: '2026-10-06T16:00:00Z', day: '2026-10-06' },
    since: '2026-10-06',
    goals: monthlyGoals({ from: '2026-01', to: '2027-03' }),
    months: [],
    stages: defaultStages,
    opportunities: [],
    closed: { wonCount: 0, lostCount: 0, wonValue: 0, wonCycleDays: 0 },
    activitySince: [],
    activityByMonth: [],
    scheduled: [],
    wonWithoutAmount: { count: 0, externalIds: [] },
    ...overrides,
  };
}
