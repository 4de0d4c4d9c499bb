/** The shape of a demo rep's profile: the numbers the generator builds and the test checks. */
export type ProgressionStage = 'results' | 'pipeline' | 'activity';
export type TeamKey = 'east' | 'west';

export interface ActivityLevel {
  callsPerDay: number;
  emailsPerDay: number;
  meetingsPerWeek: number;
  leadsPerWeek: number;
}

export interface RepProfile {
  key: string;
  name: string;
  email: string;
  team: TeamKey;
  /** What the demo shows with this rep. */
  profile: string;
  expectedStage: ProgressionStage;
  /** Bookings goal of a month in the current fiscal year, in cents (the prior year is 8% lower). */
  monthlyGoal: number;
  /** Attainment of the previous and the last complete month (exact), and of older months. */
  attainment: { previous: number; last: number; typical: readonly [number, number] };
  /** Raw coverage the open pipeline is built to. */
  coverage: number;
  averageDeal: number;
  /** Share of closed deals that are won. */
  winRate: number;
  /** `no-proposal`: a hole in the funnel at Proposal. */
  shape: 'every-stage' | 'no-proposal';
  /** Open deals whose close date has already passed. */
  pastDueDeals: number;
  /** Open deals untouched for more than 30 days. */
  stalled: boolean;
  /** Opportunities created in the last 15 days, i.e. since the last 1:1. */
  createdSinceLastMeeting: number;
  activity: ActivityLevel;
  /** Joined this many months ago on the 8th, with ramp goals 25/50/75/100% of the goal. */
  joinedMonthsAgo?: number;
  /** Moved from this team on the 1st of the month 4 months ago. */
  movedFrom?: TeamKey;
  /** `overdue`: due a 1:1 with none scheduled; `missed`: one missed meeting in the history. */
  cadence?: 'overdue' | 'missed';
  /** Next month's bookings goal is only proposed by the manager, not agreed yet. */
  nextGoalProposed?: boolean;
}
