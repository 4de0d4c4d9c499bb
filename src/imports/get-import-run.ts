import { z } from 'zod';
import type { Database } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import { failDeadImportRuns } from './fail-dead-import-runs.js';
import { ImportWarningSchema } from './ingest/import-result-schema.js';
import { ImportRunSchema } from './list-import-runs.js';

export const ImportRunDetailSchema = ImportRunSchema.omit({ firstError: true })
  .extend({
    warnings: z.array(ImportWarningSchema).describe('the first warnings, by line'),
    errors: z
      .array(
        z.object({
          line: z.number().int().optional(),
          field: z.string(),
          value: z.string().optional(),
          reason: z.string(),
        }),
      )
      .describe('the first row errors, by line'),
  })
  .meta({ id: 'ImportRunDetail' });
export type ImportRunDetail = z.infer<typeof ImportRunDetailSchema>;

/**
 * One import run with its progress: `rowsRead` grows while it runs (every second on
 * PostgreSQL; on PGlite only at the end), then the counts and row errors of its outcome.
 * A run whose process died is marked failed first (see failDeadImportRuns).
 */
export async function getImportRun(
  db: Database,
  options: { orgId: string; runId: string; now: Date },
): Promise<ImportRunDetail> {
  await failDeadImportRuns(db, { at: 'read', now: options.now, orgId: options.orgId });
  const [row] = await db.query<ImportRunDetail>(
    `select id, kind, file_name as "fileName", actor_id as "actorId", (dry_run = 'yes') as "dryRun",
            status, rows_read::int8 as "rowsRead",
            case when jsonb_typeof(counts) = 'object' then counts else '{}'::jsonb end as counts,
            case when jsonb_typeof(errors) = 'array' then errors else '[]'::jsonb end as errors,
            case when jsonb_typeof(errors) = 'array' then jsonb_array_length(errors) else 0 end as "errorCount",
            case when jsonb_typeof(warnings) = 'array' then warnings else '[]'::jsonb end as warnings,
            coalesce((counts->>'warningCount')::int8, 0) as "warningCount",
            started_at as "startedAt", finished_at as "finishedAt"
       from import_run where org_id = $1 and id = $2`,
    [options.orgId, options.runId],
  );
  if (!row) throw new AppError('NOT_FOUND', 'No such import.');
  return row;
}
