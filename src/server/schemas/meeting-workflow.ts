/**
 * The 1:1 workflow's request and response shapes. Exported so the web client can
 * `import type` what it sends and receives (`z.infer` / `z.input` of these).
 */
import { z } from 'zod';
import { AgendaSchema } from '../../core/agenda-schema.js';
import { CadenceSchema } from '../../core/cadence-schema.js';
import { CommitmentSchema, MeetingSchema } from '../../meetings/meeting-view.js';
import { SeriesInputSchema } from '../../meetings/schedule-series.js';
import { Day, instantMeaning, Uuid } from './common.js';

/** A meeting as the workflow changes it: the record plus when it started and where it moved. */
export const MeetingStateSchema = MeetingSchema.extend({
  startedAt: z.string().nullable(),
  rescheduledToId: z.string().nullable(),
  sequence: z.number().int().describe('the iCalendar SEQUENCE: rises with each change'),
}).meta({ id: 'MeetingState' });
export type MeetingState = z.infer<typeof MeetingStateSchema>;

export const ScheduleMeetingBody = z.strictObject({
  repId: Uuid,
  scheduledAt: instantMeaning('start'),
  durationMinutes: z.number().int().min(5).max(120).optional(),
});
export type ScheduleMeetingBody = z.input<typeof ScheduleMeetingBody>;

export const RescheduleBody = z.strictObject({
  scheduledAt: instantMeaning('the new start, in the future'),
  durationMinutes: z.number().int().min(5).max(120).optional(),
});
export type RescheduleBody = z.input<typeof RescheduleBody>;

export const StartedMeetingSchema = z.object({
  meeting: MeetingStateSchema,
  agenda: AgendaSchema.describe('the agenda, now frozen as the meeting snapshot'),
});
export type StartedMeeting = z.infer<typeof StartedMeetingSchema>;

export const FinishedMeetingSchema = z.object({
  meeting: MeetingStateSchema,
  summaryMessageId: z.string().nullable().describe('the summary e-mail in the outbox'),
  nextMeeting: MeetingStateSchema.nullable(),
});
export type FinishedMeeting = z.infer<typeof FinishedMeetingSchema>;

export const RescheduledMeetingSchema = z.object({
  previous: MeetingStateSchema,
  meeting: MeetingStateSchema,
});
export type RescheduledMeeting = z.infer<typeof RescheduledMeetingSchema>;

export const MeetingSnapshotSchema = z.object({
  meetingId: z.string(),
  frozenAt: z.string().nullable(),
  agenda: AgendaSchema.nullable().describe('null until the 1:1 started'),
});
export type MeetingSnapshot = z.infer<typeof MeetingSnapshotSchema>;

export const ReviewCommitmentBody = z.strictObject({
  status: z.enum(['kept', 'not_kept']),
  reviewedInMeetingId: Uuid.describe('the running (or just held) 1:1 of the same rep'),
});
export type ReviewCommitmentBody = z.input<typeof ReviewCommitmentBody>;

export const CadenceAdviceSchema = z
  .object({
    chosen: CadenceSchema,
    recommended: CadenceSchema,
    medianCycleDays: z.number().nullable(),
    rule: z.string(),
    warning: z.string().nullable().describe('why the chosen cadence is too frequent or too rare'),
  })
  .meta({ id: 'SeriesCadenceAdvice' });

export const MeetingSeriesSchema = z
  .object({
    id: z.string(),
    repId: z.string(),
    managerId: z.string(),
    cadence: CadenceSchema,
    weekday: z.number().int(),
    timeOfDay: z.string(),
    timeZone: z.string(),
    durationMinutes: z.number().int(),
    startsOn: z.string(),
    active: z.boolean(),
    sequence: z.number().int(),
  })
  .meta({ id: 'MeetingSeries' });

/** The body of `PUT /people/:id/meeting-series`: the use case's own schema, strict. */
export const SeriesBody = SeriesInputSchema.strict();
export type SeriesBody = z.input<typeof SeriesBody>;

export const SeriesViewSchema = z.object({
  series: MeetingSeriesSchema.nullable(),
  cadence: CadenceAdviceSchema,
});
export type SeriesView = z.infer<typeof SeriesViewSchema>;

export const ScheduledSeriesSchema = z.object({
  series: MeetingSeriesSchema,
  nextMeeting: MeetingStateSchema.nullable(),
  cadence: CadenceAdviceSchema,
});
export type ScheduledSeries = z.infer<typeof ScheduledSeriesSchema>;

export const MeetingDueSchema = z
  .object({
    repId: z.string(),
    repName: z.string(),
    managerId: z.string(),
    managerName: z.string(),
    teamName: z.string(),
    cadence: CadenceSchema,
    lastHeldAt: z.string().nullable(),
    dueOn: Day.nullable(),
    nextMeeting: z.object({ id: z.string(), scheduledAt: z.string() }).nullable(),
    state: z.enum(['overdue', 'due', 'scheduled']),
    daysOverdue: z.number().int(),
  })
  .meta({ id: 'MeetingDue' });
export type MeetingDue = z.infer<typeof MeetingDueSchema>;

export const MeetingsDueQuery = z.object({
  includeScheduled: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('also list reps whose next 1:1 is in the calendar in time'),
});

export const CommitmentToReviewSchema = CommitmentSchema.extend({
  reviewedInMeetingId: z.string().nullable().describe('this 1:1 once reviewed here; else null'),
}).meta({ id: 'CommitmentToReview' });
export type CommitmentToReview = z.infer<typeof CommitmentToReviewSchema>;
