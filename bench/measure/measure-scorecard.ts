import { addDays, monthOf } from '../../src/core/days.js';
import { periodContaining } from '../../src/core/periods.js';
import type { Database } from '../../src/db/database.js';
import { loadOrgContext } from '../../src/db/facts/org-context.js';
import { benchOrgId } from '../generate/ids.js';
import { benchAsOf } from '../spec.js';
import { productModule } from './product.js';
import { type Latency, summarize, timed } from './stats.js';

export interface ScorecardMeasure {
  period: string;
  /** Members ranked by buildTeamScorecard (the whole organization). */
  ranked: number;
  scorecard: Latency;
  /** The bare ranking query: one month's bookings against goal for every rep, ranked. */
  bareQuery: Latency;
  bareRows: number;
}

/** Every rep's bookings in the month against the month's goal, ranked by attainment. */
export const bareRankingSql = `
  with members as (
    select distinct person_id from team_membership
     where org_id = $1 and valid_from < $3::date and (valid_to is null or valid_to > $2::date)),
  booked as (
    select owner_id, sum(amount) as actual from opportunity
     where org_id = $1 and owner_id in (select person_id from members) and status = 'won'
       and closed_at >= ($2::date::timestamp at time zone $4) and closed_at < ($3::date::timestamp at time zone $4)
     group by owner_id)
  select m.person_id, coalesce(b.actual, 0) as actual, g.target,
         rank() over (order by coalesce(b.actual, 0)::float8 / nullif(g.target, 0) desc nulls last) as rank
    from members m
    left join booked b on b.owner_id = m.person_id
    left join goal g on g.org_id = $1 and g.person_id = m.person_id and g.metric = 'bookings'
     and g.activity_kind = '' and g.period_kind = 'month' and g.period_start = $2::date`;

/** The organization-wide ranking (team null) for the last complete month before benchAsOf. */
export async function measureScorecard(
  db: Database,
  options: { samples: number; warmup: number },
): Promise<ScorecardMeasure> {
  const { buildTeamScorecard } = await productModule<
    typeof import('../../src/scorecard/build-team-scorecard.js')
  >('scorecard/build-team-scorecard.js');
  const org = await loadOrgContext(db, benchOrgId);
  const period = periodContaining({
    day: addDays(`${monthOf(benchAsOf)}-01`, -1),
    kind: 'month',
    fiscalYearStartMonth: org.fiscalYearStartMonth,
  });
  const build = () => buildTeamScorecard(db, { org, team: null, period, today: benchAsOf });
  const bare = () => db.query(bareRankingSql, [benchOrgId, period.start, period.end, org.timeZone]);
  for (let i = 0; i < options.warmup; i += 1) {
    await build();
    await bare();
  }
  const scorecardMs: number[] = [];
  const bareMs: number[] = [];
  let ranked = 0;
  let bareRows = 0;
  for (let i = 0; i < options.samples; i += 1) {
    const s = await timed(build);
    scorecardMs.push(s.ms);
    ranked = s.value.rows.length;
    const b = await timed(bare);
    bareMs.push(b.ms);
    bareRows = b.value.length;
  }
  return {
    period: period.key,
    ranked,
    scorecard: summarize(scorecardMs),
    bareQuery: summarize(bareMs),
    bareRows,
  };
}
