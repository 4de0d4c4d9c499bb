import { addMonths } from '../core/days.js';
import type { Queryable } from '../db/database.js';
import { getStageHeatmap } from './get-stage-heatmap.js';

export interface RepAtActivityStage {
  repId: string;
  repName: string;
  /** Consecutive periods (months with a held 1:1) at the activity stage, up to `throughMonth`. */
  periods: number;
  /** The first month of the streak. */
  sinceMonth: string;
}

export interface ListRepsAtActivityStageOptions {
  orgId: string;
  /** `YYYY-MM`: the streak is counted back from this month. */
  throughMonth: string;
  /** Report reps with at least this many consecutive periods; default 3. */
  minPeriods?: number;
  /** How far back to look; default 12 months. */
  lookbackMonths?: number;
  managerId?: string | undefined;
  leaderId?: string | undefined;
}

/**
 * Reps at the activity stage period after period: the ones whose results and pipeline
 * keep failing, for the leader to ask what the manager is doing about it. A period is a
 * month with a held 1:1: a month without one (a quarterly cadence, a holiday) neither
 * counts nor breaks the streak; any 1:1 that stopped short of activity ends it.
 */
export async function listRepsAtActivityStage(
  db: Queryable,
  options: ListRepsAtActivityStageOptions,
): Promise<RepAtActivityStage[]> {
  const minPeriods = options.minPeriods ?? 3;
  const heatmap = await getStageHeatmap(db, {
    orgId: options.orgId,
    fromMonth: addMonths(options.throughMonth, -((options.lookbackMonths ?? 12) - 1)),
    toMonth: options.throughMonth,
    managerId: options.managerId,
    leaderId: options.leaderId,
  });
  const result: RepAtActivityStage[] = [];
  for (const row of heatmap.rows) {
    let periods = 0;
    let sinceMonth = '';
    for (let i = row.stages.length - 1; i >= 0; i -= 1) {
      const stage = row.stages[i];
      if (stage === null || stage === undefined) continue;
      if (stage !== 'activity') break;
      periods += 1;
      sinceMonth = heatmap.months[i] ?? sinceMonth;
    }
    if (periods >= minPeriods)
      result.push({ repId: row.repId, repName: row.repName, periods, sinceMonth });
  }
  return result.sort((a, b) => b.periods - a.periods || a.repName.localeCompare(b.repName));
}
