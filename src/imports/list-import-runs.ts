import { z } from 'zod';
import type { Database } from '../db/database.js';
import { failDeadImportRuns } from './fail-dead-import-runs.js';
import { ImportWarningSchema } from './ingest/import-result-schema.js';

/** Warnings listed per run in the history; a run's own page has them all (up to 1,000). */
export const LISTED_WARNINGS = 20;

export const ImportRunSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    fileName: z.string().nullable(),
    actorId: z.string().nullable(),
    dryRun: z.boolean(),
    status: z.enum(['running', 'succeeded', 'failed']),
    rowsRead: z.number().int(),
    counts: z.record(z.string(), z.unknown()),
    errorCount: z.number().int(),
    firstError: z
      .object({ line: z.number().int().optional(), field: z.string(), reason: z.string() })
      .nullable()
      .describe('the first error, e.g. why a run with no row error failed'),
    warnings: z
      .array(ImportWarningSchema)
      .describe(`the first ${LISTED_WARNINGS} warnings (all of them: GET /imports/{id})`),
    warningCount: z.number().int(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'ImportRun' });
export type ImportRunView = z.infer<typeof ImportRunSchema>;

/**
 * The organization's imports, latest first; row errors are counted, not listed, here.
 * Runs whose process died are marked failed first (see failDeadImportRuns).
 */
export async function listImportRuns(
  db: Database,
  options: {
    orgId: string;
    limit: number;
    offset: number;
    now: Date;
    /** Only the runs of one CRM's sync (their file name is `<crm>:<object>`). */
    source?: string;
  },
): Promise<{ items: ImportRunView[]; total: number }> {
  await failDeadImportRuns(db, { at: 'read', now: options.now, orgId: options.orgId });
  const items = await db.query<ImportRunView>(
    `select id, kind, file_name as "fileName", actor_id as "actorId", (dry_run = 'yes') as "dryRun",
            status, rows_read as "rowsRead",
            case when jsonb_typeof(counts) = 'object' then counts else '{}'::jsonb end as counts,
            case when jsonb_typeof(errors) = 'array' then jsonb_array_length(errors) else 0 end as "errorCount",
            case when jsonb_typeof(errors) = 'array' and jsonb_array_length(errors) > 0
                 then errors->0 end as "firstError",
            (select coalesce(jsonb_agg(w.value order by w.n), '[]'::jsonb)
               from jsonb_array_elements(case when jsonb_typeof(warnings) = 'array' then warnings
                                              else '[]'::jsonb end) with ordinality as w(value, n)
              where w.n <= $4) as warnings,
            coalesce((counts->>'warningCount')::int8, 0) as "warningCount",
            started_at as "startedAt", finished_at as "finishedAt"
       from import_run where org_id = $1 and ($5::text is null or file_name like $5 || ':%')
      order by started_at desc, id limit $2 offset $3`,
    [options.orgId, options.limit, options.offset, LISTED_WARNINGS, options.source ?? null],
  );
  const [count] = await db.query<{ n: number }>(
    `select count(*)::int8 as n from import_run
      where org_id = $1 and ($2::text is null or file_name like $2 || ':%')`,
    [options.orgId, options.source ?? null],
  );
  return { items, total: count?.n ?? 0 };
}
