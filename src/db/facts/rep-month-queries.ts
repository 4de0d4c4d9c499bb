import { addMonths } from '../../core/days.js';
import type { MonthFact } from '../../core/facts.js';
import { atEnd, closedFields, dayStart, ownedUntilLater, thenColumns } from './as-of-state.js';
import { endOfAsOf } from './rep-queries.js';

/**
 * Bookings (won opportunities and imported results) and created pipeline per month from day
 * `from` (a month's first day) to day `to` (exclusive), counted as they stood at the end of
 * the as-of day: a deal counts for whoever owned it then, at its amount then (see `atEnd`).
 * JSON rows {what, month, value, n}; a month may have several rows of one kind (summed by
 * `monthFacts`).
 *
 * The months before `asOfMonth` (the first day of the as-of day's month) are read from the
 * `rep_month` rollup, which counts every deal as it is now; only the deals whose tracked
 * fields changed after the as-of day are corrected there (their count now taken out, their
 * count then put in). The as-of month itself is summed from its deals, up to `to`. So a rep's
 * 24 months read ~24 rollup rows and the as-of month's deals instead of two years of deals.
 */
export const monthsJson = (from: string, to: string, asOfMonth: string) => {
  const between = (column: string, a: string, b: string) =>
    `(o.${column} >= ${dayStart(a)} and o.${column} < ${dayStart(b)})`;
  const month = (column: string) => `to_char(${column} at time zone $3, 'YYYY-MM')`;
  // Counted from the deals (not the rollup): in the as-of month always, earlier when changed later.
  const fromDeals = (column: string) =>
    `(${column} >= ${dayStart(asOfMonth)} and ${column} < ${dayStart(to)}
       or later and ${column} >= ${dayStart(from)} and ${column} < ${dayStart(asOfMonth)})`;
  const columns = `o.id, o.created_at, o.closed_at, o.owner_id::text as owner_id, o.amount, o.status,
           o.last_changed_at, o.last_changed_at >= ${endOfAsOf} as later`;
  // The deals read: the rep's deals created or closed in the as-of month, their deals changed
  // after the as-of day that count in an earlier month (opportunity_owner_changed_idx), and
  // the deals they owned then that someone else owns now. Each is an index range; UNION
  // removes a deal found twice.
  return `(
  with deals as (
    select ${columns} from opportunity o
     where o.org_id = $1 and o.owner_id = $2 and ${between('created_at', asOfMonth, to)}
    union
    select ${columns} from opportunity o
     where o.org_id = $1 and o.owner_id = $2 and ${between('closed_at', asOfMonth, to)}
    union
    -- OFFSET 0 keeps the window out of the range's scan: with it inside, the prepared
    -- statement's generic plan ORed the owner's created and closed ranges of two years and
    -- fetched each deal to test last_changed_at (bench-L: 319 heap pages for no row).
    select * from (
      select ${columns} from opportunity o
       where o.org_id = $1 and o.owner_id = $2 and o.last_changed_at >= ${endOfAsOf} offset 0) o
     where ${between('created_at', from, asOfMonth)} or ${between('closed_at', from, asOfMonth)}
    union
    select ${columns} from opportunity o
     where o.org_id = $1 and o.owner_id <> $2 and o.id in (${ownedUntilLater('$4')})
       and (${between('created_at', from, to)} or ${between('closed_at', from, to)})
  ), then_ as (
    -- Only the deals changed after the as-of day read their events (most were not).
    select d.created_at, d.closed_at,
           d.owner_id as owner_then, d.amount as amount_then, d.status as status_then, d.later
      from deals d where not d.later
    union all
    select d.created_at, d.closed_at, ${thenColumns('d', 'l')}, true
      from deals d
      left join lateral (${atEnd(closedFields, 'd', '$4')}) l on true
     where d.later
  ), grouped as (
    select 'won' as what, ${month('closed_at')} as month, sum(amount_then) as value, count(*) as n
      from then_
     where owner_then = $2::text and status_then = 'won' and ${fromDeals('closed_at')}
     group by 2
    union all
    select 'created', ${month('created_at')}, sum(amount_then), count(*)
      from then_
     where owner_then = $2::text and ${fromDeals('created_at')}
     group by 2
    union all
    -- The rollup's earlier months count the deals changed later as they are now: taken out.
    select 'won', ${month('closed_at')}, -sum(amount), -count(*)
      from deals
     where later and owner_id = $2::text and status = 'won'
       and closed_at >= ${dayStart(from)} and closed_at < ${dayStart(asOfMonth)}
     group by 2
    union all
    select 'created', ${month('created_at')}, -sum(amount), -count(*)
      from deals
     where later and owner_id = $2::text
       and created_at >= ${dayStart(from)} and created_at < ${dayStart(asOfMonth)}
     group by 2
    union all
    select 'won', to_char(month, 'YYYY-MM'), won_amount + result_amount, won_count
      from rep_month
     where org_id = $1 and person_id = $2 and month >= ${from}::date and month < ${asOfMonth}::date
    union all
    select 'created', to_char(month, 'YYYY-MM'), created_value, created_count
      from rep_month
     where org_id = $1 and person_id = $2 and month >= ${from}::date and month < ${asOfMonth}::date
       and created_count <> 0
    union all
    select 'result', to_char(day, 'YYYY-MM'), sum(amount), count(*)
      from result_entry
     where org_id = $1 and person_id = $2 and day >= ${asOfMonth}::date and day < ${to}::date
     group by 2
  )
  select coalesce(json_agg(grouped), '[]') from grouped)`;
};

export interface MonthRow {
  what: string;
  month: string;
  value: number;
  n: number;
}

/** Every month of [firstMonth, lastMonth], zeros where nothing happened. */
export function monthFacts(rows: MonthRow[], firstMonth: string, lastMonth: string): MonthFact[] {
  const byMonth = new Map<string, MonthFact>();
  for (let m = firstMonth; m <= lastMonth; m = addMonths(m, 1)) {
    byMonth.set(m, { month: m, bookings: 0, createdValue: 0, createdCount: 0 });
  }
  for (const row of rows) {
    const fact = byMonth.get(row.month);
    if (!fact) continue;
    if (row.what === 'created') {
      fact.createdValue += row.value;
      fact.createdCount += row.n;
    } else {
      fact.bookings += row.value;
    }
  }
  return [...byMonth.values()];
}
