import type { Transporter } from 'nodemailer';
import type { Database, Queryable } from '../db/database.js';

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

/** The SMTP transport of `SMTP_URL` (smtp:// or smtps://, credentials in the URL). */
export function smtpTransport(smtpUrl: string): MailTransport & { close(): void } {
  // nodemailer loads with the first message: a server without SMTP never pays for it at start.
  let transport: Promise<Transporter> | null = null;
  const open = () => {
    transport ??= import('nodemailer').then((m) => m.default.createTransport(smtpUrl));
    return transport;
  };
  return {
    sendMail: async (message) => (await open()).sendMail(message),
    close: () => {
      void transport?.then((t) => t.close());
    },
  };
}

export type DeliveryOutcome = 'sent' | 'already-sent' | 'missing';

export interface DeliverOutboxMessageOptions {
  orgId: string;
  messageId: string;
  transport: MailTransport;
  from: string;
  now: Date;
  /** Called inside the claiming transaction (the job runner's fence). */
  fence?: (tx: Queryable) => Promise<void>;
}

/**
 * Sends one outbox message, at most once. SMTP cannot take part in a database transaction,
 * so the order decides what a crash costs:
 * 1. claim: `sent_at` is set in a committed transaction, only if it was still null — of any
 *    number of runners, exactly one gets the row (the conditional update is atomic);
 * 2. send over SMTP;
 * 3. if the server refuses or cannot be reached, `sent_at` is cleared again and the error
 *    rethrown, so the job retries with backoff.
 * A process that dies between 1 and 2 leaves the message marked sent but not delivered:
 * a lost e-mail rather than a duplicate. For a reminder or a summary that is the right
 * side to err on (a duplicate looks broken, and every message stays readable in the
 * outbox); the Message-ID derived from the outbox id lets receivers drop duplicates too.
 */
export async function deliverOutboxMessage(
  db: Database,
  options: DeliverOutboxMessageOptions,
): Promise<DeliveryOutcome> {
  const claimed = await db.transaction(async (tx) => {
    await options.fence?.(tx);
    const [row] = await tx.query<{ to: string[]; subject: string; text: string; html: string }>(
      `update outbox_message set sent_at = $3
        where org_id = $1 and id = $2 and sent_at is null
       returning "to", subject, text, html`,
      [options.orgId, options.messageId, options.now.toISOString()],
    );
    if (row) return row;
    const [exists] = await tx.query('select 1 from outbox_message where org_id = $1 and id = $2', [
      options.orgId,
      options.messageId,
    ]);
    return exists ? ('already-sent' as const) : ('missing' as const);
  });
  if (typeof claimed === 'string') return claimed;
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
    await db.query(
      'update outbox_message set sent_at = null where org_id = $1 and id = $2 and sent_at = $3',
      [options.orgId, options.messageId, options.now.toISOString()],
    );
    throw error;
  }
  return 'sent';
}

/**
 * Sends every unsent message once, oldest first (for `rudder outbox --send` and tests; the
 * server delivers through `deliver-mail` jobs instead). Returns how many were sent.
 */
export async function sendOutbox(
  db: Database,
  options: { transport: MailTransport; from: string; now: Date; limit?: number },
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
      now: options.now,
    });
    if (outcome === 'sent') sent += 1;
  }
  return sent;
}
