import type { Queryable } from '../db/database.js';
import type { Role } from '../db/schema/people.js';
import { type Scope, scopeParam } from '../server/access/scope.js';
import { type PersonView, personColumns } from './person-view.js';

export interface ListPeopleOptions {
  orgId: string;
  scope: Scope;
  role?: Role | undefined;
  limit: number;
  offset: number;
}

/** The people within the caller's reach, by name. */
export async function listPeople(
  db: Queryable,
  options: ListPeopleOptions,
): Promise<{ items: PersonView[]; total: number }> {
  const where = `p.org_id = $1 and ($2::uuid[] is null or p.id = any($2::uuid[]))
                 and ($3::text is null or p.role = $3)`;
  const params = [options.orgId, scopeParam(options.scope), options.role ?? null];
  const items = await db.query<PersonView>(
    `select ${personColumns} from person p where ${where} order by p.name, p.id limit $4 offset $5`,
    [...params, options.limit, options.offset],
  );
  const [count] = await db.query<{ n: number }>(
    `select count(*)::int8 as n from person p where ${where}`,
    params,
  );
  return { items, total: count?.n ?? 0 };
}
