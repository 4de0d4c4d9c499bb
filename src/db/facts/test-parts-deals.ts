/**
 * TEST ONLY: the deal parts of test-rep-facts-in-parts.ts (the rep's opportunities as they
 * stood, won deals without an amount, won and lost over a year).
 */
import { NOTED_IDS } from '../../core/data-quality.js';
import type {
  ClosedFact,
  Day,
  OpportunityFact,
  OpportunityState,
  WonWithoutAmountFact,
} from '../../core/facts.js';
import type { Queryable } from '../database.js';
import { dayStart, ownedUntilLater, type tracked, trackedEventColumns } from './as-of-state.js';
import { opportunityAsOfColumns } from './rep-queries.js';
import type { RepScope } from './test-parts-rep.js';

/**
 * The rep's opportunities as they stood at the end of `asOf`: open then, or closed in
 * [since, end of asOf]; each with its state at `since` too. A state at an instant is rebuilt
 * from the first change after it (its old value), or is the state now when nothing changed
 * since: only the events after `since` are read. Opportunities created after `asOf` are left
 * out, and ones the rep owned then but someone else owns now are in (found through the
 * owner changes after `asOf`, a small partial index). The probability override, name and
 * account have no history: they are today's.
 */
export async function opportunities(
  db: Queryable,
  scope: RepScope,
  window: { since: Day; asOf: Day },
): Promise<OpportunityFact[]> {
  const since = dayStart('$4');
  const end = dayStart('$5::date + 1');
  const rows = await db.query<
    {
      id: string;
      name: string;
      account: string | null;
      amount: number;
      stage_id: string;
      owner_id: string;
      status: string;
      probability: number | null;
      close_date: string | null;
      created_day: string;
      closed_day: string | null;
      closed_by_end: boolean;
      closed_since: boolean;
      last_change_day: string;
      existed: boolean;
    } & Record<`${(typeof tracked)[number]}_${'then' | 'at'}`, string | null> &
      Record<`${(typeof tracked)[number]}_${'changed' | 'later'}`, boolean>
  >(
    `with candidates as (
       select o.id from opportunity o where o.org_id = $1 and o.owner_id = $2
       union
       ${ownedUntilLater('$5')}
     )
     select ${opportunityAsOfColumns(since, end)}
       from candidates c
       join opportunity o on o.org_id = $1 and o.id = c.id
       left join lateral (
         select ${trackedEventColumns(since, end)}
           from opportunity_event ev
          where ev.org_id = o.org_id and ev.opportunity_id = o.id
            and ev.observed_at >= least(${since}, ${end})
       ) e on true
      where o.created_at < ${end} and (o.status = 'open' or o.closed_at >= least(${since}, ${end}))`,
    [scope.orgId, scope.personId, scope.timeZone, window.since, window.asOf],
  );
  return rows.flatMap((r): OpportunityFact[] => {
    // At the end of asOf: the value then when it changed later, else the value now.
    const ownerAtEnd = r.owner_later ? r.owner_at : r.owner_id;
    const statusAtEnd = r.status_later ? r.status_at : r.status;
    if (ownerAtEnd !== scope.personId) return [];
    if (statusAtEnd !== 'open' && !r.closed_since) return [];
    const now: OpportunityState = {
      stageId: r.stage_later ? (r.stage_at ?? r.stage_id) : r.stage_id,
      amount: r.amount_later ? Number(r.amount_at ?? r.amount) : r.amount,
      closeDate: r.close_date_later ? r.close_date_at : r.close_date,
    };
    // At `since`: the first change after it, else the value now (nothing changed since).
    const ownedThen = (r.owner_changed ? r.owner_then : r.owner_id) === scope.personId;
    return [
      {
        id: r.id,
        name: r.name,
        account: r.account,
        ...now,
        probability: r.probability,
        createdDay: r.created_day,
        closedDay: statusAtEnd !== 'open' && r.closed_by_end ? r.closed_day : null,
        lastChangeDay: r.last_change_day,
        before:
          r.existed && ownedThen
            ? {
                stageId: r.stage_changed ? (r.stage_then ?? r.stage_id) : r.stage_id,
                amount: r.amount_changed ? Number(r.amount_then ?? r.amount) : r.amount,
                closeDate: r.close_date_changed ? r.close_date_then : r.close_date,
              }
            : null,
      },
    ];
  });
}

/**
 * Won deals closed in [from, to) that were imported without an amount: their count and the
 * first NOTED_IDS external ids. A partial index holds only such deals, so clean data costs
 * one empty index probe.
 */
export async function wonWithoutAmount(
  db: Queryable,
  scope: RepScope,
  from: Day,
  to: Day,
): Promise<WonWithoutAmountFact> {
  const rows = await db.query<{ external_id: string | null; total: number }>(
    `select external_id, count(*) over ()::int8 as total
       from opportunity
      where org_id = $1 and owner_id = $2 and status = 'won' and amount_missing
        and closed_at >= ${dayStart('$4')} and closed_at < ${dayStart('$5')}
      order by external_id limit ${NOTED_IDS}`,
    [scope.orgId, scope.personId, scope.timeZone, from, to],
  );
  return {
    count: rows[0]?.total ?? 0,
    externalIds: rows.flatMap((r) => (r.external_id === null ? [] : [r.external_id])),
  };
}

/** Won and lost over [from, to): win rate, cycle and velocity. */
export async function closed(
  db: Queryable,
  scope: RepScope,
  from: Day,
  to: Day,
): Promise<ClosedFact> {
  const [row] = await db.query<{
    won_count: number;
    lost_count: number;
    won_value: number;
    won_cycle_days: number;
  }>(
    `select count(*) filter (where status = 'won') as won_count,
            count(*) filter (where status = 'lost') as lost_count,
            coalesce(sum(amount) filter (where status = 'won'), 0) as won_value,
            coalesce(sum((closed_at at time zone $3)::date - (created_at at time zone $3)::date)
                       filter (where status = 'won'), 0) as won_cycle_days
       from opportunity
      where org_id = $1 and owner_id = $2
        and closed_at >= ${dayStart('$4')} and closed_at < ${dayStart('$5')}`,
    [scope.orgId, scope.personId, scope.timeZone, from, to],
  );
  return {
    wonCount: row?.won_count ?? 0,
    lostCount: row?.lost_count ?? 0,
    wonValue: row?.won_value ?? 0,
    wonCycleDays: row?.won_cycle_days ?? 0,
  };
}
