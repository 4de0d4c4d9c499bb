import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  time,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Cadence } from '../../core/cadence-schema.js';
import { createdAt, id, instant, orgId } from './columns.js';
import { person } from './people.js';

export const meetingStatuses = ['scheduled', 'held', 'missed', 'rescheduled', 'cancelled'] as const;
export const progressionStages = ['results', 'pipeline', 'activity'] as const;

/** The recurring 1:1 of one rep with their manager. */
export const meetingSeries = pgTable(
  'meeting_series',
  {
    orgId: orgId(),
    id: id(),
    repId: uuid('rep_id').notNull(),
    managerId: uuid('manager_id').notNull(),
    cadence: text('cadence').$type<Cadence>().notNull().default('monthly'),
    /** ISO weekday 1 (Monday) – 7 of the first meeting's week. */
    weekday: smallint('weekday').notNull(),
    timeOfDay: time('time_of_day').notNull(),
    /** The manager's zone: the wall-clock time stays put across daylight-saving changes. */
    timeZone: text('time_zone').notNull(),
    durationMinutes: smallint('duration_minutes').notNull().default(20),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    active: boolean('active').notNull().default(true),
    /** RFC 5545 SEQUENCE: raised on every change sent to calendars. */
    sequence: integer('sequence').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('meeting_series_rep_idx').on(t.orgId, t.repId),
    index('meeting_series_manager_idx').on(t.orgId, t.managerId),
    foreignKey({ columns: [t.orgId, t.repId], foreignColumns: [person.orgId, person.id] }),
    foreignKey({ columns: [t.orgId, t.managerId], foreignColumns: [person.orgId, person.id] }),
  ],
);

export const meeting = pgTable(
  'meeting',
  {
    orgId: orgId(),
    id: id(),
    seriesId: uuid('series_id'),
    repId: uuid('rep_id').notNull(),
    managerId: uuid('manager_id').notNull(),
    scheduledAt: instant('scheduled_at').notNull(),
    durationMinutes: smallint('duration_minutes').notNull().default(20),
    status: text('status').$type<(typeof meetingStatuses)[number]>().notNull().default('scheduled'),
    startedAt: instant('started_at'),
    /** When the meeting was finished (status held). */
    heldAt: instant('held_at'),
    stageReached: text('stage_reached').$type<(typeof progressionStages)[number]>(),
    /** The agenda as it was when the meeting was held: history shows the numbers of the time. */
    agendaSnapshot: jsonb('agenda_snapshot'),
    rescheduledToId: uuid('rescheduled_to_id'),
    sequence: integer('sequence').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('meeting_rep_idx').on(t.orgId, t.repId, t.scheduledAt),
    index('meeting_manager_idx').on(t.orgId, t.managerId, t.scheduledAt),
    foreignKey({ columns: [t.orgId, t.repId], foreignColumns: [person.orgId, person.id] }),
    foreignKey({ columns: [t.orgId, t.managerId], foreignColumns: [person.orgId, person.id] }),
    foreignKey({
      columns: [t.orgId, t.seriesId],
      foreignColumns: [meetingSeries.orgId, meetingSeries.id],
    }),
    check(
      'meeting_status_check',
      sql`${t.status} in ('scheduled','held','missed','rescheduled','cancelled')`,
    ),
  ],
);

export const meetingNote = pgTable(
  'meeting_note',
  {
    orgId: orgId(),
    id: id(),
    meetingId: uuid('meeting_id').notNull(),
    authorId: uuid('author_id').notNull(),
    /** Which part of the progression the note belongs to. */
    section: text('section').$type<'results' | 'pipeline' | 'activity' | 'general'>().notNull(),
    /** shared: the rep and the manager; private: the author only. */
    visibility: text('visibility').$type<'shared' | 'private'>().notNull().default('shared'),
    body: text('body').notNull(),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('meeting_note_meeting_idx').on(t.orgId, t.meetingId),
    foreignKey({
      columns: [t.orgId, t.meetingId],
      foreignColumns: [meeting.orgId, meeting.id],
    }).onDelete('cascade'),
  ],
);

export const commitment = pgTable(
  'commitment',
  {
    orgId: orgId(),
    id: id(),
    meetingId: uuid('meeting_id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    /** Commitments go both ways: the rep's and the manager's. */
    ownerRole: text('owner_role').$type<'rep' | 'manager'>().notNull(),
    repId: uuid('rep_id').notNull(),
    text: text('text').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').$type<'open' | 'kept' | 'not_kept'>().notNull().default('open'),
    reviewedInMeetingId: uuid('reviewed_in_meeting_id'),
    reviewedAt: instant('reviewed_at'),
    /**
     * When its owner marked it done between meetings (null: not marked). The rep's own word,
     * shown to the manager when reviewing it; `status` stays the review's verdict.
     */
    doneAt: instant('done_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('commitment_rep_idx').on(t.orgId, t.repId, t.dueOn),
    index('commitment_owner_idx').on(t.orgId, t.ownerId, t.dueOn),
    foreignKey({
      columns: [t.orgId, t.meetingId],
      foreignColumns: [meeting.orgId, meeting.id],
    }).onDelete('cascade'),
  ],
);

/** One answer of the rep to a question the agenda suggested, typed before the 1:1. */
export interface PreWorkAnswer {
  question: string;
  answer: string;
}

/**
 * The rep's part before an upcoming 1:1: their answers to the agenda's suggested questions,
 * shared with their manager (and the leaders above) and shown in the meeting. One row per
 * meeting, rewritten as the rep edits it.
 */
export const repPreWork = pgTable(
  'rep_pre_work',
  {
    orgId: orgId(),
    meetingId: uuid('meeting_id').notNull(),
    repId: uuid('rep_id').notNull(),
    answers: jsonb('answers').$type<PreWorkAnswer[]>().notNull().default([]),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.meetingId] }),
    foreignKey({
      columns: [t.orgId, t.meetingId],
      foreignColumns: [meeting.orgId, meeting.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.repId], foreignColumns: [person.orgId, person.id] }),
  ],
);
