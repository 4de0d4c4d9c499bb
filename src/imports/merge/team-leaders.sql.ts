import { peopleManagers } from './people-managers.sql.js';

/**
 * The manager hierarchy a people file carries: every row may name the person's manager.
 * For a rep that is their team's manager; for a manager, their own manager leads the
 * teams they manage (`team.leader_id`). A person named as their own manager leads nothing.
 * `s` is a staged row, `p` the person it matched.
 */

/**
 * A team the row's person manages now would get another leader. A new manager
 * (`target_id` still null) changes the leader of any team; naming oneself changes nothing.
 */
const leaderChanged = `((s.manager_line is not null or s.manager_person is not null)
  and s.manager_line is distinct from s.line and exists (
    select 1 from team t where t.org_id = $1 and t.manager_id = p.id
      and t.leader_id is distinct from ${peopleManagers.resolvedManager('s')}))`;

/**
 * After the people and the teams' managers are written (`manager_id` resolved): each team
 * gets its manager's manager as leader. One row per person, the first if a name matched twice.
 */
const writeLeaders = `update team t set leader_id = s.manager_id
  from (select distinct on (target_id) target_id, manager_id from import_staging
        where manager_id is not null and manager_id <> target_id order by target_id, line) s
  where t.org_id = $1 and t.manager_id = s.target_id and t.leader_id is distinct from s.manager_id`;

export const teamLeaders = { leaderChanged, writeLeaders };
