import { z } from 'zod';
import { type Cadence, CadenceSchema } from '../core/cadence-schema.js';
import { dayInZone } from '../core/days.js';
import { SUPPORTED_DAYS, SupportedDaySchema } from '../core/schema-primitives.js';
import type { Database, Queryable } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import { adviseSeriesCadence, type SeriesCadenceAdvice } from './advise-series-cadence.js';
import {
  type Actor,
  findActiveSeries,
  findRepManager,
  type MeetingRecord,
  meetingRecordColumns,
  orgSeriesDefaults,
  type SeriesRecord,
  seriesRecordColumns,
} from './meeting-records.js';
import { insertOccurrence, scheduleNextMeeting } from './schedule-next-meeting.js';
import { nextOccurrence } from './series-occurrences.js';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What a manager chooses for a rep's recurring 1:1; the route validates its body with it. */
export const SeriesInputSchema = z.object({
  cadence: CadenceSchema.optional().describe(
    "default: the series' current cadence, else the organization's cadence setting",
  ),
  weekday: z.number().int().min(1).max(7).describe('ISO weekday: 1 = Monday … 7 = Sunday'),
  timeOfDay: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM'),
  timeZone: z
    .string()
    .refine(isTimeZone, 'not an IANA time zone')
    .optional()
    .describe("the manager's zone; default the organization's"),
  durationMinutes: z.number().int().min(5).max(120).default(20),
  startsOn: SupportedDaySchema.optional().describe(
    `first day the rule applies (default today); YYYY-MM-DD, ${SUPPORTED_DAYS}`,
  ),
});
export type SeriesInput = z.input<typeof SeriesInputSchema>;

export interface ScheduleSeriesOptions {
  orgId: string;
  actor: Actor;
  repId: string;
  series: SeriesInput;
  now: Date;
}

export interface ScheduleSeriesResult {
  series: SeriesRecord;
  /** The next scheduled 1:1 of the series after the change. */
  nextMeeting: MeetingRecord | null;
  /** The chosen cadence beside the one the team's sales cycle recommends. */
  cadence: SeriesCadenceAdvice;
}

/**
 * Creates the rep's recurring 1:1, or changes it. A change raises the series' SEQUENCE (the
 * calendars replace the recurrence) and moves the next scheduled 1:1 to the new slot
 * (its own SEQUENCE raised too); the rule applies from `startsOn`, so meetings already held
 * stay where they were. Only the rep's manager now (or an admin) sets it up.
 */
export async function scheduleSeries(
  db: Database,
  options: ScheduleSeriesOptions,
): Promise<ScheduleSeriesResult> {
  const parsed = SeriesInputSchema.safeParse(options.series);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      field: `body.${i.path.join('.')}`,
      reason: i.message,
    }));
    throw new AppError('VALIDATION_FAILED', 'Invalid meeting series.', { issues });
  }
  const input = parsed.data;
  const { orgId, now } = options;
  const org = await orgSeriesDefaults(db, orgId);
  const orgZone = org.timeZone;
  const timeZone = input.timeZone ?? orgZone;
  const team = await findRepManager(db, {
    orgId,
    repId: options.repId,
    day: dayInZone(now, orgZone),
  });
  if (!team) throw new AppError('NOT_FOUND', 'This person is on no team: no manager to meet.');
  if (options.actor.role !== 'admin' && options.actor.personId !== team.managerId) {
    throw new AppError('FORBIDDEN', "Only the rep's manager sets up their 1:1s.");
  }
  if (!team.managerId) throw new AppError('CONFLICT', "The rep's team has no manager.");
  const managerId = team.managerId;
  const startsOn = input.startsOn ?? dayInZone(now, timeZone);

  let chosen: Cadence = org.cadence;
  const result = await db.transaction(async (tx) => {
    const current = await findActiveSeries(tx, { orgId, repId: options.repId, lock: true });
    chosen = input.cadence ?? current?.cadence ?? org.cadence;
    const values = [
      chosen,
      input.weekday,
      `${input.timeOfDay}:00`,
      timeZone,
      input.durationMinutes,
      startsOn,
      managerId,
    ];
    if (!current) {
      const [series] = await tx.query<SeriesRecord>(
        `insert into meeting_series as s (org_id, rep_id, cadence, weekday, time_of_day, time_zone,
                                          duration_minutes, starts_on, manager_id, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning ${seriesRecordColumns}`,
        [orgId, options.repId, ...values, now.toISOString()],
      );
      if (!series) throw new Error('series insert returned nothing');
      const next = await scheduleNextMeeting(tx, { orgId, repId: options.repId, after: now, now });
      return { series, nextMeeting: next.meeting };
    }
    const [series] = await tx.query<SeriesRecord>(
      `update meeting_series as s set cadence = $3, weekday = $4, time_of_day = $5, time_zone = $6,
              duration_minutes = $7, starts_on = $8, manager_id = $9, sequence = s.sequence + 1
        where s.org_id = $1 and s.id = $2 returning ${seriesRecordColumns}`,
      [orgId, current.id, ...values],
    );
    if (!series) throw new Error('series update returned nothing');
    return { series, nextMeeting: await moveUpcoming(tx, { orgId, series, now }) };
  });
  const cadence = await adviseSeriesCadence(db, {
    orgId,
    repId: options.repId,
    chosen,
    now,
  });
  return { ...result, cadence };
}

/**
 * The upcoming 1:1s of a changed series: the first moves to the new next slot (a change,
 * so its SEQUENCE rises), any further ones are cancelled; with none, the next is created.
 */
async function moveUpcoming(
  tx: Queryable,
  options: { orgId: string; series: SeriesRecord; now: Date },
): Promise<MeetingRecord | null> {
  const { orgId, series, now } = options;
  const upcoming = await tx.query<{ id: string }>(
    `select id from meeting where org_id = $1 and series_id = $2 and status = 'scheduled'
        and started_at is null and scheduled_at > $3 order by scheduled_at for update`,
    [orgId, series.id, now.toISOString()],
  );
  const [first, ...rest] = upcoming;
  for (const extra of rest) {
    await tx.query(
      `update meeting set status = 'cancelled', sequence = sequence + 1 where org_id = $1 and id = $2`,
      [orgId, extra.id],
    );
  }
  if (!first) return insertOccurrence(tx, { orgId, series, after: now, now });
  const { at } = nextOccurrence(series, now);
  const [moved] = await tx.query<MeetingRecord>(
    `update meeting as m set scheduled_at = $3, duration_minutes = $4, manager_id = $5,
            sequence = m.sequence + 1
      where m.org_id = $1 and m.id = $2 returning ${meetingRecordColumns}`,
    [orgId, first.id, at.toISOString(), series.durationMinutes, series.managerId],
  );
  return moved ?? null;
}
