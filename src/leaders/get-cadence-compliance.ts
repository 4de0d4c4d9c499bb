import type { Day } from '../core/facts.js';
import type { Queryable } from '../db/database.js';
import { orgTimeZone } from '../meetings/meeting-records.js';
import { cadenceDaysSql, dayStart } from './leader-scope.js';

export interface ManagerCompliance {
  managerId: string;
  managerName: string;
  /** Reps on the manager's teams at any time in the period. */
  reps: number;
  /** Of those, the reps with at least one held 1:1 with this manager in the period. */
  repsWithHeld: number;
  /** repsWithHeld ÷ reps; null without reps. */
  share: number | null;
  heldMeetings: number;
  /** Sum of the held 1:1s' planned durations. */
  plannedMinutes: number;
  /** Sum of the held 1:1s' real length, started → finished, rounded to minutes. */
  actualMinutes: number;
  missedMeetings: number;
  /** Reps whose 1:1 is overdue at the period's end (or now, if earlier). */
  overdueReps: number;
}

export interface GetCadenceComplianceOptions {
  orgId: string;
  /** Org-local days; `to` is exclusive (a month: 2026-10-01 → 2026-11-01). */
  from: Day;
  to: Day;
  now: Date;
  /** Only the managers of the teams this leader leads. */
  leaderId?: string | undefined;
}

/**
 * Does every manager actually hold the 1:1s? Per manager for a period: the share of reps
 * met, the minutes it took, the meetings missed, the reps overdue. Figures only, never the
 * notes: leaders see compliance, not what was said.
 */
export async function getCadenceCompliance(
  db: Queryable,
  options: GetCadenceComplianceOptions,
): Promise<ManagerCompliance[]> {
  const timeZone = await orgTimeZone(db, options.orgId);
  const periodEnd = new Date(
    Math.min(options.now.getTime(), Date.parse(`${options.to}T00:00:00Z`)),
  );
  const rows = await db.query<Omit<ManagerCompliance, 'share'>>(
    `with reps as (
       select distinct t.manager_id, tm.person_id as rep_id
         from team t join team_membership tm on tm.org_id = t.org_id and tm.team_id = t.id
        where t.org_id = $1 and t.manager_id is not null
          and ($5::uuid is null or t.leader_id = $5::uuid)
          and tm.valid_from < $3::date and (tm.valid_to is null or tm.valid_to > $2::date)
     ), held as (
       select m.manager_id, m.rep_id, count(*) as n, sum(m.duration_minutes) as planned,
              sum(extract(epoch from (m.held_at - m.started_at)) / 60) as actual
         from meeting m
        where m.org_id = $1 and m.status = 'held'
          and m.held_at >= ${dayStart('$2', '$4')} and m.held_at < ${dayStart('$3', '$4')}
        group by 1, 2
     ), missed as (
       select m.manager_id, m.rep_id, count(*) as n from meeting m
        where m.org_id = $1 and m.status = 'missed'
          and m.scheduled_at >= ${dayStart('$2', '$4')} and m.scheduled_at < ${dayStart('$3', '$4')}
        group by 1, 2
     ), overdue as (
       select r.manager_id, r.rep_id,
              (select max(h.held_at) from meeting h
                where h.org_id = $1 and h.rep_id = r.rep_id and h.status = 'held'
                  and h.held_at <= $6::timestamptz) as last_held,
              (select s.cadence from meeting_series s
                where s.org_id = $1 and s.rep_id = r.rep_id and s.active
                order by s.created_at desc limit 1) as cadence
         from reps r
     )
     select r.manager_id as "managerId", p.name as "managerName", count(*) as reps,
            count(h.rep_id) as "repsWithHeld", coalesce(sum(h.n), 0) as "heldMeetings",
            coalesce(sum(h.planned), 0) as "plannedMinutes",
            round(coalesce(sum(h.actual), 0)) as "actualMinutes",
            coalesce(sum(x.n), 0) as "missedMeetings",
            count(*) filter (where o.last_held is not null
              and (o.last_held at time zone $4)::date + ${cadenceDaysSql('o.cadence')}
                  < ($6::timestamptz at time zone $4)::date) as "overdueReps"
       from reps r
       join person p on p.org_id = $1 and p.id = r.manager_id
       left join held h on h.manager_id = r.manager_id and h.rep_id = r.rep_id
       left join missed x on x.manager_id = r.manager_id and x.rep_id = r.rep_id
       left join overdue o on o.manager_id = r.manager_id and o.rep_id = r.rep_id
      group by r.manager_id, p.name
      order by p.name, r.manager_id`,
    [
      options.orgId,
      options.from,
      options.to,
      timeZone,
      options.leaderId ?? null,
      periodEnd.toISOString(),
    ],
  );
  return rows.map((r) => ({ ...r, share: r.reps > 0 ? r.repsWithHeld / r.reps : null }));
}
