import type { Config } from '../config/config.js';
import { queueMeetingReminder } from '../mail/queue-meeting-reminder.js';
import { deliverOutboxMessage, type MailTransport, smtpTransport } from '../mail/send-outbox.js';
import { detectMissedMeetings } from '../meetings/detect-missed-meetings.js';
import type { JobHandler, JobKind } from './job-types.js';

const text = (payload: Record<string, unknown>, key: string): string => {
  const value = payload[key];
  if (typeof value !== 'string') throw new Error(`job payload: ${key} missing`);
  return value;
};

/**
 * Rudder's job handlers. `deliver-mail` exists only with a transport (SMTP configured):
 * without one, messages stay in the outbox, which is then the development mailbox.
 */
export function createJobHandlers(
  config: Config,
  options: { transport?: MailTransport } = {},
): Partial<Record<JobKind, JobHandler>> {
  const transport =
    options.transport ?? (config.SMTP_URL ? smtpTransport(config.SMTP_URL) : undefined);
  const handlers: Partial<Record<JobKind, JobHandler>> = {
    // The reminder is queued in the same transaction that completes the job: exactly once.
    'send-reminder': async ({ job, complete, clock, config: c }) => {
      const sequence = job.payload.sequence;
      await complete((tx) =>
        queueMeetingReminder(tx, {
          orgId: job.orgId,
          meetingId: text(job.payload, 'meetingId'),
          sequence: typeof sequence === 'number' ? sequence : -1,
          now: clock.now(),
          publicUrl: c.PUBLIC_URL,
        }),
      );
    },
    'detect-missed': async ({ job, complete, clock }) => {
      await complete((tx) =>
        detectMissedMeetings(tx, {
          orgId: job.orgId,
          meetingId: text(job.payload, 'meetingId'),
          now: clock.now(),
        }),
      );
    },
  };
  if (config.CRM_SECRET_KEY) {
    // One run at a time per connection (its hold), each batch with its cursor: a job claimed
    // twice (a lease that ran out) finds the connection busy or nothing left to write.
    handlers['crm-sync'] = async ({ job, db, clock, config: c, leaseMs }) => {
      const crm = job.payload.crm;
      if (crm !== 'salesforce' && crm !== 'hubspot')
        throw new Error(`job payload: crm ${String(crm)} has no sync`);
      const { SecretBox } = await import('../sync/secret-box.js');
      const run = {
        db,
        orgId: job.orgId,
        box: SecretBox.fromConfig(c.CRM_SECRET_KEY),
        clock,
        full: job.payload.full === true,
        // The connection's hold lasts no longer than the job's claim: a dead server frees both.
        holdMs: leaseMs,
      };
      // A failed or rate-limited run is in the import history; the next slot resumes it.
      if (crm === 'hubspot') {
        const { syncHubSpot } = await import('../sync/hubspot/sync-hubspot.js');
        await syncHubSpot(run);
      } else {
        const { syncSalesforce } = await import('../sync/salesforce/sync-salesforce.js');
        await syncSalesforce(run);
      }
    };
  }
  if (transport) {
    handlers['deliver-mail'] = async ({ job, db, clock, config: c, fence, leaseMs }) => {
      const outcome = await deliverOutboxMessage(db, {
        orgId: job.orgId,
        messageId: text(job.payload, 'messageId'),
        transport,
        from: c.MAIL_FROM,
        clock,
        // Half the job's lease: when a runner dies, the message's lease has run out by the
        // time another runner may claim the job, which then finds the message free to send.
        leaseMs: leaseMs / 2,
        fence,
      });
      // Another sender holds the message (it may have died): retry after the backoff, so
      // the message is sent once that lease has run out.
      if (outcome === 'in-flight') throw new Error('the message is being sent by another sender');
    };
  }
  return handlers;
}
