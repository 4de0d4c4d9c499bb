import type { Queryable } from '../db/database.js';
import type { OneTimeTokenPurpose } from '../db/schema/access.js';
import { newSecret, sha256 } from './secrets.js';

/** An invitation leaves a week to answer; a password reset, one hour. */
const lifetimeMs: Record<OneTimeTokenPurpose, number> = {
  invitation: 7 * 24 * 3_600_000,
  password_reset: 3_600_000,
};

/** A single-use link token `<orgId>.<secret>`; only its hash is stored. */
export async function issueOneTimeToken(
  db: Queryable,
  options: { orgId: string; personId: string; purpose: OneTimeTokenPurpose; now: Date },
): Promise<string> {
  const secret = newSecret();
  await db.query(
    `insert into one_time_token (org_id, token_hash, person_id, purpose, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [
      options.orgId,
      sha256(secret),
      options.personId,
      options.purpose,
      options.now.toISOString(),
      new Date(options.now.getTime() + lifetimeMs[options.purpose]).toISOString(),
    ],
  );
  return `${options.orgId}.${secret}`;
}

/** The link people open from the e-mail. */
export function setPasswordLink(publicUrl: string | undefined, token: string): string {
  const base = (publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
  return `${base}/set-password?token=${encodeURIComponent(token)}`;
}
