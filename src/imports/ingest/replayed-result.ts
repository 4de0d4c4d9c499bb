import type { ImportRunDetail } from '../get-import-run.js';
import type { ImportResult } from '../import-types.js';
import { importKinds } from '../read/import-fields.js';

/**
 * The result of a finished run as import_run keeps it, for a retried request. The one loss:
 * a full snapshot's missing opportunities keep their count, not their external ids.
 */
export function replayedResult(run: ImportRunDetail): ImportResult {
  const counts = run.counts;
  const count = (name: string) => {
    const value = counts[name];
    return typeof value === 'number' ? value : 0;
  };
  const kind = importKinds.find((k) => k === run.kind);
  if (kind === undefined) throw new Error(`import_run ${run.id} has an unknown kind ${run.kind}`);
  const stagesAdded = counts.stagesAdded;
  return {
    runId: run.id,
    kind,
    dryRun: run.dryRun,
    status: run.status === 'succeeded' ? 'succeeded' : 'failed',
    rowsRead: run.rowsRead,
    counts: {
      rows: count('rows'),
      new: count('new'),
      changed: count('changed'),
      unchanged: count('unchanged'),
      errors: count('errors'),
      events: count('events'),
    },
    errors: run.errors,
    errorCount: count('errorCount'),
    warnings: run.warnings,
    warningCount: count('warningCount'),
    ...(typeof counts.missing === 'number'
      ? { missing: { count: counts.missing, externalIds: [] } }
      : {}),
    stagesAdded: Array.isArray(stagesAdded)
      ? stagesAdded.filter((s): s is string => typeof s === 'string')
      : [],
  };
}
