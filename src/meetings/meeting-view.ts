import { z } from 'zod';
import { meetingStatuses, progressionStages } from '../db/schema/meetings.js';

/** A 1:1 as a record: when, who, status, stage reached. Never its notes nor its agenda snapshot. */
export const MeetingSchema = z
  .object({
    id: z.string(),
    seriesId: z.string().nullable(),
    repId: z.string(),
    managerId: z.string(),
    scheduledAt: z.string(),
    durationMinutes: z.number().int(),
    status: z.enum(meetingStatuses),
    heldAt: z.string().nullable(),
    stageReached: z.enum(progressionStages).nullable(),
  })
  .meta({ id: 'Meeting' });
export type MeetingView = z.infer<typeof MeetingSchema>;

export const meetingColumns = `m.id, m.series_id as "seriesId", m.rep_id as "repId",
  m.manager_id as "managerId", m.scheduled_at as "scheduledAt", m.duration_minutes as "durationMinutes",
  m.status, m.held_at as "heldAt", m.stage_reached as "stageReached"`;

export const noteSections = ['results', 'pipeline', 'activity', 'general'] as const;
export const noteVisibilities = ['shared', 'private'] as const;

export const NoteSchema = z
  .object({
    id: z.string(),
    meetingId: z.string(),
    authorId: z.string(),
    section: z.enum(noteSections),
    visibility: z.enum(noteVisibilities),
    body: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'MeetingNote' });
export type NoteView = z.infer<typeof NoteSchema>;

export const noteColumns = `n.id, n.meeting_id as "meetingId", n.author_id as "authorId", n.section,
  n.visibility, n.body, n.created_at as "createdAt", n.updated_at as "updatedAt"`;

export const CommitmentSchema = z
  .object({
    id: z.string(),
    meetingId: z.string(),
    ownerId: z.string(),
    ownerRole: z.enum(['rep', 'manager']),
    repId: z.string(),
    text: z.string(),
    dueOn: z.string(),
    status: z.enum(['open', 'kept', 'not_kept']),
    reviewedAt: z.string().nullable(),
    doneAt: z
      .string()
      .nullable()
      .describe('when its owner marked it done between meetings; the review still judges it'),
    createdAt: z.string(),
  })
  .meta({ id: 'Commitment' });
export type CommitmentView = z.infer<typeof CommitmentSchema>;

export const commitmentColumns = `c.id, c.meeting_id as "meetingId", c.owner_id as "ownerId",
  c.owner_role as "ownerRole", c.rep_id as "repId", c.text, c.due_on as "dueOn", c.status,
  c.reviewed_at as "reviewedAt", c.done_at as "doneAt", c.created_at as "createdAt"`;

export const PreWorkSchema = z
  .object({
    meetingId: z.string(),
    repId: z.string(),
    answers: z.array(z.object({ question: z.string(), answer: z.string() })),
    updatedAt: z.string().nullable().describe('null: the rep has written nothing yet'),
  })
  .meta({ id: 'RepPreWork' });
export type PreWorkView = z.infer<typeof PreWorkSchema>;
