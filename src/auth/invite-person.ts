import type { Queryable } from '../db/database.js';
import { queueMail } from '../mail/queue-mail.js';
import { recordAudit } from '../organization/record-audit.js';
import { AppError } from '../shared/app-error.js';
import { issueOneTimeToken, setPasswordLink } from './issue-one-time-token.js';

export interface InvitePersonOptions {
  orgId: string;
  personId: string;
  actorId: string;
  now: Date;
  publicUrl?: string | undefined;
}

/** E-mails a person a single-use link to choose their password (their first sign-in). */
export async function invitePerson(db: Queryable, options: InvitePersonOptions): Promise<void> {
  const [person] = await db.query<{ name: string; email: string | null; org_name: string }>(
    `select p.name, p.email, o.name as org_name
       from person p join org o on o.id = p.org_id
      where p.org_id = $1 and p.id = $2 and p.active`,
    [options.orgId, options.personId],
  );
  if (!person) throw new AppError('NOT_FOUND', 'No such person.');
  if (!person.email) {
    throw new AppError('VALIDATION_FAILED', 'This person has no e-mail address to invite.', {
      issues: [{ field: 'email', reason: 'is missing' }],
    });
  }
  const token = await issueOneTimeToken(db, { ...options, purpose: 'invitation' });
  const link = setPasswordLink(options.publicUrl, token);
  await queueMail(db, {
    orgId: options.orgId,
    to: [person.email],
    subject: `You are invited to ${person.org_name} on Rudder`,
    text: `Hello ${person.name},\n\nChoose your password to sign in to Rudder:\n${link}\n\nThe link works once, within 7 days.`,
    html: `<p>Hello ${escapeHtml(person.name)},</p><p><a href="${escapeHtml(link)}">Choose your password</a> to sign in to Rudder.</p><p>The link works once, within 7 days.</p>`,
  });
  await recordAudit(db, {
    orgId: options.orgId,
    actorId: options.actorId,
    action: 'auth.invitation_sent',
    subjectType: 'person',
    subjectId: options.personId,
    at: options.now,
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
