import type { Queryable } from './database.js';

/**
 * The rollup as a map "person|YYYY-MM|figure" → value, zeros left out, recomputed from the
 * base tables by SQL written apart from the migration's: months by `to_char` of the local
 * time, each figure its own query.
 */
export async function recomputedRollup(db: Queryable, orgId: string): Promise<Map<string, number>> {
  const rows = await db.query<{ person: string; month: string; figure: string; value: number }>(
    `with tz as (select time_zone from org where id = $1)
     select owner_id::text as person, to_char(closed_at at time zone (select time_zone from tz), 'YYYY-MM') as month,
            'won_amount' as figure, sum(amount) as value
       from opportunity where org_id = $1 and status = 'won' and closed_at is not null group by 1, 2
     union all
     select owner_id::text, to_char(closed_at at time zone (select time_zone from tz), 'YYYY-MM'), 'won_count', count(*)
       from opportunity where org_id = $1 and status = 'won' and closed_at is not null group by 1, 2
     union all
     select owner_id::text, to_char(closed_at at time zone (select time_zone from tz), 'YYYY-MM'), 'won_missing_count', count(*)
       from opportunity where org_id = $1 and status = 'won' and closed_at is not null and amount_missing group by 1, 2
     union all
     select owner_id::text, to_char(created_at at time zone (select time_zone from tz), 'YYYY-MM'), 'created_value', sum(amount)
       from opportunity where org_id = $1 group by 1, 2
     union all
     select owner_id::text, to_char(created_at at time zone (select time_zone from tz), 'YYYY-MM'), 'created_count', count(*)
       from opportunity where org_id = $1 group by 1, 2
     union all
     select person_id::text, to_char(day, 'YYYY-MM'), 'result_amount', sum(amount)
       from result_entry where org_id = $1 group by 1, 2
     union all
     select person_id::text, to_char(day, 'YYYY-MM'), 'result_count', count(*)
       from result_entry where org_id = $1 group by 1, 2
     union all
     select person_id::text, to_char(occurred_at at time zone (select time_zone from tz), 'YYYY-MM'), 'activity:' || kind, sum(count)
       from activity where org_id = $1 group by 1, 2, kind`,
    [orgId],
  );
  return new Map(
    rows.filter((r) => r.value !== 0).map((r) => [`${r.person}|${r.month}|${r.figure}`, r.value]),
  );
}

/** The rollup tables read as the same map; a kept row of all zeros would show as a mismatch. */
export async function storedRollup(db: Queryable, orgId: string): Promise<Map<string, number>> {
  const figures = [
    'won_amount',
    'won_count',
    'won_missing_count',
    'created_value',
    'created_count',
    'result_amount',
    'result_count',
  ] as const;
  const rows = await db.query<
    Record<(typeof figures)[number], number> & { person: string; month: string }
  >(
    `select person_id::text as person, to_char(month, 'YYYY-MM') as month, won_amount, won_count,
            won_missing_count, created_value, created_count, result_amount, result_count
       from rep_month where org_id = $1`,
    [orgId],
  );
  const result = new Map<string, number>();
  for (const row of rows) {
    if (figures.every((f) => row[f] === 0)) result.set(`${row.person}|${row.month}|empty row`, 0);
    for (const f of figures)
      if (row[f] !== 0) result.set(`${row.person}|${row.month}|${f}`, row[f]);
  }
  const activities = await db.query<{ person: string; month: string; kind: string; count: number }>(
    `select person_id::text as person, to_char(month, 'YYYY-MM') as month, kind, count
       from rep_month_activity where org_id = $1`,
    [orgId],
  );
  for (const a of activities) result.set(`${a.person}|${a.month}|activity:${a.kind}`, a.count);
  return result;
}
