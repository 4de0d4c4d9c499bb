import { randomUUID } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { Database, Queryable } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { startHeartbeat } from '../shared/heartbeat.js';

/** What sends one message: nodemailer's SMTP transport in production. */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string[];
    subject: string;
    text: string;
    html: string;
    messageId: string;
  }): Promise<unknown>;
}

/**
 * The SMTP transport of `SMTP_URL` (smtp:// or smtps://, credentials in the URL). Its timeouts
 * bound how long a live sender waits on a silent receiver before giving the message back for
 * a retry (nodemailer's defaults wait up to 10 minutes).
 */
export function smtpTransport(smtpUrl: string): MailTransport & { close(): void } {
  // nodemailer loads with the first message: a server without SMTP never pays for it at start.
  let transport: Promise<Transporter> | null = null;
  const open = () => {
    transport ??= import('nodemailer').then((m) =>
      m.default.createTransport({
        url: smtpUrl,
        connectionTimeout: 20_000,
        greetingTimeout: 20_000,
        socketTimeout: 60_000,
      }),
    );
    return transport;
  };
  return {
    sendMail: async (message) => (await open()).sendMail(message),
    close: () => {
      void transport?.then((t) => t.close());
    },
  };
}

/**
 * `in-flight`: another sender holds the message's lease (it is delivering it now, or died
 * less than a lease ago); the caller retries later.
 */
export type DeliveryOutcome = 'sent' | 'already-sent' | 'missing' | 'in-flight';

/** How long a sender's claim on a message holds without renewal (renewed every third). */
export const defaultSendLeaseMs = 20_000;

export interface DeliverOutboxMessageOptions {
  orgId: string;
  messageId: string;
  transport: MailTransport;
  from: string;
  clock: Clock;
  leaseMs?: number;
  /** Called inside the claiming transaction (the job runner's fence). */
  fence?: (tx: Queryable) => Promise<void>;
  onError?: (error: unknown) => void;
}

/**
 * Sends one outbox message at least once, and more than once only if a process dies between
 * the receiver's acknowledgement and the commit that follows it. SMTP cannot take part in a
 * database transaction, so the order decides what a crash costs:
 * 1. claim: a lease (`sending_until`, `sending_by`) is committed, only if the message is
 *    unsent and nobody else's lease is running — of any number of senders, one gets it;
 * 2. send over SMTP, renewing the lease while it runs, with the Message-ID derived from the
 *    outbox id, the same on every attempt (receivers can drop a duplicate by it);
 * 3. after the receiver acknowledged (sendMail resolves after the final 250 to DATA),
 *    `sent_at` is set; if the send failed, the lease is given back and the error rethrown.
 * A process that dies before 3 leaves `sent_at` null and a lease that runs out within
 * `leaseMs`: any sender then delivers the message again (docs/operations.md).
 */
export async function deliverOutboxMessage(
  db: Database,
  options: DeliverOutboxMessageOptions,
): Promise<DeliveryOutcome> {
  const leaseMs = options.leaseMs ?? defaultSendLeaseMs;
  const key = [options.orgId, options.messageId] as const;
  const attempt = randomUUID();
  const leaseEnd = () => new Date(options.clock.now().getTime() + leaseMs).toISOString();
  const claimed = await db.transaction(async (tx) => {
    await options.fence?.(tx);
    const [row] = await tx.query<{ to: string[]; subject: string; text: string; html: string }>(
      `update outbox_message set sending_until = $3, sending_by = $4
        where org_id = $1 and id = $2 and sent_at is null
          and (sending_until is null or sending_until <= $5)
       returning "to", subject, text, html`,
      [...key, leaseEnd(), attempt, options.clock.now().toISOString()],
    );
    if (row) return row;
    const [found] = await tx.query<{ sent: boolean }>(
      'select sent_at is not null as sent from outbox_message where org_id = $1 and id = $2',
      [...key],
    );
    if (!found) return 'missing' as const;
    return found.sent ? ('already-sent' as const) : ('in-flight' as const);
  });
  if (typeof claimed === 'string') return claimed;
  const heartbeat = startHeartbeat({
    everyMs: leaseMs / 3,
    renew: async () =>
      (
        await db.query(
          `update outbox_message set sending_until = $3
            where org_id = $1 and id = $2 and sending_by = $4 and sent_at is null returning 1`,
          [...key, leaseEnd(), attempt],
        )
      ).length === 1,
    ...(options.onError ? { onError: options.onError } : {}),
  });
  try {
    await options.transport.sendMail({
      from: options.from,
      to: claimed.to,
      subject: claimed.subject,
      text: claimed.text,
      html: claimed.html,
      messageId: `<${options.messageId}@rudder>`,
    });
  } catch (error: unknown) {
    await heartbeat.stop();
    await db.query(
      `update outbox_message set sending_until = null, sending_by = null
        where org_id = $1 and id = $2 and sending_by = $3`,
      [...key, attempt],
    );
    throw error;
  }
  await heartbeat.stop();
  // Delivered, whoever holds the lease now: the first acknowledged delivery is the one kept.
  await db.query(
    `update outbox_message set sent_at = $3, sending_until = null, sending_by = null
      where org_id = $1 and id = $2 and sent_at is null`,
    [...key, options.clock.now().toISOString()],
  );
  return 'sent';
}

/**
 * Sends every unsent message once, oldest first (for `rudder outbox --send` and tests; the
 * server delivers through `deliver-mail` jobs instead). Returns how many were sent.
 */
export async function sendOutbox(
  db: Database,
  options: { transport: MailTransport; from: string; clock: Clock; limit?: number },
): Promise<number> {
  const pending = await db.query<{ org_id: string; id: string }>(
    `select org_id, id from outbox_message where sent_at is null order by created_at, id limit $1`,
    [options.limit ?? 500],
  );
  let sent = 0;
  for (const message of pending) {
    const outcome = await deliverOutboxMessage(db, {
      orgId: message.org_id,
      messageId: message.id,
      transport: options.transport,
      from: options.from,
      clock: options.clock,
    });
    if (outcome === 'sent') sent += 1;
  }
  return sent;
}
