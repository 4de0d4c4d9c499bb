import { adviseCadence } from '../core/cadence.js';
import { addDays, dayInZone } from '../core/days.js';
import type { Queryable } from '../db/database.js';
import { teamComparisons, teamOn } from '../db/facts/team-queries.js';
import { orgTimeZone } from './meeting-records.js';
import type { SeriesCadence } from './series-occurrences.js';

/** The cadence a manager chose beside the one the team's sales cycle recommends. */
export interface SeriesCadenceAdvice {
  chosen: SeriesCadence;
  recommended: SeriesCadence;
  /** Median days from creation to win of the team's deals won in the last year. */
  medianCycleDays: number | null;
  rule: string;
  /** Why the chosen cadence is too frequent (micromanagement) or too rare; null when fine. */
  warning: string | null;
}

/**
 * The core's advice (`adviseCadence`) for the rep's team, in the series' vocabulary. The
 * core knows no quarterly cadence: a quarterly 1:1 is judged by the same "less often than
 * once per cycle misses deals" half of the rule.
 */
export async function adviseSeriesCadence(
  db: Queryable,
  options: { orgId: string; repId: string; chosen: SeriesCadence; now: Date },
): Promise<SeriesCadenceAdvice> {
  const timeZone = await orgTimeZone(db, options.orgId);
  const asOf = dayInZone(options.now, timeZone);
  const team = await teamOn(db, { orgId: options.orgId, personId: options.repId, timeZone }, asOf);
  const median = team
    ? (
        await teamComparisons(db, {
          orgId: options.orgId,
          teamId: team.id,
          timeZone,
          since: asOf,
          asOf,
          yearAgo: addDays(asOf, -365),
        })
      ).medianCycleDays
    : null;
  const configured = options.chosen === 'quarterly' ? 'monthly' : options.chosen;
  const advice = adviseCadence({ configured, medianCycleDays: median });
  const recommended = advice.recommended === 'daily' ? 'weekly' : advice.recommended;
  let warning = advice.warning;
  if (options.chosen === 'quarterly') {
    warning =
      median !== null && median < 91
        ? `With a median sales cycle of ${Math.round(median)} days, deals open and close between two quarterly 1:1s; meet ${recommended === 'biweekly' ? 'every two weeks' : recommended}.`
        : null;
  }
  return {
    chosen: options.chosen,
    recommended,
    medianCycleDays: median,
    rule: advice.rule,
    warning,
  };
}
