import { z } from 'zod';
import { DaySchema as day, MoneyCountSchema, RatioSchema as ratio } from './schema-primitives.js';

/**
 * The pipeline section of the agenda (see agenda-schema.ts for the conventions): coverage,
 * shape, movement, cycle, the largest deals and the open pipeline by close month.
 */

export const CoverageSchema = z.object({
  horizon: z.object({ start: day, end: day, months: z.array(z.string()) }),
  status: z.enum(['measured', 'goal-met', 'no-goal']),
  goal: z.number().nullable().describe('bookings goals of the horizon months'),
  closedInHorizon: z.number(),
  remainingGoal: z.number().nullable(),
  open: MoneyCountSchema.extend({ weightedValue: z.number() }),
  raw: ratio,
  weighted: ratio,
  basis: z.enum(['raw', 'weighted']),
  target: z.number(),
  targetSource: z.enum(['fixed', 'win-rate']),
});

export const StageBucketSchema = MoneyCountSchema.extend({
  stageId: z.string(),
  name: z.string(),
  order: z.number(),
  probability: z.number(),
});

export const ShapeSchema = z.object({
  open: MoneyCountSchema,
  byStage: z.array(StageBucketSchema),
  emptyStages: z.array(z.string()),
  averageDealSize: z.number().nullable().describe("the rep's average open deal"),
  averageWonDealSize: z
    .number()
    .nullable()
    .describe("the rep's average won deal over the trailing 12 months; null when none won"),
  teamAverageDealSize: z
    .number()
    .nullable()
    .describe(
      "the team's average won deal over the same 12 months, to compare with averageWonDealSize",
    ),
  pastDue: MoneyCountSchema.extend({ share: ratio }),
  noCloseDate: MoneyCountSchema,
});

export const MovementSchema = z.object({
  since: day,
  created: MoneyCountSchema,
  advanced: MoneyCountSchema,
  regressed: MoneyCountSchema,
  slipped: MoneyCountSchema.describe('close date moved later into a later month'),
  pulledIn: MoneyCountSchema.describe('close date moved earlier into an earlier month'),
  stalled: MoneyCountSchema,
  won: MoneyCountSchema,
  lost: MoneyCountSchema,
});

export const CycleSchema = z.object({
  wonCount: z.number().int(),
  lostCount: z.number().int(),
  winRate: ratio,
  averageCycleDays: z.number().nullable(),
  averageWonDealSize: z.number().nullable(),
  openCount: z.number().int(),
  velocityPerDay: z
    .number()
    .nullable()
    .describe('open count × win rate × average won deal size ÷ average cycle days'),
});

export const DealFlagSchema = z.enum([
  'created',
  'advanced',
  'regressed',
  'slipped',
  'pulled-in',
  'stalled',
  'past-due',
  'no-close-date',
]);

export const DealSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  account: z.string().nullable(),
  stage: z.string(),
  amount: z.number(),
  probability: z.number().describe('0–100: the override, else the stage default'),
  closeDate: day.nullable(),
  flags: z.array(DealFlagSchema),
});

export const CloseMonthBucketSchema = MoneyCountSchema.extend({
  kind: z
    .enum(['past-due', 'month', 'later', 'no-close-date'])
    .describe(
      'past-due: dated before the agenda day; month: one calendar month from the month of the ' +
        'agenda day on; later: after the last month listed; no-close-date: not dated',
    ),
  month: z.string().nullable().describe("'YYYY-MM' for kind month, else null"),
  weightedValue: z.number().describe('Σ amount × probability, rounded to the minor unit'),
});

export const PipelineSchema = z.object({
  coverage: CoverageSchema,
  shape: ShapeSchema,
  movement: MovementSchema,
  cycle: CycleSchema,
  topDeals: z.array(DealSummarySchema).describe('largest open deals: a summary, not a CRM'),
  byCloseMonth: z
    .array(CloseMonthBucketSchema)
    .optional()
    .describe(
      'every open deal by close month: past due, each month from the month of the agenda day ' +
        'to the last one with a deal (the coverage horizon at least, 12 at most), later, ' +
        'undated. Absent from agendas frozen before it existed.',
    ),
});

export type Coverage = z.infer<typeof CoverageSchema>;
export type Shape = z.infer<typeof ShapeSchema>;
export type Movement = z.infer<typeof MovementSchema>;
export type Cycle = z.infer<typeof CycleSchema>;
export type DealFlag = z.infer<typeof DealFlagSchema>;
export type DealSummary = z.infer<typeof DealSummarySchema>;
export type CloseMonthBucket = z.infer<typeof CloseMonthBucketSchema>;
export type Pipeline = z.infer<typeof PipelineSchema>;
