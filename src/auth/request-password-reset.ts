import type { Queryable } from '../db/database.js';
import { queueMail } from '../mail/queue-mail.js';
import { recordAudit } from '../organization/record-audit.js';
import { escapeHtml } from './invite-person.js';
import { issueOneTimeToken, setPasswordLink } from './issue-one-time-token.js';

export interface RequestPasswordResetOptions {
  email: string;
  org?: string | undefined;
  now: Date;
  publicUrl?: string | undefined;
  address: string;
}

/**
 * Sends a reset link to every active account with this e-mail (in the given organization
 * only, when one is named). The caller always gets the same answer: whether the e-mail is
 * known is told only to its owner's mailbox.
 */
export async function requestPasswordReset(
  db: Queryable,
  options: RequestPasswordResetOptions,
): Promise<void> {
  const people = await db.query<{ org_id: string; id: string; email: string; org_name: string }>(
    `select p.org_id, p.id, p.email, o.name as org_name
       from person p join org o on o.id = p.org_id
      where lower(p.email) = lower($1) and p.active and ($2::text is null or o.slug = $2)
      limit 10`,
    [options.email, options.org ?? null],
  );
  for (const person of people) {
    const token = await issueOneTimeToken(db, {
      orgId: person.org_id,
      personId: person.id,
      purpose: 'password_reset',
      now: options.now,
    });
    const link = setPasswordLink(options.publicUrl, token);
    await queueMail(db, {
      orgId: person.org_id,
      to: [person.email],
      subject: `Reset your Rudder password for ${person.org_name}`,
      text: `Someone asked to reset your Rudder password.\nChoose a new one here (the link works once, within an hour):\n${link}\n\nIf it was not you, ignore this message.`,
      html: `<p>Someone asked to reset your Rudder password.</p><p><a href="${escapeHtml(link)}">Choose a new password</a> (the link works once, within an hour).</p><p>If it was not you, ignore this message.</p>`,
    });
    await recordAudit(db, {
      orgId: person.org_id,
      actorId: null,
      action: 'auth.password_reset_requested',
      subjectType: 'person',
      subjectId: person.id,
      ip: options.address,
      at: options.now,
    });
  }
}
