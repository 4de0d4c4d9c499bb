import { addDays, monthOf } from '../../src/core/days.js';
import { periodContaining, previousPeriod } from '../../src/core/periods.js';
import type { Database } from '../../src/db/database.js';
import { loadOrgContext } from '../../src/db/facts/org-context.js';
import { monthlyBookings, scorecardMembers } from '../../src/db/facts/scorecard-queries.js';
import { benchOrgId } from '../generate/ids.js';
import { benchAsOf } from '../spec.js';
import { type Latency, summarize, timed } from './stats.js';

/**
 * The monthly bookings an org-wide ranking reads before the `rep_month` rollup: won deals by
 * owner and org-local month of closing from `opportunity`, plus `result_entry` (the SQL of
 * src/db/facts/scorecard-queries.ts up to the rollup, kept here as the reference it replaced).
 */
export const bookingsFromBaseTablesSql = `
  select owner_id as person_id, to_char(closed_at at time zone $3, 'YYYY-MM') as month, sum(amount) as value
    from opportunity
   where org_id = $1 and owner_id = any($2::uuid[]) and status = 'won'
     and closed_at >= ($4::date::timestamp at time zone $3) and closed_at < ($5::date::timestamp at time zone $3)
   group by 1, 2
  union all
  select person_id, to_char(day, 'YYYY-MM'), sum(amount) from result_entry
   where org_id = $1 and person_id = any($2::uuid[]) and day >= $4::date and day < $5::date
   group by 1, 2`;

export interface RankingFactsMeasure {
  people: number;
  months: string;
  /** The same facts from the base tables and from the rollup, sampled alternately. */
  baseTables: Latency;
  rollup: Latency;
  /** Both give the same bookings per person and month (checked on the last sample). */
  same: boolean;
}

/** The ranking's monthly facts for every member, from the base tables vs from the rollup. */
export async function measureRankingFacts(
  db: Database,
  options: { samples: number; warmup: number },
): Promise<RankingFactsMeasure> {
  const org = await loadOrgContext(db, benchOrgId);
  const fy = org.fiscalYearStartMonth;
  const period = periodContaining({
    day: addDays(`${monthOf(benchAsOf)}-01`, -1),
    kind: 'month',
    fiscalYearStartMonth: fy,
  });
  const previous = previousPeriod(period, fy);
  const yearStart = periodContaining({
    day: addDays(period.end, -1),
    kind: 'year',
    fiscalYearStartMonth: fy,
  }).start;
  const firstDay = previous.start < yearStart ? previous.start : yearStart;
  const members = await scorecardMembers(db, {
    orgId: org.orgId,
    teamId: null,
    ...previous,
    end: period.end,
  });
  const ids = members.map((m) => m.personId);
  const range = { firstMonth: monthOf(firstDay), lastMonth: monthOf(addDays(period.end, -1)) };
  const base = () =>
    db.query<{ person_id: string; month: string; value: number }>(bookingsFromBaseTablesSql, [
      org.orgId,
      ids,
      org.timeZone,
      firstDay,
      period.end,
    ]);
  const rollup = () => monthlyBookings(db, { orgId: org.orgId, personIds: ids, ...range });
  for (let i = 0; i < options.warmup; i += 1) {
    await base();
    await rollup();
  }
  const baseMs: number[] = [];
  const rollupMs: number[] = [];
  let same = false;
  for (let i = 0; i < options.samples; i += 1) {
    const b = await timed(base);
    baseMs.push(b.ms);
    const r = await timed(rollup);
    rollupMs.push(r.ms);
    const fromBase = new Map<string, number>();
    for (const row of b.value) {
      const key = `${row.person_id} ${row.month}`;
      fromBase.set(key, (fromBase.get(key) ?? 0) + row.value);
    }
    const fromRollup = new Map<string, number>();
    for (const [person, months] of r.value)
      for (const m of months)
        if (m.bookings !== 0) fromRollup.set(`${person} ${m.month}`, m.bookings);
    for (const [key, value] of [...fromBase]) if (value === 0) fromBase.delete(key);
    same =
      fromBase.size === fromRollup.size &&
      [...fromBase].every(([key, value]) => fromRollup.get(key) === value);
  }
  return {
    people: ids.length,
    months: `${range.firstMonth}..${range.lastMonth}`,
    baseTables: summarize(baseMs),
    rollup: summarize(rollupMs),
    same,
  };
}
