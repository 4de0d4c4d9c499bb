import type { Caller } from '../../auth/caller.js';
import type { Day } from '../../core/facts.js';
import type { Queryable } from '../../db/database.js';
import { AppError } from '../../shared/app-error.js';
import type { Level } from './visibility.js';

/** The caller, the reach the visibility table grants them on this route, and today (org-local). */
export interface Access {
  caller: Caller;
  level: Level;
  today: Day;
}

/** Which ids a caller may see: everything in the organization, or exactly these. */
export type Scope = { all: true } | { all: false; ids: readonly string[] };

/** For SQL: `($n::uuid[] is null or x = any($n))`. */
export function scopeParam(scope: Scope): readonly string[] | null {
  return scope.all ? null : scope.ids;
}

export function inScope(scope: Scope, id: string): boolean {
  return scope.all || scope.ids.includes(id);
}

const current = (alias: string, day: string) =>
  `${alias}.valid_from <= ${day}::date and (${alias}.valid_to is null or ${alias}.valid_to > ${day}::date)`;

/**
 * The people within reach. `team` follows the teams as they are TODAY: a rep who moved to
 * another team leaves their old manager's reach the day the move takes effect.
 */
export async function personScope(db: Queryable, access: Access): Promise<Scope> {
  const { caller, level } = access;
  switch (level) {
    case 'org':
      return { all: true };
    case 'none':
      return { all: false, ids: [] };
    case 'self':
      return { all: false, ids: [caller.personId] };
    case 'team': {
      const rows = await db.query<{ id: string }>(
        `select $2::uuid as id
         union
         select m.person_id
           from team t join team_membership m on m.org_id = t.org_id and m.team_id = t.id
          where t.org_id = $1 and t.id = any($4::uuid[]) and ${current('m', '$3')}
         union
         select t.manager_id from team t
          where t.org_id = $1 and $5 = 'leader' and t.leader_id = $2 and t.manager_id is not null`,
        [
          caller.orgId,
          caller.personId,
          access.today,
          await teamIdsInReach(db, access),
          caller.role,
        ],
      );
      return { all: false, ids: rows.map((r) => r.id) };
    }
  }
}

/** The teams within reach: managed (manager), led (leader), belonged to now (rep). */
export async function teamScope(db: Queryable, access: Access): Promise<Scope> {
  switch (access.level) {
    case 'org':
      return { all: true };
    case 'none':
    case 'self':
      return { all: false, ids: [] };
    case 'team':
      return { all: false, ids: await teamIdsInReach(db, access) };
  }
}

async function teamIdsInReach(db: Queryable, access: Access): Promise<string[]> {
  const { caller } = access;
  const rows = await db.query<{ id: string }>(
    `select t.id from team t
      where t.org_id = $1
        and (($3 = 'manager' and t.manager_id = $2) or ($3 = 'leader' and t.leader_id = $2)
          or ($3 = 'rep' and exists (
                select 1 from team_membership m
                 where m.org_id = t.org_id and m.team_id = t.id and m.person_id = $2
                   and ${current('m', '$4')})))`,
    [caller.orgId, caller.personId, caller.role, access.today],
  );
  return rows.map((r) => r.id);
}

const notFound = (what: string) => new AppError('NOT_FOUND', `No such ${what}.`);

/** 404 unless the person exists in the caller's organization AND is within reach. */
export async function requirePerson(
  db: Queryable,
  access: Access,
  personId: string,
): Promise<void> {
  const scope = await personScope(db, access);
  if (!inScope(scope, personId)) throw notFound('person');
  const [row] = await db.query('select 1 from person where org_id = $1 and id = $2', [
    access.caller.orgId,
    personId,
  ]);
  if (!row) throw notFound('person');
}

/** 404 unless the team exists in the caller's organization AND is within reach. */
export async function requireTeam(db: Queryable, access: Access, teamId: string): Promise<void> {
  const scope = await teamScope(db, access);
  if (!inScope(scope, teamId)) throw notFound('team');
  const [row] = await db.query('select 1 from team where org_id = $1 and id = $2', [
    access.caller.orgId,
    teamId,
  ]);
  if (!row) throw notFound('team');
}
