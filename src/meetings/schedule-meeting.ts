import { dayInZone } from '../core/days.js';
import type { Database } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import {
  type Actor,
  findActiveSeries,
  findRepManager,
  type MeetingRecord,
  meetingRecordColumns,
  orgTimeZone,
} from './meeting-records.js';

export interface ScheduleMeetingOptions {
  orgId: string;
  actor: Actor;
  repId: string;
  scheduledAt: Date;
  /** Default: the rep's series duration, else the product's 20 minutes. */
  durationMinutes?: number | undefined;
  now: Date;
}

/**
 * A one-off 1:1 outside the rep's series (a first meeting, an extra one before a big
 * quarter end): scheduled with the rep's manager now, in the future. It belongs to no
 * series, so the series goes on untouched. Only the rep's manager now schedules it.
 */
export async function scheduleMeeting(
  db: Database,
  options: ScheduleMeetingOptions,
): Promise<MeetingRecord> {
  const { orgId, now } = options;
  if (Number.isNaN(options.scheduledAt.getTime()) || options.scheduledAt <= now) {
    throw new AppError('VALIDATION_FAILED', 'A 1:1 is scheduled in the future.', {
      issues: [{ field: 'body.scheduledAt', reason: 'not in the future' }],
    });
  }
  const day = dayInZone(now, await orgTimeZone(db, orgId));
  const team = await findRepManager(db, { orgId, repId: options.repId, day });
  if (!team) throw new AppError('NOT_FOUND', 'This person is on no team: no manager to meet.');
  if (options.actor.personId !== team.managerId) {
    throw new AppError('FORBIDDEN', "Only the rep's manager schedules their 1:1s.");
  }
  const series = await findActiveSeries(db, { orgId, repId: options.repId });
  const [meeting] = await db.query<MeetingRecord>(
    `insert into meeting as m (org_id, series_id, rep_id, manager_id, scheduled_at,
                              duration_minutes, status, created_at)
     values ($1, null, $2, $3, $4, $5, 'scheduled', $6) returning ${meetingRecordColumns}`,
    [
      orgId,
      options.repId,
      team.managerId,
      options.scheduledAt.toISOString(),
      options.durationMinutes ?? series?.durationMinutes ?? 20,
      now.toISOString(),
    ],
  );
  if (!meeting) throw new Error('meeting insert returned nothing');
  return meeting;
}
