import { defaultCadence } from '../core/cadence-schema.js';
import type { Queryable } from '../db/database.js';
import { adviseSeriesCadence, type SeriesCadenceAdvice } from './advise-series-cadence.js';
import { findActiveSeries, type SeriesRecord } from './meeting-records.js';

/**
 * The rep's recurring 1:1 (null before the manager sets one up) with the cadence advice:
 * for the chosen cadence, or for the default monthly one when there is no series yet.
 */
export async function getMeetingSeries(
  db: Queryable,
  options: { orgId: string; repId: string; now: Date },
): Promise<{ series: SeriesRecord | null; cadence: SeriesCadenceAdvice }> {
  const series = await findActiveSeries(db, options);
  const cadence = await adviseSeriesCadence(db, {
    ...options,
    chosen: series?.cadence ?? defaultCadence,
  });
  return { series, cadence };
}
