import { z } from 'zod';
import { PipelineSchema } from './pipeline-schema.js';
import { DaySchema as day, RatioSchema as ratio } from './schema-primitives.js';
import { OrgSettingsSchema } from './settings.js';

/**
 * The agenda of one rep's 1:1, exactly as the HTTP API serves it and `rudder prep --json`
 * prints it. Money is in minor units (cents) of `currency`; ratios are fractions (1 = 100%);
 * days are org-local `YYYY-MM-DD`; a period's `end` is exclusive.
 */

// The pipeline section and the shared primitives are part of the agenda's public shape.
export * from './pipeline-schema.js';
export { type MoneyCount, MoneyCountSchema } from './schema-primitives.js';

export const StageSchema = z
  .enum(['results', 'pipeline', 'activity'])
  .describe('How far the Accountability Progression goes: results < pipeline < activity.');

export const PeriodSchema = z.object({
  kind: z.enum(['month', 'quarter', 'year']),
  key: z
    .string()
    .describe("'2026-10', 'FY2027-Q1' or 'FY2027' (a fiscal year is named by the year it ends)"),
  label: z.string(),
  start: day,
  end: day.describe('exclusive'),
});

export const GoalStatusSchema = z.enum(['agreed', 'proposed', 'rejected', 'missing']);

export const GoalViewSchema = z.object({
  target: z.number(),
  status: z.enum(['agreed', 'proposed', 'rejected']),
  derived: z
    .boolean()
    .describe('true when summed from monthly goals (no goal set for the period itself)'),
});

export const PeriodResultSchema = z.object({
  period: PeriodSchema,
  actual: z.number(),
  goal: GoalViewSchema.nullable(),
  goalStatus: GoalStatusSchema,
  attainment: ratio.describe('actual ÷ goal; null when no goal or a goal of 0'),
  inProgress: z.boolean(),
  elapsed: z.number().describe('share of the period elapsed as of the agenda day, 0–1'),
  proratedGoal: z
    .number()
    .nullable()
    .describe('whole minor units (or a whole count), rounded once, half up (prorateGoal)'),
  pace: ratio.describe('actual ÷ prorated goal, for a period in progress'),
});

export const TrendPointSchema = z.object({
  periodKey: z.string(),
  label: z.string(),
  actual: z.number(),
  goal: z.number().nullable(),
  attainment: ratio,
});

export const YearToDateSchema = z.object({
  period: PeriodSchema,
  through: day,
  actual: z.number(),
  goal: z
    .number()
    .nullable()
    .describe(
      'monthly goals of the elapsed months, the current one prorated: whole minor units, ' +
        'rounded once, half up (prorateGoal)',
    ),
  goalStatus: GoalStatusSchema,
  attainment: ratio,
});

export const RankingSchema = z.object({
  rank: z
    .number()
    .int()
    .nullable()
    .describe('standard competition ranking (1,2,2,4); null = no goal'),
  of: z.number().int(),
  previousRank: z.number().int().nullable(),
  movement: z.number().int().nullable().describe('previous rank − rank: positive = moved up'),
});

export const DataQualityNoteSchema = z.object({
  kind: z.enum(['won-without-amount']),
  count: z.number().int(),
  externalIds: z.array(z.string()).describe('the first of them, by external id'),
  text: z.string(),
});

export const ResultsSchema = z.object({
  review: PeriodResultSchema.describe('the last complete period before the agenda day'),
  current: PeriodResultSchema.describe('the period in progress, with pace'),
  yearToDate: YearToDateSchema,
  trend: z.array(TrendPointSchema).describe('the last 12 periods ending with the review period'),
  ranking: RankingSchema,
  created: z.object({
    review: z.object({ value: PeriodResultSchema, count: PeriodResultSchema }),
    current: z.object({ value: PeriodResultSchema, count: PeriodResultSchema }),
  }),
  dataQuality: z
    .array(DataQualityNoteSchema)
    .optional()
    .describe(
      'what in the data makes the results less certain (won deals without an amount); ' +
        'absent in snapshots frozen before it existed',
    ),
});

