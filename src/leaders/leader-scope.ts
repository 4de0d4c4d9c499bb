/**
 * Which managers a leader's report covers: the managers of the teams the leader leads, or
 * every manager of the organization. `$n` is the leader's id or null.
 */
export function managersLedBy(param: string): string {
  return `(${param}::uuid is null or m.manager_id in (
            select lt.manager_id from team lt
             where lt.org_id = m.org_id and lt.leader_id = ${param}::uuid))`;
}

/** A day's first instant in the organization's zone. */
export const dayStart = (dayParam: string, zoneParam: string) =>
  `(${dayParam}::date::timestamp at time zone ${zoneParam})`;

/** Days between two 1:1s by series cadence (monthly = every 4 weeks; the default). */
export const cadenceDaysSql = (cadence: string) =>
  `(case ${cadence} when 'weekly' then 7 when 'biweekly' then 14 when 'quarterly' then 91 else 28 end)`;
