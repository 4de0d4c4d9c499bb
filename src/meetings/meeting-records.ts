import { type Cadence, defaultCadence, StoredCadenceSchema } from '../core/cadence-schema.js';
import type { Day } from '../core/facts.js';
import type { Queryable } from '../db/database.js';
import type { meetingStatuses, progressionStages } from '../db/schema/meetings.js';
import type { Role } from '../db/schema/people.js';
import { AppError } from '../shared/app-error.js';
import type { SeriesSlot } from './series-occurrences.js';

/** Who acts on a 1:1: the use cases check the domain rules (only its manager starts it…). */
export interface Actor {
  personId: string;
  role: Role;
}

export type MeetingStatus = (typeof meetingStatuses)[number];
export type ProgressionStage = (typeof progressionStages)[number];

/** A meeting row as the workflow needs it (the API's MeetingView is a public subset). */
export interface MeetingRecord {
  id: string;
  seriesId: string | null;
  repId: string;
  managerId: string;
  scheduledAt: string;
  durationMinutes: number;
  status: MeetingStatus;
  startedAt: string | null;
  heldAt: string | null;
  stageReached: ProgressionStage | null;
  rescheduledToId: string | null;
  sequence: number;
}

export const meetingRecordColumns = `m.id, m.series_id as "seriesId", m.rep_id as "repId",
  m.manager_id as "managerId", m.scheduled_at as "scheduledAt",
  m.duration_minutes as "durationMinutes", m.status, m.started_at as "startedAt",
  m.held_at as "heldAt", m.stage_reached as "stageReached",
  m.rescheduled_to_id as "rescheduledToId", m.sequence`;

/**
 * One meeting of the organization; `lock` takes its row lock so that two concurrent
 * starts (or finishes) of the same 1:1 serialize and the second sees the first's result.
 */
export async function loadMeeting(
  db: Queryable,
  options: { orgId: string; meetingId: string; lock?: boolean },
): Promise<MeetingRecord> {
  const [row] = await db.query<MeetingRecord>(
    `select ${meetingRecordColumns} from meeting m where m.org_id = $1 and m.id = $2
     ${options.lock ? 'for update' : ''}`,
    [options.orgId, options.meetingId],
  );
  if (!row) throw new AppError('NOT_FOUND', 'No such meeting.');
  return row;
}

/** Only the meeting's own manager runs it: starts, reviews, finishes, reschedules. */
export function assertMeetingManager(meeting: MeetingRecord, actor: Actor): void {
  if (actor.personId !== meeting.managerId) {
    throw new AppError('FORBIDDEN', "Only the meeting's manager can do this.");
  }
}

/** The rep and the manager take part in a 1:1; nobody else writes in it. */
export function assertParticipant(meeting: MeetingRecord, actor: Actor): 'rep' | 'manager' {
  if (actor.personId === meeting.managerId) return 'manager';
  if (actor.personId === meeting.repId) return 'rep';
  throw new AppError('FORBIDDEN', 'Only the rep and the manager of this 1:1 can do this.');
}

export interface SeriesRecord extends SeriesSlot {
  id: string;
  repId: string;
  managerId: string;
  durationMinutes: number;
  active: boolean;
  sequence: number;
}

export const seriesRecordColumns = `s.id, s.rep_id as "repId", s.manager_id as "managerId",
  s.cadence, s.weekday, s.time_of_day as "timeOfDay", s.time_zone as "timeZone",
  s.duration_minutes as "durationMinutes", s.starts_on as "startsOn", s.active, s.sequence`;

/** The rep's active series, if any (one per rep). */
export async function findActiveSeries(
  db: Queryable,
  options: { orgId: string; repId: string; lock?: boolean },
): Promise<SeriesRecord | null> {
  const [row] = await db.query<SeriesRecord>(
    `select ${seriesRecordColumns} from meeting_series s
      where s.org_id = $1 and s.rep_id = $2 and s.active
      order by s.created_at desc limit 1 ${options.lock ? 'for update' : ''}`,
    [options.orgId, options.repId],
  );
  return row ?? null;
}

export async function loadSeries(
  db: Queryable,
  options: { orgId: string; seriesId: string },
): Promise<SeriesRecord | null> {
  const [row] = await db.query<SeriesRecord>(
    `select ${seriesRecordColumns} from meeting_series s where s.org_id = $1 and s.id = $2`,
    [options.orgId, options.seriesId],
  );
  return row ?? null;
}

/** The rep's team on `day`, its manager and leader: who runs the rep's 1:1s. */
export async function findRepManager(
  db: Queryable,
  options: { orgId: string; repId: string; day: Day },
): Promise<{ teamId: string; managerId: string | null; leaderId: string | null } | null> {
  const [row] = await db.query<{
    teamId: string;
    managerId: string | null;
    leaderId: string | null;
  }>(
    `select t.id as "teamId", t.manager_id as "managerId", t.leader_id as "leaderId"
       from team_membership m join team t on t.org_id = m.org_id and t.id = m.team_id
      where m.org_id = $1 and m.person_id = $2 and m.valid_from <= $3::date
        and (m.valid_to is null or m.valid_to > $3::date)
      order by m.valid_from desc limit 1`,
    [options.orgId, options.repId, options.day],
  );
  return row ?? null;
}

/** The organization's zone: "today" for memberships and due dates. */
export async function orgTimeZone(db: Queryable, orgId: string): Promise<string> {
  const [row] = await db.query<{ time_zone: string }>('select time_zone from org where id = $1', [
    orgId,
  ]);
  if (!row) throw new AppError('NOT_FOUND', 'No such organization.');
  return row.time_zone;
}

/** What a new series starts from: the organization's time zone and its cadence setting. */
export async function orgSeriesDefaults(
  db: Queryable,
  orgId: string,
): Promise<{ timeZone: string; cadence: Cadence }> {
  const [row] = await db.query<{ time_zone: string; cadence: string | null }>(
    `select time_zone, settings->>'cadence' as cadence from org where id = $1`,
    [orgId],
  );
  if (!row) throw new AppError('NOT_FOUND', 'No such organization.');
  const cadence = StoredCadenceSchema.safeParse(row.cadence ?? defaultCadence);
  return { timeZone: row.time_zone, cadence: cadence.success ? cadence.data : defaultCadence };
}

/** The core's `Cadence`, under the name src/calendar imports it by. */
export type { Cadence as SeriesCadence } from '../core/cadence-schema.js';
