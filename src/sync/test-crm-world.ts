import type { Queryable } from '../db/database.js';

/** A sleep that records each wait instead of waiting, for a sync's `sleep` option. */
export function recordedSleep(): { sleeps: number[]; sleep: (ms: number) => Promise<void> } {
  const sleeps: number[] = [];
  return {
    sleeps,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
}

/** A synced organization's opportunity events, stage and owner ids read back as names and CRM ids. */
export async function eventsOf(db: Queryable, orgId: string) {
  return db.query<{
    deal: string;
    field: string;
    old: string | null;
    new: string | null;
    at: string;
  }>(
    `select o.external_id as deal, e.field,
            coalesce(so.name, po.external_id, e.old_value) as old,
            coalesce(sn.name, pn.external_id, e.new_value) as new, e.observed_at as at
       from opportunity_event e join opportunity o on o.org_id = e.org_id and o.id = e.opportunity_id
       left join stage so on e.field = 'stage' and so.org_id = e.org_id and so.id::text = e.old_value
       left join stage sn on e.field in ('stage', 'created') and sn.org_id = e.org_id and sn.id::text = e.new_value
       left join person po on e.field = 'owner' and po.org_id = e.org_id and po.id::text = e.old_value
       left join person pn on e.field = 'owner' and pn.org_id = e.org_id and pn.id::text = e.new_value
      where e.org_id = $1 order by o.external_id, e.observed_at, e.field`,
    [orgId],
  );
}
