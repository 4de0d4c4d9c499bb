/**
 * TEST ONLY: the deal parts of test-rep-facts-in-parts.ts (the rep's opportunities as they
 * stood, won deals without an amount, won and lost over a year).
 */
import { NOTED_IDS } from '../../core/data-quality.js';
import type { ClosedFact, Day, OpportunityFact, WonWithoutAmountFact } from '../../core/facts.js';
import type { Queryable } from '../database.js';
import { dayStart, ownedUntilLater, trackedEventColumns } from './as-of-state.js';
import { type OpportunityRow, opportunityAsOfColumns, opportunityFacts } from './rep-queries.js';
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
  const rows = await db.query<OpportunityRow>(
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
  return opportunityFacts(rows, scope.personId);
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
