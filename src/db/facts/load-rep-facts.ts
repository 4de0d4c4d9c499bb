import { addDays, addMonths, monthOf } from '../../core/days.js';
import type {
  ActivityCountFact,
  ActivityPeriodFact,
  ClosedFact,
  Day,
  GoalFact,
  RepFacts,
  ScheduledActivityFact,
  StageFact,
  TeamMemberResult,
  WonWithoutAmountFact,
} from '../../core/facts.js';
import { AppError } from '../../shared/app-error.js';
import type { Queryable } from '../database.js';
import type { OrgContext } from './org-context.js';
import { type MonthRow, monthFacts, monthsJson } from './rep-month-queries.js';
import * as rep from './rep-queries.js';
import * as team from './team-queries.js';

export interface LoadRepFactsOptions {
  org: OrgContext;
  personId: string;
  /** The org-local day the agenda is prepared for. */
  asOf: Day;
  /** Measure movement from this day instead of the last held 1:1. */
  since?: Day;
}

/** Months of history the results need: the trend covers 12 periods, YTD up to 12 more. */
const historyMonths = 24;
/** With no 1:1 ever held and no `since`, movement covers the 30 days before `asOf`. */
const defaultSinceDays = 30;

/** The day movement is measured from: `since` given, else the last 1:1's day, else 30 days. */
const since = '(select day from since_day)';
/** The rep's team on the as-of day (null when none). */
const teamId = '(select id from rep_team)';

/**
 * The one statement behind a rep's agenda. Its parameters: $1 org, $2 rep, $3 time zone,
 * $4 as-of day, $5 `since` (null: from the last 1:1), then the bounds worked out from the
 * as-of day in JavaScript ($6 …, see `loadRepFacts`). `since` waits on the last held 1:1,
 * so it is a CTE the other parts read as a scalar subquery (evaluated once, an InitPlan);
 * so is the team. The first CTE reads `$1` and `$2` against uuid columns, which fixes their
 * type for the parts that cast them (`$2::text`).
 */
const repFactsSql = `
  with rep as (
    select id, name from person where org_id = $1 and id = $2
  ), last_meeting as (${rep.lastHeldMeetingSql}
  ), since_day as (
    select coalesce($5::date, (select day from last_meeting), $4::date - ${defaultSinceDays}) as day
  ), rep_team as (${team.teamOnSql('$2', '$4')}
  )
  select (select id from rep) as person_id, (select name from rep) as name,
         (select ${rep.isoInstant('held_at')} from last_meeting) as last_held_at,
         (select day from last_meeting) as last_day,
         ${since} as since,
         ${rep.goalsJson('$6::date', '$7::date')} as goals,
         ${monthsJson('$8', '$9', '$14')} as months,
         ${rep.stagesJson} as stages,
         ${rep.opportunitiesJson(since)} as opportunities,
         ${rep.closedJson('$10')} as closed,
         ${rep.activitySinceJson(since)} as activity_since,
         ${rep.activityByMonthJson('$11', '$14')} as activity_by_month,
         ${rep.scheduledJson('$12::int')} as scheduled,
         ${rep.wonWithoutAmountJson('$13', '$14')} as won_without_amount,
         (select id from rep_team) as team_id,
         (select name from rep_team) as team_name,
         ${team.teamMonthResultsJson(teamId, '$13', '$14', '$4')} as team_current,
         ${team.teamMonthResultsJson(teamId, '$15', '$13', '$4')} as team_previous,
         (select row_to_json(w) from (${team.teamWonSql({ team: teamId, from: '$10', asOf: '$4' })}) w)
           as team_won,
         (select coalesce(json_agg(c), '[]')
            from (${team.teamCreatedSql({ team: teamId, since, asOf: '$4' })}) c) as team_created,
         (select coalesce(json_agg(a), '[]')
            from (${team.teamActivitySql({ team: teamId, since, asOf: '$4' })}) a) as team_activity`;

/**
 * Prepared once per connection: PostgreSQL otherwise spends more time planning this 22 kB
 * statement than running it (bench/findings.md, 8); after a few custom plans it settles on
 * one plan it reuses.
 */
const repFactsStatement = { name: 'rudder_rep_facts' };

interface RepFactsRow {
  person_id: string | null;
  name: string | null;
  last_held_at: string | null;
  last_day: string | null;
  since: string;
  goals: GoalFact[];
  months: MonthRow[];
  stages: StageFact[];
  opportunities: rep.OpportunityRow[];
  closed: ClosedFact;
  activity_since: ActivityCountFact[];
  activity_by_month: ActivityPeriodFact[];
  scheduled: ScheduledActivityFact[];
  won_without_amount: WonWithoutAmountFact;
  team_id: string | null;
  team_name: string | null;
  team_current: TeamMemberResult[];
  team_previous: TeamMemberResult[];
  team_won: { average: number | null; median_cycle: number | null } | null;
  team_created: Array<{ person_id: string; n: number }>;
  team_activity: Array<{ person_id: string; kind: string; n: number }>;
}

/**
 * Everything the core needs for one rep's agenda, in one statement (one round trip on either
 * engine): every part is an indexed scan of the rep's (or the team's) own rows, aggregated to
 * JSON in the database. The organization (`org`) is read before, once per data version by
 * the server's cache: its time zone and settings shape the statement's bounds.
 */
export async function loadRepFacts(db: Queryable, options: LoadRepFactsOptions): Promise<RepFacts> {
  const { org, personId, asOf } = options;
  const asOfMonth = monthOf(asOf);
  const firstMonth = addMonths(asOfMonth, -(historyMonths - 1));
  const lastMonth = addMonths(asOfMonth, org.settings.coverageHorizonMonths - 1);
  const reviewMonth = addMonths(asOfMonth, -1);
  const monthsEnd = `${addMonths(lastMonth, 1)}-01`;
  const [row] = await db.query<RepFactsRow>(
    repFactsSql,
    [
      org.orgId,
      personId,
      org.timeZone,
      asOf,
      options.since ?? null,
      `${addMonths(firstMonth, -12)}-01`,
      `${addMonths(lastMonth, 13)}-01`,
      `${firstMonth}-01`,
      // Months after the as-of day are zeros: nothing had happened in them yet.
      asOf < monthsEnd ? addDays(asOf, 1) : monthsEnd,
      addDays(asOf, -365),
      `${addMonths(asOfMonth, -11)}-01`,
      org.settings.calendarAheadDays,
      `${reviewMonth}-01`,
      `${asOfMonth}-01`,
      `${addMonths(reviewMonth, -1)}-01`,
    ],
    repFactsStatement,
  );
  if (!row || row.person_id === null || row.name === null) {
    throw new AppError('NOT_FOUND', 'No such person.');
  }
  return {
    person: { id: row.person_id, name: row.name },
    team:
      row.team_id === null
        ? null
        : {
            teamId: row.team_id,
            teamName: row.team_name ?? '',
            current: row.team_current,
            previous: row.team_previous,
            ...team.teamComparisonFacts(
              row.team_won ?? undefined,
              row.team_created,
              row.team_activity,
            ),
          },
    asOf,
    lastMeeting:
      row.last_held_at === null || row.last_day === null
        ? null
        : { heldAt: row.last_held_at, day: row.last_day },
    since: row.since,
    goals: row.goals,
    months: monthFacts(row.months, firstMonth, lastMonth),
    stages: row.stages,
    opportunities: rep.opportunityFacts(row.opportunities, personId),
    closed: row.closed,
    activitySince: row.activity_since,
    activityByMonth: row.activity_by_month,
    scheduled: row.scheduled,
    wonWithoutAmount: row.won_without_amount,
  };
}
