import type { Queryable } from '../db/database.js';
import { isUuid } from './caller.js';
import { parseSessionCookie } from './create-session.js';
import { sha256 } from './secrets.js';

/** Sign-out: the session row goes, so the cookie is worthless even if it was copied. */
export async function endSession(db: Queryable, cookie: string): Promise<void> {
  const parsed = parseSessionCookie(cookie);
  if (!parsed || !isUuid(parsed.orgId)) return;
  await db.query('delete from session where org_id = $1 and token_hash = $2', [
    parsed.orgId,
    sha256(parsed.token),
  ]);
}
