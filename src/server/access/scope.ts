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

/** Where the reach SQL finds its values: the organization, the caller, their role, today. */
interface ReachParams {
  org: string;
  caller: string;
  role: string;
  today: string;
}

const at = { org: '$1', caller: '$2', role: '$3', today: '$4' };

/**
 * The teams within reach as SQL over the parameters `p` names: managed (manager), led
 * (leader), belonged to now (rep).
 */
const teamsInReachSql = (p: ReachParams) => `select t.id from team t
  where t.org_id = ${p.org}
    and ((${p.role} = 'manager' and t.manager_id = ${p.caller})
      or (${p.role} = 'leader' and t.leader_id = ${p.caller})
      or (${p.role} = 'rep' and exists (
            select 1 from team_membership m
             where m.org_id = t.org_id and m.team_id = t.id and m.person_id = ${p.caller}
               and ${current('m', p.today)})))`;

/**
 * The people within reach at `team` level as SQL over the same parameters: the caller, the
 * members today of the teams within reach, and for a leader the managers of the teams led.
 * `team` follows the teams as they are TODAY: a rep who moved to another team leaves their
 * old manager's reach the day the move takes effect.
 */
const peopleInReachSql = (p: ReachParams) => `select ${p.caller}::uuid as id
  union
  select m.person_id from team_membership m
   where m.org_id = ${p.org} and m.team_id in (${teamsInReachSql(p)}) and ${current('m', p.today)}
  union
  select t.manager_id from team t
   where t.org_id = ${p.org} and ${p.role} = 'leader' and t.leader_id = ${p.caller}
     and t.manager_id is not null`;

const teamsInReach = teamsInReachSql(at);
const peopleInReach = peopleInReachSql(at);

const reachParams = ({ caller, today }: Access) => [
  caller.orgId,
  caller.personId,
  caller.role,
  today,
];

/** The people within reach. */
export async function personScope(db: Queryable, access: Access): Promise<Scope> {
  switch (access.level) {
    case 'org':
      return { all: true };
    case 'none':
      return { all: false, ids: [] };
    case 'self':
      return { all: false, ids: [access.caller.personId] };
    case 'team': {
      const rows = await db.query<{ id: string }>(peopleInReach, reachParams(access));
      return { all: false, ids: rows.map((r) => r.id) };
    }
  }
}

/** The teams within reach. */
export async function teamScope(db: Queryable, access: Access): Promise<Scope> {
  switch (access.level) {
    case 'org':
      return { all: true };
    case 'none':
    case 'self':
      return { all: false, ids: [] };
    case 'team': {
      const rows = await db.query<{ id: string }>(teamsInReach, reachParams(access));
      return { all: false, ids: rows.map((r) => r.id) };
    }
  }
}

const notFound = (what: string) => new AppError('NOT_FOUND', `No such ${what}.`);

/** 404 unless the person exists in the caller's organization AND is within reach. */
export async function requirePerson(
  db: Queryable,
  access: Access,
  personId: string,
): Promise<void> {
  const check = personReachCheck(access, personId);
  const [row] = await db.query<{ ok: boolean }>(`select ${check.sql} as ok`, [
    access.caller.orgId,
    personId,
    ...check.params,
  ]);
  if (row?.ok !== true) throw notFound('person');
}

/**
 * requirePerson's test as an SQL boolean, to ride in another statement (one round trip
 * fewer on every agenda request): over $1 the caller's organization, $2 the person, and
 * `params` as $3 on. Throws the same 404 at once where no SQL is needed to refuse.
 */
export function personReachCheck(
  access: Access,
  personId: string,
): { sql: string; params: readonly unknown[]; variant: string } {
  if (access.level === 'none') throw notFound('person');
  if (access.level === 'self' && personId !== access.caller.personId) throw notFound('person');
  if (access.level !== 'team') {
    return {
      sql: 'exists (select 1 from person where org_id = $1 and id = $2)',
      params: [],
      variant: 'org',
    };
  }
  const reach = peopleInReachSql({ org: '$1', caller: '$3', role: '$4', today: '$5' });
  return {
    sql: `exists (select 1 from person p where p.org_id = $1 and p.id = $2 and p.id in (${reach}))`,
    params: [access.caller.personId, access.caller.role, access.today],
    variant: 'team',
  };
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
