/**
 * The inputs of the core: plain facts that the database layer (`src/db/facts/*`) computes
 * in SQL and the core turns into decisions. Nothing here knows where the numbers came from.
 *
 * Conventions:
 * - Money is an integer number of minor units (cents). Counts are integers.
 * - A `Day` is an ISO calendar date `YYYY-MM-DD` in the organization's time zone.
 * - An `Instant` is an ISO-8601 timestamp with offset (UTC `Z` from the database).
 */
export type Day = string;
export type Instant = string;

export type PeriodKind = 'month' | 'quarter' | 'year';

export type GoalMetric = 'bookings' | 'pipeline_value' | 'pipeline_count' | 'activity';
export type GoalStatus = 'proposed' | 'agreed' | 'rejected';

export interface GoalFact {
  metric: GoalMetric;
  /** Only for metric `activity`: the activity kind (call, email, meeting, …). */
  activityKind: string | null;
  periodKind: PeriodKind;
  /** First day of the period (inclusive). */
  periodStart: Day;
  target: number;
  status: GoalStatus;
}

/** Closed-won bookings and created pipeline of one rep in one calendar month. */
export interface MonthFact {
  /** `YYYY-MM`. */
  month: string;
  bookings: number;
  /** Value and number of opportunities created in that month (new pipeline). */
  createdValue: number;
  createdCount: number;
}

export type StageKind = 'open' | 'won' | 'lost';

export interface StageFact {
  id: string;
  name: string;
  /** Position in the sales process, 1 = earliest. Won/lost stages come after open ones. */
  order: number;
  kind: StageKind;
  /** Default probability of the stage, 0–100. */
  probability: number;
}

/** The state of an opportunity at one moment: used for "now" and "at the last 1:1". */
export interface OpportunityState {
  stageId: string;
  amount: number;
  closeDate: Day | null;
}

export interface OpportunityFact extends OpportunityState {
  id: string;
  name: string;
  account: string | null;
  /** Probability override 0–100; null = the stage's default. */
  probability: number | null;
  createdDay: Day;
  closedDay: Day | null;
  /** Day of the last observed change of stage, amount or close date (created day if none). */
  lastChangeDay: Day;
  /**
   * State at the comparison moment (the last held 1:1, or a given date); null when the
   * opportunity did not exist then or belonged to someone else.
   */
  before: OpportunityState | null;
}

/** Closed opportunities over a trailing window (12 months), for win rate, cycle, velocity. */
export interface ClosedFact {
  wonCount: number;
  lostCount: number;
  wonValue: number;
  /** Sum over won opportunities of (closed day − created day) in days. */
  wonCycleDays: number;
}

export interface ActivityCountFact {
  kind: string;
  count: number;
}

export interface ActivityPeriodFact {
  /** `YYYY-MM`. */
  month: string;
  kind: string;
  count: number;
}

export interface ScheduledActivityFact {
  kind: string;
  occurredAt: Instant;
  subject: string | null;
  opportunityName: string | null;
}

/** One team member's score for ranking. */
export interface TeamMemberResult {
  personId: string;
  name: string;
  actual: number;
  /** null when the member has no bookings goal for the period: unranked. */
  goal: number | null;
}

export interface TeamFacts {
  teamId: string;
  teamName: string;
  /** Results of every member in the period under review and in the previous period. */
  current: TeamMemberResult[];
  previous: TeamMemberResult[];
  /** Average won deal size over the trailing 12 months across the team; null when none won. */
  averageDealSize: number | null;
  /** Opportunities created per member since the comparison moment (for the team median). */
  createdSinceByMember: number[];
  /** Activity counts per member and kind since the comparison moment (for team medians). */
  activitySinceByMember: Array<{ personId: string; kind: string; count: number }>;
  /** Median won sales cycle of the team in days over the trailing 12 months; null if none. */
  medianCycleDays: number | null;
}

/**
 * Won opportunities closed in the period under review whose amount the CRM left empty
 * (imported as 0): bookings of the period may be understated by them.
 */
export interface WonWithoutAmountFact {
  count: number;
  /** The first of them by external id (a note names a few, not a CRM list). */
  externalIds: string[];
}

/** Everything the core needs to build one rep's 1:1 agenda. */
export interface RepFacts {
  person: { id: string; name: string };
  /** The team the rep belongs to on `asOf`; null when none. */
  team: TeamFacts | null;
  /** The day the agenda is prepared for (org-local). */
  asOf: Day;
  /** The last held 1:1 before `asOf`, or null when there never was one. */
  lastMeeting: { heldAt: Instant; day: Day } | null;
  /** The day movement and "since last 1:1" counts are measured from. */
  since: Day;
  goals: GoalFact[];
  /** At least the 24 months ending with the month of `asOf` (missing months = zeros). */
  months: MonthFact[];
  stages: StageFact[];
  /** Open now, or closed on/after `since`, or open at `since`. */
  opportunities: OpportunityFact[];
  closed: ClosedFact;
  activitySince: ActivityCountFact[];
  activityByMonth: ActivityPeriodFact[];
  /** Activities dated after `asOf` (the calendar ahead), soonest first. */
  scheduled: ScheduledActivityFact[];
  /** Won deals of the month under review (the month before `asOf`) without an amount. */
  wonWithoutAmount: WonWithoutAmountFact;
}
