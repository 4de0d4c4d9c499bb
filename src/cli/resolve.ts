import type { Queryable } from '../db/database.js';
import { AppError } from '../shared/app-error.js';

/** A person by e-mail, external id or name (case-insensitive), in that order. */
export async function resolvePerson(
  db: Queryable,
  orgId: string,
  who: string,
): Promise<{ id: string; name: string }> {
  const rows = await db.query<{ id: string; name: string; how: number }>(
    `select id, name, case when lower(email) = lower($2) then 1
                           when external_id = $2 then 2 else 3 end as how
       from person
      where org_id = $1 and (lower(email) = lower($2) or external_id = $2 or lower(name) = lower($2))
      order by how, name`,
    [orgId, who],
  );
  const best = rows.filter((r) => r.how === rows[0]?.how);
  if (best.length === 1 && best[0]) return best[0];
  if (best.length === 0)
    throw new AppError(
      'NOT_FOUND',
      `No person "${who}" (looked for an e-mail, an external id or a name).`,
    );
  throw new AppError(
    'VALIDATION_FAILED',
    `"${who}" matches ${best.length} people; use the e-mail or the external id.`,
  );
}

/** A team by name (case-insensitive). */
export async function resolveTeam(
  db: Queryable,
  orgId: string,
  name: string,
): Promise<{ id: string; name: string }> {
  const [row] = await db.query<{ id: string; name: string }>(
    'select id, name from team where org_id = $1 and lower(name) = lower($2)',
    [orgId, name],
  );
  if (!row) throw new AppError('NOT_FOUND', `No team "${name}".`);
  return row;
}
