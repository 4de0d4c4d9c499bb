import type { Queryable } from '../db/database.js';

export interface MailMessage {
  orgId: string;
  to: string[];
  subject: string;
  /** Plain-text part: every message has one, for clients that show no HTML. */
  text: string;
  html: string;
}

/**
 * Puts a message in the outbox. Delivery (SMTP when configured) happens from there, so a
 * message is never lost to a failed send and, without SMTP, the outbox is what people read.
 */
export async function queueMail(db: Queryable, message: MailMessage): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into outbox_message (org_id, "to", subject, text, html)
     values ($1, $2, $3, $4, $5) returning id`,
    [message.orgId, message.to, message.subject, message.text, message.html],
  );
  return row?.id ?? '';
}
