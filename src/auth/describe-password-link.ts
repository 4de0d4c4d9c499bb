import type { Queryable } from '../db/database.js';
import type { OneTimeTokenPurpose } from '../db/schema/access.js';
import { AppError } from '../shared/app-error.js';
import { isUuid } from './caller.js';
import { sha256 } from './secrets.js';

export interface PasswordLink {
  purpose: OneTimeTokenPurpose;
  email: string | null;
  org: { slug: string; name: string };
}

/**
 * What an unspent invitation or reset link is for: the organization (the token carries its
 * id) and the account's e-mail, so the page that opens it says where the password will work.
 * A spent, expired or made-up token is one 404; the secret is 256 random bits, so this is no
 * way to find tokens.
 */
export async function describePasswordLink(
  db: Queryable,
  options: { token: string; now: Date },
): Promise<PasswordLink> {
  const [orgId, secret] = options.token.split('.');
  const refused = new AppError('NOT_FOUND', 'The link is not valid or has expired.');
  if (!orgId || !secret || !isUuid(orgId)) throw refused;
  const [row] = await db.query<{
    purpose: OneTimeTokenPurpose;
    email: string | null;
    slug: string;
    name: string;
  }>(
    `select t.purpose, p.email, o.slug, o.name
       from one_time_token t
       join person p on p.org_id = t.org_id and p.id = t.person_id
       join org o on o.id = t.org_id
      where t.org_id = $1 and t.token_hash = $2 and t.used_at is null and t.expires_at > $3`,
    [orgId, sha256(secret), options.now.toISOString()],
  );
  if (!row) throw refused;
  return { purpose: row.purpose, email: row.email, org: { slug: row.slug, name: row.name } };
}
