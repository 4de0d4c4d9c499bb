import type { Queryable } from '../db/database.js';

export interface OrganizationSummary {
  slug: string;
  name: string;
  /** Active people, with or without a login. */
  people: number;
  createdAt: string;
}

/** Every organization of the database, by slug: for operators (`rudder org list`). */
export function listOrganizations(db: Queryable): Promise<OrganizationSummary[]> {
  return db.query<OrganizationSummary>(
    `select o.slug, o.name, o.created_at as "createdAt",
            (select count(*) from person p where p.org_id = o.id and p.active)::int8 as people
       from org o
      order by o.slug`,
  );
}
