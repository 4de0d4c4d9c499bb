/** The leaders' reports: query and response shapes (exported for the web client's types). */
import { z } from 'zod';
import { addMonths, monthOf } from '../../core/days.js';
import type { Day } from '../../core/facts.js';
import { SupportedMonthSchema } from '../../core/schema-primitives.js';
import { progressionStages } from '../../db/schema/meetings.js';
import { AppError } from '../../shared/app-error.js';
import { Day as DaySchema, dayMeaning } from './common.js';

const Month = SupportedMonthSchema;

/** `?period=YYYY-MM`, or `?from=&to=` (org-local days, `to` exclusive); default this month. */
export const PeriodRangeQuery = z.object({
  period: Month.optional(),
  from: DaySchema.optional(),
  to: dayMeaning('exclusive').optional(),
});
export type PeriodRangeQuery = z.infer<typeof PeriodRangeQuery>;

/** The days a period query designates, `today` giving the default month. */
export function rangeOf(query: PeriodRangeQuery, today: Day): { from: Day; to: Day } {
  if (query.from !== undefined || query.to !== undefined) {
    if (!query.from || !query.to || query.from >= query.to || query.period) {
      throw new AppError('VALIDATION_FAILED', 'Give `from` and `to` (after `from`), or `period`.', {
        issues: [{ field: 'querystring.to', reason: 'needs from < to, without period' }],
      });
    }
    return { from: query.from, to: query.to };
  }
  const month = query.period ?? monthOf(today);
  return { from: `${month}-01`, to: `${addMonths(month, 1)}-01` };
}

export const HeatmapQuery = z.object({
  fromMonth: Month.optional().describe('default: 11 months before toMonth'),
  toMonth: Month.optional().describe('default: this month'),
});

export const ActivityStreakQuery = z.object({
  throughMonth: Month.optional().describe('default: this month'),
  minPeriods: z.coerce.number().int().min(1).max(24).default(3),
});

export const ManagerComplianceSchema = z
  .object({
    managerId: z.string(),
    managerName: z.string(),
    reps: z.number().int(),
    repsWithHeld: z.number().int(),
    share: z.number().nullable(),
    heldMeetings: z.number().int(),
    plannedMinutes: z.number(),
    actualMinutes: z.number(),
    missedMeetings: z.number().int(),
    overdueReps: z.number().int(),
  })
  .meta({ id: 'ManagerCompliance' });
export type ManagerCompliance = z.infer<typeof ManagerComplianceSchema>;

export const ComplianceSchema = z.object({
  from: z.string(),
  to: z.string(),
  managers: z.array(ManagerComplianceSchema),
});
export type Compliance = z.infer<typeof ComplianceSchema>;

export const StageHeatmapSchema = z
  .object({
    months: z.array(z.string()),
    rows: z.array(
      z.object({
        repId: z.string(),
        repName: z.string(),
        stages: z.array(z.enum(progressionStages).nullable()),
      }),
    ),
  })
  .meta({ id: 'StageHeatmap' });
export type StageHeatmap = z.infer<typeof StageHeatmapSchema>;

export const ActivityStreakSchema = z.object({
  repId: z.string(),
  repName: z.string(),
  periods: z.number().int(),
  sinceMonth: z.string(),
});
export type ActivityStreak = z.infer<typeof ActivityStreakSchema>;

const FollowThroughRow = z.object({
  personId: z.string(),
  name: z.string(),
  reviewed: z.number().int(),
  kept: z.number().int(),
  rate: z.number().nullable(),
});

export const FollowThroughSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    reps: z.array(FollowThroughRow),
    managers: z.array(FollowThroughRow),
  })
  .meta({ id: 'FollowThrough' });
export type FollowThrough = z.infer<typeof FollowThroughSchema>;
