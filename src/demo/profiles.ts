/**
 * The demo organization as data: who works there, how each rep performs and which stage of
 * the Accountability Progression their next 1:1 must reach. The generator turns these
 * numbers into rows; the test checks the rows against the same numbers.
 *
 * Ranks below are within the rep's team of 6, by attainment of the month (the core's rule).
 * "Last month" is the last complete month before `now`, "previous" the one before it.
 * Coverage = open pipeline closing from today to the end of the month after next ÷
 * (bookings goals of this month and the next two − bookings already won this month).
 */

import type { ActivityLevel, RepProfile } from './rep-profile.js';

export {
  DEMO_PASSWORD,
  demoAccounts,
  demoOrg,
  demoProducts,
  demoStages,
  demoTeams,
  type StaffProfile,
  staff,
} from './demo-org.js';
export type {
  ActivityLevel,
  ProgressionStage,
  RepProfile,
  TeamKey,
} from './rep-profile.js';

const busy: ActivityLevel = {
  callsPerDay: 12,
  emailsPerDay: 15,
  meetingsPerWeek: 4,
  leadsPerWeek: 6,
};
const usual: ActivityLevel = {
  callsPerDay: 9,
  emailsPerDay: 12,
  meetingsPerWeek: 3,
  leadsPerWeek: 4,
};
const dollars = (amount: number): number => amount * 100;

type RepInput = Omit<RepProfile, 'email' | 'shape' | 'pastDueDeals' | 'stalled'> &
  Partial<Pick<RepProfile, 'shape' | 'pastDueDeals' | 'stalled'>>;

/** A rep with a first-name login and, unless stated, a healthy funnel shape. */
const rep = (input: RepInput): RepProfile => ({
  email: `${input.key}@demo.rudder.dev`,
  shape: 'every-stage',
  pastDueDeals: 0,
  stalled: false,
  ...input,
});

