import type { Queryable } from '../db/database.js';
import { recordAudit } from '../organization/record-audit.js';
import { AppError } from '../shared/app-error.js';
import { hashPassword, verifyPassword } from './password.js';
import type { SignInLimiter } from './sign-in-limiter.js';

export interface SignInOptions {
  email: string;
  password: string;
  /** The organization's slug; needed only when the e-mail and password open several. */
  org?: string | undefined;
  address: string;
  now: Date;
  limiter: SignInLimiter;
}

/** Checked against when no account matches, so an unknown e-mail costs the same time. */
let decoyHash: Promise<string> | null = null;

/**
 * Checks e-mail and password. Unknown e-mail, inactive person and wrong password all answer the
 * same 401, in about the same time. A person may have accounts in several organizations
 * with one e-mail: the password decides which; when it opens more than one and no `org` is
 * given, the caller is asked to choose (400 whose issues, field `body.org`, are the
 * organizations that password opens: slug as `value`, name as `reason`).
 */
export async function signIn(
  db: Queryable,
  options: SignInOptions,
): Promise<{ orgId: string; personId: string }> {
  const keys = { email: options.email, address: options.address };
  // Counted before the password is checked: parallel attempts cannot all pass a check that
  // none of them has been counted in yet.
  if (!(await options.limiter.admit(keys, options.now))) {
    throw new AppError('RATE_LIMITED', 'Too many failed sign-ins; try again in a few minutes.');
  }
  const candidates = await db.query<{
    org_id: string;
    id: string;
    password_hash: string;
    slug: string;
    org_name: string;
  }>(
    `select p.org_id, p.id, p.password_hash, o.slug, o.name as org_name
       from person p join org o on o.id = p.org_id
      where lower(p.email) = lower($1) and p.active and p.password_hash is not null
        and ($2::text is null or o.slug = $2)
      order by o.slug
      limit 10`,
    [options.email, options.org ?? null],
  );
  const matches: typeof candidates = [];
  for (const candidate of candidates) {
    if (await verifyPassword(options.password, candidate.password_hash)) matches.push(candidate);
  }
  if (candidates.length === 0) {
    decoyHash ??= hashPassword('rudder-decoy-password');
    await verifyPassword(options.password, await decoyHash);
  }
  const [match] = matches;
  if (!match) {
    for (const candidate of candidates) {
      await recordAudit(db, {
        orgId: candidate.org_id,
        actorId: null,
        action: 'auth.sign_in_failed',
        subjectType: 'person',
        subjectId: candidate.id,
        ip: options.address,
        at: options.now,
      });
    }
    throw new AppError('UNAUTHENTICATED', 'The e-mail or the password is not right.');
  }
  // A right password gives its attempt back (and clears the account's), before the choice too.
  await options.limiter.succeeded(keys, options.now);
  if (matches.length > 1) {
    // Only the organizations this password opens are listed: whoever sees the list could
    // sign in to each of them anyway, so it tells nothing a right password does not.
    throw new AppError(
      'VALIDATION_FAILED',
      'org: this e-mail and password open several organizations; choose one.',
      {
        issues: matches.map((m) => ({ field: 'body.org', value: m.slug, reason: m.org_name })),
      },
    );
  }
  await recordAudit(db, {
    orgId: match.org_id,
    actorId: match.id,
    action: 'auth.sign_in',
    subjectType: 'person',
    subjectId: match.id,
    ip: options.address,
    at: options.now,
  });
  return { orgId: match.org_id, personId: match.id };
}
