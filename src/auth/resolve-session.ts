import type { Queryable } from '../db/database.js';
import type { Role } from '../db/schema/people.js';
import { type Caller, isUuid } from './caller.js';
import { parseSessionCookie } from './create-session.js';
import { sha256 } from './secrets.js';

export interface ResolveSessionOptions {
  cookie: string;
  now: Date;
  idleMinutes: number;
}

/** Writing last_seen_at on every request would make every read a write; once a minute is enough. */
const touchEveryMs = 60_000;

/** The person behind a session cookie, or null when the session is unknown, idle or expired. */
export async function resolveSession(
  db: Queryable,
  options: ResolveSessionOptions,
): Promise<Caller | null> {
  const parsed = parseSessionCookie(options.cookie);
  if (!parsed || !isUuid(parsed.orgId)) return null;
  const tokenHash = sha256(parsed.token);
  const [row] = await db.query<{
    person_id: string;
    last_seen_at: string;
    expires_at: string;
    role: Role;
    name: string;
    email: string | null;
    time_zone: string;
  }>(
    `select s.person_id, s.last_seen_at, s.expires_at, p.role, p.name, p.email, o.time_zone
       from session s
       join person p on p.org_id = s.org_id and p.id = s.person_id and p.active
       join org o on o.id = s.org_id
      where s.org_id = $1 and s.token_hash = $2`,
    [parsed.orgId, tokenHash],
  );
  if (!row) return null;
  const now = options.now.getTime();
  const lastSeen = Date.parse(row.last_seen_at);
  if (Date.parse(row.expires_at) <= now || lastSeen + options.idleMinutes * 60_000 <= now) {
    await db.query('delete from session where org_id = $1 and token_hash = $2', [
      parsed.orgId,
      tokenHash,
    ]);
    return null;
  }
  if (now - lastSeen >= touchEveryMs) {
    await db.query('update session set last_seen_at = $3 where org_id = $1 and token_hash = $2', [
      parsed.orgId,
      tokenHash,
      options.now.toISOString(),
    ]);
  }
  return {
    orgId: parsed.orgId,
    personId: row.person_id,
    role: row.role,
    name: row.name,
    email: row.email,
    timeZone: row.time_zone,
    via: 'session',
  };
}
