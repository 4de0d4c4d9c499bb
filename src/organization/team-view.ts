import { z } from 'zod';
import type { Queryable } from '../db/database.js';

export const TeamSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    managerId: z.string().nullable(),
    leaderId: z.string().nullable(),
    members: z
      .array(z.object({ personId: z.string(), name: z.string(), validFrom: z.string() }))
      .describe('the members today (org-local); past members are not listed'),
  })
  .meta({ id: 'Team' });

export type TeamView = z.infer<typeof TeamSchema>;

/** Teams by id, each with its members as of `today`. */
export async function loadTeams(
  db: Queryable,
  options: { orgId: string; teamIds: readonly string[]; today: string },
): Promise<TeamView[]> {
  if (options.teamIds.length === 0) return [];
  const teams = await db.query<Omit<TeamView, 'members'>>(
    `select id, name, manager_id as "managerId", leader_id as "leaderId"
       from team where org_id = $1 and id = any($2::uuid[]) order by name, id`,
    [options.orgId, options.teamIds],
  );
  const members = await db.query<{
    teamId: string;
    personId: string;
    name: string;
    validFrom: string;
  }>(
    `select m.team_id as "teamId", m.person_id as "personId", p.name, m.valid_from as "validFrom"
       from team_membership m join person p on p.org_id = m.org_id and p.id = m.person_id
      where m.org_id = $1 and m.team_id = any($2::uuid[])
        and m.valid_from <= $3::date and (m.valid_to is null or m.valid_to > $3::date)
      order by p.name, p.id`,
    [options.orgId, options.teamIds, options.today],
  );
  return teams.map((t) => ({
    ...t,
    members: members
      .filter((m) => m.teamId === t.id)
      .map(({ personId, name, validFrom }) => ({ personId, name, validFrom })),
  }));
}
