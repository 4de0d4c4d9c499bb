import { adviseCadence } from '../core/cadence.js';
import type { Cadence } from '../core/cadence-schema.js';
import { addDays, dayInZone } from '../core/days.js';
import type { Queryable } from '../db/database.js';
import { teamComparisons, teamOn } from '../db/facts/team-queries.js';
import { orgTimeZone } from './meeting-records.js';

/** The cadence a manager chose beside the one the team's sales cycle recommends. */
export interface SeriesCadenceAdvice {
  chosen: Cadence;
  recommended: Cadence;
  /** Median days from creation to win of the team's deals won in the last year. */
  medianCycleDays: number | null;
  rule: string;
  /** Why the chosen cadence is too frequent (micromanagement) or too rare; null when fine. */
  warning: string | null;
}

/** The core's advice (`adviseCadence`) for the cadence chosen for the rep's series. */
export async function adviseSeriesCadence(
  db: Queryable,
  options: { orgId: string; repId: string; chosen: Cadence; now: Date },
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
  const { configured, ...advice } = adviseCadence({
    configured: options.chosen,
    medianCycleDays: median,
  });
  return { chosen: configured, ...advice };
}
