/**
 * The benchmark organizations. bench-L is the one DESIGN.md's targets are stated for;
 * bench-S and bench-M have the same shape, scaled by the number of reps.
 */
export const sizeNames = ['S', 'M', 'L'] as const;
export type SizeName = (typeof sizeNames)[number];

export const repsBySize: Readonly<Record<SizeName, number>> = { S: 20, M: 200, L: 2_000 };

/** Per rep, from bench-L: 150 teams, 1M opportunities, 3M events, 10M activities. */
export const shape = {
  repsPerTeam: 2_000 / 150,
  opportunitiesPerRep: 500,
  eventsPerOpportunity: 3,
  activitiesPerRep: 5_000,
  /** Held 1:1s per rep (a few, in the last months). */
  meetingsPerRep: 3,
  /** Every tenth rep changed teams a year ago: one extra, closed membership. */
  teamChangeEvery: 10,
} as const;

/** The day the benchmark's agendas are prepared for (org-local), and its instant. */
export const benchAsOf = '2026-06-15';
export const benchNow = '2026-06-15T16:00:00.000Z';
/** Three years of history before `benchAsOf`. */
export const benchStart = '2023-06-15';
/** Activities are also scheduled this many days ahead (the agenda's calendar). */
export const aheadDays = 14;
/** Bookings goals for every rep-month from this month through this month. */
export const goalMonths = { first: '2023-06', last: '2026-09' } as const;
export const benchTimeZone = 'America/New_York';

/** Bump when the generator's output changes: the cache key includes it. */
export const generatorVersion = 'bench-gen-4';

export interface SizeSpec {
  name: SizeName;
  reps: number;
  teams: number;
  managers: number;
  people: number;
  memberships: number;
  stages: number;
  goals: number;
  opportunities: number;
  events: number;
  activities: number;
  meetings: number;
}

export const stageNames = [
  ['Prospecting', 'open', 10],
  ['Qualification', 'open', 20],
  ['Discovery', 'open', 35],
  ['Proposal', 'open', 50],
  ['Negotiation', 'open', 70],
  ['Commit', 'open', 85],
  ['Closed Won', 'won', 100],
  ['Closed Lost', 'lost', 0],
] as const;

export function monthCount(first: string, last: string): number {
  const months = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  return months(last) - months(first) + 1;
}

/** Row counts of one size, from the shape above. */
export function sizeSpec(name: SizeName): SizeSpec {
  const reps = repsBySize[name];
  const teams = Math.max(1, Math.round(reps / shape.repsPerTeam));
  const opportunities = reps * shape.opportunitiesPerRep;
  return {
    name,
    reps,
    teams,
    managers: teams,
    // Reps, one manager per team, one sales leader.
    people: reps + teams + 1,
    memberships: reps + Math.ceil(reps / shape.teamChangeEvery),
    stages: stageNames.length,
    goals: reps * monthCount(goalMonths.first, goalMonths.last),
    opportunities,
    events: opportunities * shape.eventsPerOpportunity,
    activities: reps * shape.activitiesPerRep,
    meetings: reps * shape.meetingsPerRep,
  };
}

export function isSizeName(value: string): value is SizeName {
  return (sizeNames as readonly string[]).includes(value);
}