export const reps: readonly RepProfile[] = [
  /**
   * Star → results. 130% of a $90k goal last month (125% before), 1st of 6 both months,
   * 120–140% in older months; healthy pipeline at 3.6× coverage.
   */
  rep({
    key: 'ava',
    name: 'Ava Thompson',
    team: 'east',
    profile: 'star',
    expectedStage: 'results',
    monthlyGoal: dollars(90_000),
    attainment: { previous: 1.25, last: 1.3, typical: [1.2, 1.4] },
    coverage: 3.6,
    averageDeal: dollars(32_000),
    winRate: 0.45,
    createdSinceLastMeeting: 5,
    activity: busy,
  }),
  /** Steady → results. 104% of $75k last month (102% before), rank 4th → 3rd; coverage 3.3×. */
  rep({
    key: 'ben',
    name: 'Ben Carter',
    team: 'east',
    profile: 'steady',
    expectedStage: 'results',
    monthlyGoal: dollars(75_000),
    attainment: { previous: 1.02, last: 1.04, typical: [0.98, 1.1] },
    coverage: 3.3,
    averageDeal: dollars(25_000),
    winRate: 0.38,
    createdSinceLastMeeting: 4,
    activity: usual,
  }),
  /**
   * Behind with a healthy pipeline → pipeline. 70% of $70k last month (75% before), 6th of
   * 6; 3.8× coverage, deals in every open stage, 6 created since the last 1:1, none past due.
   */
  rep({
    key: 'chloe',
    name: 'Chloe Martin',
    team: 'east',
    profile: 'behind-healthy-pipeline',
    expectedStage: 'pipeline',
    monthlyGoal: dollars(70_000),
    attainment: { previous: 0.75, last: 0.7, typical: [0.75, 1.05] },
    coverage: 3.8,
    averageDeal: dollars(28_000),
    winRate: 0.35,
    createdSinceLastMeeting: 6,
    activity: busy,
  }),
  /**
   * Falling rank near goal → pipeline. 95% of $80k last month after 115%: 2nd of 6 → 5th
   * (a fall of 3 places ≥ the 2-place threshold); healthy 3.4× coverage.
   */
  rep({
    key: 'diego',
    name: 'Diego Alvarez',
    team: 'east',
    profile: 'falling-rank',
    expectedStage: 'pipeline',
    monthlyGoal: dollars(80_000),
    attainment: { previous: 1.15, last: 0.95, typical: [0.95, 1.15] },
    coverage: 3.4,
    averageDeal: dollars(30_000),
    winRate: 0.4,
    createdSinceLastMeeting: 4,
    activity: usual,
  }),
  /** Ordinary → results. 110% of $70k after 92%: 5th → 2nd; coverage 3.2×. */
  rep({
    key: 'elena',
    name: 'Elena Rossi',
    team: 'east',
    profile: 'rising',
    expectedStage: 'results',
    monthlyGoal: dollars(70_000),
    attainment: { previous: 0.92, last: 1.1, typical: [0.9, 1.1] },
    coverage: 3.2,
    averageDeal: dollars(24_000),
    winRate: 0.36,
    createdSinceLastMeeting: 4,
    activity: usual,
  }),
  /**
   * Ordinary, moved from West to East 4 months ago → pipeline. 98% of $70k after 105%:
   * 3rd → 4th; coverage 3.4×; one deal without a close date.
   */
  rep({
    key: 'felix',
    name: 'Felix Wagner',
    team: 'east',
    profile: 'moved-teams',
    expectedStage: 'pipeline',
    monthlyGoal: dollars(70_000),
    attainment: { previous: 1.05, last: 0.98, typical: [0.9, 1.08] },
    coverage: 3.4,
    averageDeal: dollars(26_000),
    winRate: 0.37,
    createdSinceLastMeeting: 3,
    activity: usual,
    movedFrom: 'west',
  }),
  /**
   * Behind with an anemic pipeline and low activity → activity. 55% of $60k last month
   * (60% before), 6th of 6; coverage 1.2×, no deal in Proposal, 3 of 8 open deals past due,
   * most stalled, 1 created since the last 1:1 (team median 4), about a third of the calls.
   */
  rep({
    key: 'grace',
    name: 'Grace Kim',
    team: 'west',
    profile: 'behind-anemic-pipeline',
    expectedStage: 'activity',
    monthlyGoal: dollars(60_000),
    attainment: { previous: 0.6, last: 0.55, typical: [0.5, 0.8] },
    coverage: 1.2,
    averageDeal: dollars(40_000),
    winRate: 0.25,
    shape: 'no-proposal',
    pastDueDeals: 3,
    stalled: true,
    createdSinceLastMeeting: 1,
    activity: { callsPerDay: 3, emailsPerDay: 5, meetingsPerWeek: 1, leadsPerWeek: 1 },
  }),
  /**
   * New hire ramping → results. Joined 3 months ago with ramp goals of 25/50/75% of $60k;
   * 112% of the $45k ramp goal last month (105% of $30k before), 2nd of 6 both months:
   * ranking by attainment judges a new hire against their ramp, not the veterans' numbers.
   */
  rep({
    key: 'hiro',
    name: 'Hiro Tanaka',
    team: 'west',
    profile: 'new-hire-ramping',
    expectedStage: 'results',
    monthlyGoal: dollars(60_000),
    attainment: { previous: 1.05, last: 1.12, typical: [0.9, 1.1] },
    coverage: 2.6,
    averageDeal: dollars(15_000),
    winRate: 0.35,
    createdSinceLastMeeting: 5,
    activity: busy,
    joinedMonthsAgo: 3,
  }),
  /** Ordinary → results. 120% of $75k after 110%, 1st of 6 both months; coverage 3.5×. */
  rep({
    key: 'isabel',
    name: 'Isabel Nguyen',
    team: 'west',
    profile: 'top-of-west',
    expectedStage: 'results',
    monthlyGoal: dollars(75_000),
    attainment: { previous: 1.1, last: 1.2, typical: [1.0, 1.25] },
    coverage: 3.5,
    averageDeal: dollars(30_000),
    winRate: 0.42,
    createdSinceLastMeeting: 5,
    activity: usual,
  }),
  /**
   * Ordinary, one missed 1:1 → pipeline. 85% of $65k after 95%: 4th → 5th; coverage 3.4×.
   */
  rep({
    key: 'jonah',
    name: 'Jonah Price',
    team: 'west',
    profile: 'slipping',
    expectedStage: 'pipeline',
    monthlyGoal: dollars(65_000),
    attainment: { previous: 0.95, last: 0.85, typical: [0.85, 1.05] },
    coverage: 3.4,
    averageDeal: dollars(22_000),
    winRate: 0.35,
    createdSinceLastMeeting: 4,
    activity: usual,
    cadence: 'missed',
  }),
  /**
   * Ordinary → results. 105% of $70k after 98%, 3rd of 6 both months; coverage 3.2×;
   * next month's goal only proposed by the manager.
   */
  rep({
    key: 'kara',
    name: 'Kara Singh',
    team: 'west',
    profile: 'on-plan',
    expectedStage: 'results',
    monthlyGoal: dollars(70_000),
    attainment: { previous: 0.98, last: 1.05, typical: [0.95, 1.1] },
    coverage: 3.2,
    averageDeal: dollars(25_000),
    winRate: 0.38,
    createdSinceLastMeeting: 4,
    activity: usual,
    nextGoalProposed: true,
  }),
  /**
   * Ordinary, overdue for a 1:1 → activity. 90% of $65k after 80%: 5th → 4th, but a thin
   * 2.2× pipeline, so the meeting goes on to activity (which is normal).
   */
  rep({
    key: 'liam',
    name: 'Liam Brooks',
    team: 'west',
    profile: 'thin-pipeline',
    expectedStage: 'activity',
    monthlyGoal: dollars(65_000),
    attainment: { previous: 0.8, last: 0.9, typical: [0.8, 1.0] },
    coverage: 2.2,
    averageDeal: dollars(22_000),
    winRate: 0.33,
    pastDueDeals: 1,
    createdSinceLastMeeting: 3,
    activity: usual,
    cadence: 'overdue',
  }),
];