export const CheckSchema = z.object({
  name: z.enum([
    'attainment',
    'rank-drop',
    'coverage',
    'empty-stages',
    'created-since',
    'past-due-share',
  ]),
  label: z.string(),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  unit: z.enum(['ratio', 'times', 'count', 'rank', 'money', 'days']),
  passed: z.boolean(),
  detail: z.string(),
});

export const ActivityKindSchema = z.object({
  kind: z.string(),
  since: z.number().int(),
  teamMedian: z.number().nullable(),
  review: z.object({
    count: z.number().int(),
    goal: z.number().nullable(),
    goalStatus: GoalStatusSchema,
    attainment: ratio,
  }),
  current: z.object({
    count: z.number().int(),
    goal: z.number().nullable(),
    proratedGoal: z.number().nullable(),
    pace: ratio,
  }),
});

export const ScheduledItemSchema = z.object({
  day,
  occurredAt: z.string(),
  kind: z.string(),
  subject: z.string().nullable(),
  opportunityName: z.string().nullable(),
});

export const ActivitySchema = z.object({
  since: day,
  kinds: z.array(ActivityKindSchema),
  calendarAhead: z.object({ from: day, until: day, items: z.array(ScheduledItemSchema) }),
});

export const ProgressionSchema = z.object({
  stage: StageSchema,
  resultsVerdict: z.object({
    onPlan: z.boolean(),
    judged: z
      .boolean()
      .describe('false when there is no agreed goal: results are not held against the rep'),
    goalStatus: GoalStatusSchema,
    checks: z.array(CheckSchema),
  }),
  pipelineVerdict: z.object({ healthy: z.boolean(), checks: z.array(CheckSchema) }),
  reasons: z.array(z.string()),
});

export const QuestionSchema = z.object({ stage: StageSchema, text: z.string() });

export const CadenceAdviceSchema = z.object({
  configured: OrgSettingsSchema.shape.cadence.unwrap(),
  recommended: OrgSettingsSchema.shape.cadence.unwrap(),
  medianCycleDays: z.number().nullable(),
  rule: z.string(),
  warning: z.string().nullable(),
});

export const AgendaSchema = z.object({
  schemaVersion: z.literal(1),
  person: z.object({ id: z.string(), name: z.string() }),
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  asOf: day,
  timeZone: z.string(),
  currency: z.string(),
  locale: z.string(),
  fiscalYearStartMonth: z.number().int().min(1).max(12),
  lastMeeting: z.object({ heldAt: z.string(), day }).nullable(),
  since: day,
  progression: ProgressionSchema,
  results: ResultsSchema,
  pipeline: PipelineSchema,
  shortPipelineCheck: z
    .array(CheckSchema)
    .describe('coverage and created-since, shown at every stage'),
  activity: ActivitySchema.nullable(),
  activityWithheld: z.boolean().describe('true when the activity gate hides the activity detail'),
  questions: z.array(QuestionSchema),
  meeting: z.object({
    cadence: OrgSettingsSchema.shape.cadence.unwrap(),
    minutes: z.number().int(),
  }),
  cadence: CadenceAdviceSchema,
  settings: OrgSettingsSchema,
});

export type Agenda = z.infer<typeof AgendaSchema>;
export type Stage = z.infer<typeof StageSchema>;
export type Period = z.infer<typeof PeriodSchema>;
export type GoalView = z.infer<typeof GoalViewSchema>;
export type AgendaGoalStatus = z.infer<typeof GoalStatusSchema>;
export type PeriodResult = z.infer<typeof PeriodResultSchema>;
export type TrendPoint = z.infer<typeof TrendPointSchema>;
export type YearToDate = z.infer<typeof YearToDateSchema>;
export type Ranking = z.infer<typeof RankingSchema>;
export type Results = z.infer<typeof ResultsSchema>;
export type DataQualityNote = z.infer<typeof DataQualityNoteSchema>;
export type Check = z.infer<typeof CheckSchema>;
export type ActivityKind = z.infer<typeof ActivityKindSchema>;
export type Activity = z.infer<typeof ActivitySchema>;
export type Progression = z.infer<typeof ProgressionSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type CadenceAdvice = z.infer<typeof CadenceAdviceSchema>;
