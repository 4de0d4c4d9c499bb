import type { Queryable } from '../db/database.js';
import type { Role } from '../db/schema/people.js';
import type { Caller } from './caller.js';
import { parseApiToken } from './create-api-token.js';

/** The caller behind `Authorization: Bearer rdr_…`, or null for an unknown or revoked token. */
export async function resolveApiToken(
  db: Queryable,
  options: { token: string; now: Date },
): Promise<Caller | null> {
  const parsed = parseApiToken(options.token);
  if (!parsed) return null;
  const [row] = await db.query<{
    id: string;
    last_used_at: string | null;
    person_id: string;
    role: Role;
    name: string;
    email: string | null;
    time_zone: string;
  }>(
    `select t.id, t.last_used_at, p.id as person_id, p.role, p.name, p.email, o.time_zone
       from api_token t
       join person p on p.org_id = t.org_id and p.id = t.created_by and p.active
       join org o on o.id = t.org_id
      where t.org_id = $1 and t.token_hash = $2 and t.revoked_at is null`,
    [parsed.orgId, parsed.tokenHash],
  );
  if (!row) return null;
  const now = options.now.getTime();
  if (!row.last_used_at || now - Date.parse(row.last_used_at) >= 60_000) {
    await db.query('update api_token set last_used_at = $3 where org_id = $1 and id = $2', [
      parsed.orgId,
      row.id,
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
    via: 'api-token',
    tokenId: row.id,
  };
}
