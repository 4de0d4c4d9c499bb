import { crmDealLink } from '../core/crm-deal-link.js';
import { dayInZone } from '../core/days.js';
import { buildDealHistory, type DealFacts, type DealHistory } from '../core/deal-history.js';
import type { Day } from '../core/facts.js';
import type { Queryable } from '../db/database.js';
import { loadOrgContext } from '../db/facts/org-context.js';
import { listStages } from '../organization/list-stages.js';
import { AppError } from '../shared/app-error.js';

export interface ViewDealHistoryOptions {
  orgId: string;
  /** The rep whose deal it is: a deal another rep owns now answers 404. */
  repId: string;
  dealId: string;
  now: Date;
  /** Whether this viewer may see the rep's activity (the agenda's gate decided it). */
  activityOpen: boolean;
}

/**
 * One of the rep's deals opened in the Pipeline step: its stage, amount and close-date
 * history from the recorded events, days in its stage, its last activity (when the viewer
 * may see activity) and the commitment it suggests.
 */
export async function viewDealHistory(
  db: Queryable,
  options: ViewDealHistoryOptions,
): Promise<DealHistory> {
  const org = await loadOrgContext(db, options.orgId);
  const today = dayInZone(options.now, org.timeZone);
  const [row] = await db.query<{
    id: string;
    name: string;
    account: string | null;
    external_id: string | null;
    stage_id: string;
    status: 'open' | 'won' | 'lost';
    amount: number;
    close_date: Day | null;
    created_on: Day;
  }>(
    `select o.id, o.name, o.account, o.external_id, o.stage_id, o.status, o.amount, o.close_date,
            (o.created_at at time zone $4)::date as created_on
       from opportunity o
      where o.org_id = $1 and o.id = $2 and o.owner_id = $3`,
    [options.orgId, options.dealId, options.repId, org.timeZone],
  );
  if (!row) throw new AppError('NOT_FOUND', 'No such deal.');
  const events = await db.query<{
    field: 'stage' | 'amount' | 'close_date';
    on: Day;
    old_value: string | null;
    new_value: string | null;
  }>(
    `select field, (observed_at at time zone $3)::date as "on", old_value, new_value
       from opportunity_event
      where org_id = $1 and opportunity_id = $2 and field in ('stage', 'amount', 'close_date')
      order by observed_at, id`,
    [options.orgId, options.dealId, org.timeZone],
  );
  // The rep's own activity, walked back through their index (org, person, occurred_at).
  const [activity] = options.activityOpen
    ? await db.query<{ on: Day; kind: string; subject: string | null }>(
        `select (occurred_at at time zone $3)::date as "on", kind, subject
           from activity
          where org_id = $1 and person_id = $5 and opportunity_id = $2 and occurred_at <= $4
          order by occurred_at desc
          limit 1`,
        [options.orgId, options.dealId, org.timeZone, options.now.toISOString(), options.repId],
      )
    : [];
  // The link needs only where the org's Salesforce lives, never the sealed secrets.
  const [connection] = await db.query<{ kind: 'salesforce'; instanceUrl: string }>(
    `select kind, instance_url as "instanceUrl"
       from crm_connection
      where org_id = $1 and kind = 'salesforce'`,
    [options.orgId],
  );
  const deal: DealFacts = {
    id: row.id,
    name: row.name,
    account: row.account,
    externalId: row.external_id,
    stageId: row.stage_id,
    status: row.status,
    amount: Number(row.amount),
    closeDate: row.close_date,
    createdOn: row.created_on,
    events: events.map((e) => ({
      field: e.field,
      on: e.on,
      oldValue: e.old_value,
      newValue: e.new_value,
    })),
    lastActivity: activity ?? null,
    activityWithheld: !options.activityOpen,
  };
  return buildDealHistory({
    deal,
    stages: (await listStages(db, options.orgId)).map(({ position, ...stage }) => ({
      ...stage,
      order: position,
    })),
    today,
    crmLink: crmDealLink(connection ?? null, row.external_id),
  });
}
