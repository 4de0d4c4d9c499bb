import type { Day } from '../core/facts.js';
import type { Queryable } from '../db/database.js';
import { orgTimeZone } from '../meetings/meeting-records.js';
import { dayStart, managersLedBy } from './leader-scope.js';

export interface FollowThrough {
  personId: string;
  name: string;
  /** Commitments of this person reviewed in the period (kept or not kept). */
  reviewed: number;
  kept: number;
  /** kept ÷ reviewed; null when nothing was reviewed. */
  rate: number | null;
}

export interface GetFollowThroughOptions {
  orgId: string;
  /** Commitments reviewed in [from, to) (org-local days). */
  from: Day;
  to: Day;
  managerId?: string | undefined;
  leaderId?: string | undefined;
}

/**
 * Do people do what they said? Kept ÷ reviewed commitments, per rep for the reps' own
 * commitments and per manager for the managers' commitments to their reps: managers are
 * held to their word as the reps are. Open commitments do not count until reviewed.
 */
export async function getFollowThrough(
  db: Queryable,
  options: GetFollowThroughOptions,
): Promise<{ reps: FollowThrough[]; managers: FollowThrough[] }> {
  const timeZone = await orgTimeZone(db, options.orgId);
  const rows = await db.query<FollowThrough & { role: 'rep' | 'manager' }>(
    `select c.owner_role as role, c.owner_id as "personId", p.name,
            count(*) as reviewed, count(*) filter (where c.status = 'kept') as kept
       from commitment c
       join meeting m on m.org_id = c.org_id and m.id = c.meeting_id
       join person p on p.org_id = c.org_id and p.id = c.owner_id
      where c.org_id = $1 and c.status in ('kept', 'not_kept')
        and c.reviewed_at >= ${dayStart('$2', '$4')} and c.reviewed_at < ${dayStart('$3', '$4')}
        and ($5::uuid is null or m.manager_id = $5::uuid) and ${managersLedBy('$6')}
      group by c.owner_role, c.owner_id, p.name
      order by p.name, c.owner_id`,
    [
      options.orgId,
      options.from,
      options.to,
      timeZone,
      options.managerId ?? null,
      options.leaderId ?? null,
    ],
  );
  const rate = ({ role: _role, ...r }: FollowThrough & { role: string }): FollowThrough => ({
    ...r,
    rate: r.reviewed > 0 ? r.kept / r.reviewed : null,
  });
  return {
    reps: rows.filter((r) => r.role === 'rep').map(rate),
    managers: rows.filter((r) => r.role === 'manager').map(rate),
  };
}
