/**
 * TEST ONLY: one rep's agenda facts as they were loaded before they became one statement
 * (sixteen queries, each with its own parameters), kept as the reference that
 * load-rep-facts-equivalence.test.ts compares the one-statement loader with. A deal's state
 * as of a day, the months and the mapping of their rows are the product's own SQL pieces:
 * what this reference checks is that the one statement gathers what the sixteen queries
 * gather, while what was true as of a day is checked against data with its future removed
 * (prepare-agenda-as-of.test.ts). Nothing outside the tests imports it.
 */
import { addDays, addMonths, monthOf } from '../../core/days.js';
import type { Day, RepFacts } from '../../core/facts.js';
import { AppError } from '../../shared/app-error.js';
import type { Queryable } from '../database.js';
import type { OrgContext } from './org-context.js';
import { closed, opportunities, wonWithoutAmount } from './test-parts-deals.js';
import { activity, goals, lastHeldMeeting, months, stages } from './test-parts-rep.js';
import { team } from './test-parts-team.js';

interface LoadRepFactsOptions {
  org: OrgContext;
  personId: string;
  /** The org-local day the agenda is prepared for. */
  asOf: Day;
  /** Measure movement from this day instead of the last held 1:1. */
  since?: Day;
}

/** The rep's own parts: test-parts-rep.ts and its deals, test-parts-deals.ts. */
const rep = {
  lastHeldMeeting,
  goals,
  months,
  stages,
  opportunities,
  closed,
  activity,
  wonWithoutAmount,
};

/** Months of history the results need: the trend covers 12 periods, YTD up to 12 more. */
const historyMonths = 24;
/** With no 1:1 ever held and no `since`, movement covers the 30 days before `asOf`. */
const defaultSinceDays = 30;

/**
 * Everything the core needs for one rep's agenda, in a handful of indexed queries. Independent
 * queries run concurrently (a PostgreSQL pool spreads them; PGlite runs them in turn).
 */
export async function loadRepFactsInParts(
  db: Queryable,
  options: LoadRepFactsOptions,
): Promise<RepFacts> {
  const { org, personId, asOf } = options;
  const scope = { orgId: org.orgId, personId, timeZone: org.timeZone };
  // One round trip for the three facts everything else waits on.
  const [[person], lastMeeting, teamRow] = await Promise.all([
    db.query<{ id: string; name: string }>(
      'select id, name from person where org_id = $1 and id = $2',
      [org.orgId, personId],
    ),
    rep.lastHeldMeeting(db, scope, asOf),
    team.teamOn(db, scope, asOf),
  ]);
  if (!person) throw new AppError('NOT_FOUND', 'No such person.');

  const asOfMonth = monthOf(asOf);
  const firstMonth = addMonths(asOfMonth, -(historyMonths - 1));
  const lastMonth = addMonths(asOfMonth, org.settings.coverageHorizonMonths - 1);
  const reviewMonth = addMonths(asOfMonth, -1);
  const yearAgo = addDays(asOf, -365);

  const since = options.since ?? lastMeeting?.day ?? addDays(asOf, -defaultSinceDays);

  const reviewFrom = `${reviewMonth}-01`;
  const reviewTo = `${asOfMonth}-01`;
  const [goals, months, stages, opportunities, closed, activity, teamFacts, wonWithoutAmount] =
    await Promise.all([
      rep.goals(db, scope, `${addMonths(firstMonth, -12)}-01`, `${addMonths(lastMonth, 13)}-01`),
      rep.months(db, scope, { firstMonth, lastMonth, asOf }),
      rep.stages(db, org.orgId),
      rep.opportunities(db, scope, { since, asOf }),
      rep.closed(db, scope, yearAgo, addDays(asOf, 1)),
      rep.activity(db, scope, {
        since,
        asOf,
        firstMonth: addMonths(asOfMonth, -11),
        aheadDays: org.settings.calendarAheadDays,
      }),
      teamRow
        ? loadTeamFacts(db, {
            org,
            teamId: teamRow.id,
            teamName: teamRow.name,
            reviewMonth,
            since,
            asOf,
            yearAgo,
          })
        : Promise.resolve(null),
      rep.wonWithoutAmount(db, scope, reviewFrom, reviewTo),
    ]);

  return {
    person,
    team: teamFacts,
    asOf,
    lastMeeting,
    since,
    goals,
    months,
    stages,
    opportunities,
    closed,
    activitySince: activity.since,
    activityByMonth: activity.byMonth,
    scheduled: activity.scheduled,
    wonWithoutAmount,
  };
}

async function loadTeamFacts(
  db: Queryable,
  options: {
    org: OrgContext;
    teamId: string;
    teamName: string;
    reviewMonth: string;
    since: Day;
    asOf: Day;
    yearAgo: Day;
  },
) {
  const { org, teamId, reviewMonth } = options;
  const monthRange = (month: string) => ({
    orgId: org.orgId,
    teamId,
    timeZone: org.timeZone,
    monthStart: `${month}-01`,
    monthEnd: `${addMonths(month, 1)}-01`,
  });
  const [current, previous, comparisons] = await Promise.all([
    team.teamMonthResults(db, monthRange(reviewMonth)),
    team.teamMonthResults(db, monthRange(addMonths(reviewMonth, -1))),
    team.teamComparisons(db, {
      orgId: org.orgId,
      teamId,
      timeZone: org.timeZone,
      since: options.since,
      asOf: options.asOf,
      yearAgo: options.yearAgo,
    }),
  ]);
  return { teamId, teamName: options.teamName, current, previous, ...comparisons };
}
