import { prepareAgenda } from '../agenda/prepare-agenda.js';
import type { Queryable } from '../db/database.js';
import { link } from './mail-html.js';
import { meetingReminderMail } from './meeting-reminder-mail.js';
import { queueMail } from './queue-mail.js';

export interface QueueMeetingReminderOptions {
  orgId: string;
  meetingId: string;
  /** The meeting's SEQUENCE when the reminder was planned: a moved 1:1 gets its own. */
  sequence: number;
  now: Date;
  publicUrl?: string | undefined;
}

/**
 * Puts the reminder with the prep summary in the outbox for the manager and the rep, if
 * the 1:1 is still scheduled as planned and ahead. Returns the message id, or null when
 * there is nothing to remind of (moved, cancelled, started, past, nobody with an e-mail).
 */
export async function queueMeetingReminder(
  db: Queryable,
  options: QueueMeetingReminderOptions,
): Promise<string | null> {
  const [m] = await db.query<{
    rep_id: string;
    rep_name: string;
    rep_email: string | null;
    manager_name: string;
    manager_email: string | null;
    scheduled_at: string;
    duration_minutes: number;
    time_zone: string;
  }>(
    `select m.rep_id, r.name as rep_name, r.email as rep_email, mg.name as manager_name,
            mg.email as manager_email, m.scheduled_at, m.duration_minutes,
            coalesce(s.time_zone, o.time_zone) as time_zone
       from meeting m
       join org o on o.id = m.org_id
       join person r on r.org_id = m.org_id and r.id = m.rep_id
       join person mg on mg.org_id = m.org_id and mg.id = m.manager_id
       left join meeting_series s on s.org_id = m.org_id and s.id = m.series_id
      where m.org_id = $1 and m.id = $2 and m.status = 'scheduled' and m.started_at is null
        and m.sequence = $3 and m.scheduled_at > $4::timestamptz`,
    [options.orgId, options.meetingId, options.sequence, options.now.toISOString()],
  );
  if (!m) return null;
  const to = [m.manager_email, m.rep_email].filter((e): e is string => Boolean(e));
  if (to.length === 0) return null;
  const agenda = await prepareAgenda(db, {
    orgId: options.orgId,
    personId: m.rep_id,
    now: options.now,
  });
  return queueMail(
    db,
    meetingReminderMail({
      orgId: options.orgId,
      to,
      repName: m.rep_name,
      managerName: m.manager_name,
      scheduledAt: m.scheduled_at,
      durationMinutes: m.duration_minutes,
      timeZone: m.time_zone,
      agenda,
      meetingUrl: link(options.publicUrl, `/meetings/${options.meetingId}`),
    }),
  );
}
