import { peopleManagers } from './people-managers.sql.js';

/**
 * Matching a staged person to an existing one ($1 org): by external id, else by e-mail
 * (unless both carry different external ids), else by a name that only one person has.
 */
const match = [
  `update import_staging s set target_id = p.id from person p
   where p.org_id = $1 and s.external_id is not null and p.external_id = s.external_id`,
  `update import_staging s set target_id = p.id from person p
   where p.org_id = $1 and s.target_id is null and s.email is not null
     and lower(p.email) = s.email and (p.external_id is null or s.external_id is null)`,
  `update import_staging s set target_id = p.id from person p
   where p.org_id = $1 and s.target_id is null and s.external_id is null and s.email is null
     and p.name = s.name
     and (select count(*) from person q where q.org_id = $1 and q.name = s.name) = 1`,
];

/** A new row whose e-mail an existing person (with another external id) already has. */
const emailTaken = `s.target_id is null and s.email is not null and exists (
  select 1 from person p where p.org_id = $1 and lower(p.email) = s.email)`;

/** Two rows give one team two different managers. */
const conflictingManager = `s.team is not null and ${peopleManagers.managerKey('s')} is not null
  and exists (select 1 from import_staging o where o.team = s.team and o.line < s.line
    and ${peopleManagers.managerKey('o')} <> ${peopleManagers.managerKey('s')})`;

/** The name of the person's current team. */
const currentTeam = `(select t.name from team_membership m join team t on t.org_id = m.org_id and t.id = m.team_id
  where m.org_id = p.org_id and m.person_id = p.id and m.valid_to is null
  order by m.valid_from desc limit 1)`;

const changed = `((p.name, p.email, p.title, p.role, p.external_id)
  is distinct from (s.name, coalesce(s.email, p.email), coalesce(s.title, p.title),
                    coalesce(s.role, p.role), coalesce(s.external_id, p.external_id))
  or (s.team is not null and ${currentTeam} is distinct from s.team))`;

const writePeople = [
  `update person p set name = s.name, email = coalesce(s.email, p.email),
     title = coalesce(s.title, p.title), role = coalesce(s.role, p.role),
     external_id = coalesce(s.external_id, p.external_id)
   from import_staging s where p.org_id = $1 and p.id = s.target_id
     and (p.name, p.email, p.title, p.role, p.external_id)
       is distinct from (s.name, coalesce(s.email, p.email), coalesce(s.title, p.title),
                         coalesce(s.role, p.role), coalesce(s.external_id, p.external_id))`,
  // New people get their ids here, so teams and managers can refer to them below.
  `update import_staging set target_id = gen_random_uuid(), is_new = true where target_id is null`,
  `insert into person (org_id, id, external_id, name, email, title, role)
   select $1, s.target_id, s.external_id, s.name, s.email, s.title, coalesce(s.role, 'rep')
   from import_staging s where s.is_new order by s.line`,
  `update import_staging s set manager_id = ${peopleManagers.resolvedManager('s')}
   where s.manager_line is not null or s.manager_person is not null`,
];

/**
 * The start of a membership given with the person's creation: before any CRM data, so it
 * covers every month Rudder has figures for.
 */
export const membershipOrigin = '1970-01-01';

/** Teams, their managers and memberships ($2: the as-of day in the org's zone). */
const writeTeams = [
  `insert into team (org_id, name)
   select distinct $1::uuid, s.team from import_staging s where s.team is not null
   on conflict (org_id, name) do nothing`,
  `update team t set manager_id = m.manager_id
   from (select distinct on (team) team, manager_id from import_staging
         where team is not null and manager_id is not null order by team, line) m
   where t.org_id = $1 and t.name = m.team and t.manager_id is distinct from m.manager_id`,
  // A membership that started on the as-of day is corrected rather than closed the same day.
  `update team_membership m set team_id = t.id
   from import_staging s join team t on t.org_id = $1 and t.name = s.team
   where m.org_id = $1 and m.person_id = s.target_id and m.valid_to is null
     and m.team_id <> t.id and m.valid_from >= $2::date`,
  `update team_membership m set valid_to = $2::date
   from import_staging s join team t on t.org_id = $1 and t.name = s.team
   where m.org_id = $1 and m.person_id = s.target_id and m.valid_to is null
     and m.team_id <> t.id and m.valid_from < $2::date`,
  // A person new to Rudder was in the file's team before the import: the membership counts
  // from the beginning of the data, so the first 1:1 ranks them for last month. An existing
  // person's new team (a move) starts on the as-of day.
  `insert into team_membership (org_id, team_id, person_id, valid_from)
   select distinct $1::uuid, t.id, s.target_id,
          case when s.is_new then '${membershipOrigin}'::date else $2::date end
   from import_staging s join team t on t.org_id = $1 and t.name = s.team
   where not exists (select 1 from team_membership m where m.org_id = $1
                     and m.person_id = s.target_id and m.team_id = t.id and m.valid_to is null)`,
];

export const peopleMerge = {
  match,
  emailTaken,
  conflictingManager,
  changed,
  writePeople,
  writeTeams,
};
