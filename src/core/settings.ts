import { z } from 'zod';
import { defaultCadence, StoredCadenceSchema } from './cadence-schema.js';

/**
 * The organization's thresholds and defaults: THE one place they are documented. Every
 * field has a default, so `OrgSettingsSchema.parse({})` yields `defaultSettings` and a
 * partial object (e.g. from the admin screen) is merged over the defaults.
 */
export const OrgSettingsSchema = z.object({
  /**
   * Attainment (actual ÷ goal) of the last complete period at or above which results are on
   * plan. 1.0 = 100% of the agreed goal; exactly at the threshold passes.
   */
  resultsThreshold: z.number().min(0).default(1),
  /**
   * Falling this many places or more in the team ranking versus the previous period sends
   * the meeting to pipeline review even when the rep is on plan or near the goal.
   */
  rankDropPlaces: z.number().int().min(1).default(2),
  /**
   * Attainment from which a rep below `resultsThreshold` is described as "near goal" in the
   * reasons. Wording only: it never changes the stage reached.
   */
  nearGoalAttainment: z.number().min(0).default(0.9),
  /** Pipeline coverage (open pipeline ÷ remaining goal) at or above which coverage passes. */
  coverageTarget: z.number().min(0).default(3),
  /**
   * `fixed`: the target is `coverageTarget`. `win-rate`: the target is 1 ÷ the rep's
   * trailing-12-month win rate by count (a 25% win rate needs 4×), falling back to
   * `coverageTarget` when the rep has no closed deal or won none.
   */
  coverageMode: z.enum(['fixed', 'win-rate']).default('fixed'),
  /**
   * Months in the coverage horizon, counted from the month of `asOf` (its remainder
   * included): 3 = the rest of this month plus the next two. A rolling horizon rather than
   * "the rest of the quarter", which would shrink to a few days at quarter end and make
   * coverage swing with the calendar instead of with the pipeline.
   */
  coverageHorizonMonths: z.number().int().min(1).max(12).default(3),
  /**
   * Which coverage decides the check. `raw` (default): stage probabilities are CRM opinions
   * and easy to inflate; the weighted figure is always shown beside it.
   */
  coverageBasis: z.enum(['raw', 'weighted']).default('raw'),
  /** An open opportunity with no change for more than this many days is stalled. */
  stalledAfterDays: z.number().int().min(1).default(30),
  /**
   * Opportunities created since the last 1:1 below this share of the team median fail the
   * check (0.5 = fewer than half the median fails).
   */
  createdVsTeamMedianRatio: z.number().min(0).default(0.5),
  /** An open stage with no deal fails the pipeline shape check (a gap in the funnel). */
  requireDealsInEveryOpenStage: z.boolean().default(true),
  /**
   * Largest acceptable share (by count) of open opportunities whose close date is already
   * past; above it the close dates are not credible and the check fails.
   */
  maxPastDueShare: z.number().min(0).max(1).default(0.2),
  /**
   * When true, the activity detail is withheld from the agenda unless the progression
   * reaches the activity stage (or the rep shares it).
   */
  activityGate: z.boolean().default(false),
  /** How a goal is prorated in a period in progress: Monday–Friday or every day. */
  proration: z.enum(['business-days', 'calendar-days']).default('business-days'),
  /** The configured 1:1 cadence (monthly per the product's default); `daily` reads as weekly. */
  cadence: StoredCadenceSchema.default(defaultCadence),
  /** Planned length of a 1:1 in minutes. */
  meetingMinutes: z.number().int().min(5).max(120).default(20),
  /**
   * Hours before a 1:1 at which the reminder e-mail with the prep summary goes to the manager
   * and the rep: 24 = the day before, early enough to prepare, late enough to be current.
   */
  reminderLeadHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(24),
  /** Days of calendar shown ahead of `asOf` (the activities already scheduled). */
  calendarAheadDays: z.number().int().min(1).max(90).default(28),
  /** Number of deals in each deal summary list: a summary, not a CRM. */
  topDeals: z.number().int().min(0).max(50).default(5),
  /**
   * A won opportunity imported without an amount. `warn`: imported as 0 and named in the
   * import's warnings and in the rep's agenda (bookings may be understated). `refuse`: a row
   * error, so the file is refused (imports are all or nothing per file).
   */
  wonWithoutAmount: z.enum(['warn', 'refuse']).default('warn'),
});

export type OrgSettings = z.output<typeof OrgSettingsSchema>;
export type OrgSettingsInput = z.input<typeof OrgSettingsSchema>;
export type Proration = OrgSettings['proration'];
/** Re-exported: the core's index and the web take the settings' types from here. */
export type { Cadence } from './cadence-schema.js';

/** The settings of an organization that changed nothing. */
export const defaultSettings: OrgSettings = OrgSettingsSchema.parse({});
