import type { Queryable } from '../db/database.js';

export interface EnqueuePeriodicJobsOptions {
  now: Date;
  /** Queue deliveries of the outbox (only when SMTP is configured). */
  deliverMail: boolean;
  /** Outbox messages older than this are left alone: switching SMTP on must not send stale mail. */
  mailMaxAgeHours?: number;
  /** Queue CRM syncs when due (only with CRM_SECRET_KEY, without which none can run). */
  syncCrm?: boolean;
}

/**
 * The scheduler every runner calls on each poll. It only inserts jobs, each with a dedupe
 * key, so any number of processes may run it at once and each job exists once:
 * - `send-reminder` per meeting and SEQUENCE, once the 1:1 is within the organization's
 *   `reminderLeadHours` (default 24): a moved 1:1 gets a reminder for its new time;
 * - `detect-missed` per meeting whose planned end has passed without a start;
 * - `deliver-mail` per unsent outbox message;
 * - `crm-sync` per active CRM connection and slot of its `scheduleMinutes` (default 60)
 *   since the epoch: every server computes the same key, so each slot's sync exists once.
 * It also deletes `Idempotency-Key`s past their 24 hours (src/server/idempotent-writes.ts).
 */
export async function enqueuePeriodicJobs(
  db: Queryable,
  options: EnqueuePeriodicJobsOptions,
): Promise<{
  reminders: number;
  missed: number;
  mail: number;
  syncs: number;
  expiredKeys: number;
}> {
  const now = options.now.toISOString();
  const reminders = await db.query(
    `insert into job (org_id, kind, dedupe_key, payload, run_at)
     select m.org_id, 'send-reminder', m.id || ':' || m.sequence,
            jsonb_build_object('meetingId', m.id, 'sequence', m.sequence), $1::timestamptz
       from meeting m join org o on o.id = m.org_id
      where m.status = 'scheduled' and m.started_at is null and m.scheduled_at > $1::timestamptz
        and m.scheduled_at <= $1::timestamptz
            + coalesce((o.settings->>'reminderLeadHours')::int, 24) * interval '1 hour'
     on conflict (org_id, kind, dedupe_key) do nothing returning id`,
    [now],
  );
  const missed = await db.query(
    `insert into job (org_id, kind, dedupe_key, payload, run_at)
     select m.org_id, 'detect-missed', m.id || ':' || m.sequence,
            jsonb_build_object('meetingId', m.id), $1::timestamptz
       from meeting m
      where m.status = 'scheduled' and m.started_at is null
        and m.scheduled_at + m.duration_minutes * interval '1 minute' <= $1::timestamptz
     on conflict (org_id, kind, dedupe_key) do nothing returning id`,
    [now],
  );
  const mail = options.deliverMail
    ? await db.query(
        `insert into job (org_id, kind, dedupe_key, payload, run_at)
         select o.org_id, 'deliver-mail', o.id::text, jsonb_build_object('messageId', o.id),
                $1::timestamptz
           from outbox_message o
          where o.sent_at is null
            and o.created_at > $1::timestamptz - $2 * interval '1 hour'
         on conflict (org_id, kind, dedupe_key) do nothing returning id`,
        [now, options.mailMaxAgeHours ?? 48],
      )
    : [];
  const syncs = options.syncCrm
    ? await db.query(
        `insert into job (org_id, kind, dedupe_key, payload, run_at)
         select c.org_id, 'crm-sync',
                c.kind || ':' || floor(extract(epoch from $1::timestamptz)
                  / (60 * coalesce((c.settings->>'scheduleMinutes')::int, 60)))::bigint,
                jsonb_build_object('crm', c.kind), $1::timestamptz
           from crm_connection c
          where c.status = 'active'
         on conflict (org_id, kind, dedupe_key) do nothing returning id`,
        [now],
      )
    : [];
  // Housekeeping on the same beat: Idempotency-Keys past their 24 hours, a batch per poll.
  const expiredKeys = await db.query(
    `delete from idempotent_request where ctid = any(array(
       select ctid from idempotent_request where expires_at <= $1::timestamptz limit 1000))
     returning 1`,
    [now],
  );
  return {
    expiredKeys: expiredKeys.length,
    reminders: reminders.length,
    missed: missed.length,
    mail: mail.length,
    syncs: syncs.length,
  };
}
