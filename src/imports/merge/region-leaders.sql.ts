/**
 * Leaders by region: a sheet of agents with an office or region column and a leader's row
 * (role `leader`) in that region makes the leader lead the region's teams. The manager
 * hierarchy wins: a team whose manager's row names a manager keeps that leader. `$1` is the
 * organization's id; `s`, `r`, `l` are staged rows.
 */

/** The row is a leader's: its role, else the role the person has in Rudder. */
const isLeader = (alias: string) => `(${alias}.role = 'leader' or ${alias}.role is null and exists (
  select 1 from person p where p.org_id = $1 and p.id = ${alias}.target_id and p.role = 'leader'))`;

/** A second leader's row for one region: which of them leads would be a guess. */
const secondLeader = `s.region is not null and ${isLeader('s')} and exists (
  select 1 from import_staging o where o.region = s.region and o.line < s.line and ${isLeader('o')})`;

/**
 * After the teams and the hierarchy's leaders are written: the teams of a region's rows
 * (a rep's current team, the teams a manager runs) get the region's leader, unless their
 * manager's row in this file names the manager's own manager.
 */
const writeLeaders = `with leaders as materialized (
    select l.region, l.target_id from import_staging l where l.region is not null and ${isLeader('l')}),
  chosen as (
    select distinct on (team.id) team.id as team_id, leaders.target_id as leader_id
    from import_staging r
    join leaders on leaders.region = r.region and leaders.target_id <> r.target_id
    join team on team.org_id = $1 and (
      (not r.is_manager and team.name = r.team) or (r.is_manager and team.manager_id = r.target_id))
    where r.region is not null and not ${isLeader('r')}
      and not exists (select 1 from import_staging m where m.target_id = team.manager_id
                      and m.manager_id is not null and m.manager_id <> m.target_id)
    order by team.id, r.line)
  update team t set leader_id = chosen.leader_id from chosen
  where t.org_id = $1 and t.id = chosen.team_id and t.leader_id is distinct from chosen.leader_id`;

export const regionLeaders = { secondLeader, writeLeaders };
