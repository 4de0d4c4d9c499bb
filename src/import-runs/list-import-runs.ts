import { z } from 'zod';
import type { Queryable } from '../db/database.js';

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
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'ImportRun' });
export type ImportRunView = z.infer<typeof ImportRunSchema>;

/** The organization's imports, latest first; row errors are counted, not listed, here. */
export async function listImportRuns(
  db: Queryable,
  options: { orgId: string; limit: number; offset: number },
): Promise<{ items: ImportRunView[]; total: number }> {
  const items = await db.query<ImportRunView>(
    `select id, kind, file_name as "fileName", actor_id as "actorId", (dry_run = 'yes') as "dryRun",
            status, rows_read as "rowsRead",
            case when jsonb_typeof(counts) = 'object' then counts else '{}'::jsonb end as counts,
            case when jsonb_typeof(errors) = 'array' then jsonb_array_length(errors) else 0 end as "errorCount",
            started_at as "startedAt", finished_at as "finishedAt"
       from import_run where org_id = $1
      order by started_at desc, id limit $2 offset $3`,
    [options.orgId, options.limit, options.offset],
  );
  const [count] = await db.query<{ n: number }>(
    'select count(*)::int8 as n from import_run where org_id = $1',
    [options.orgId],
  );
  return { items, total: count?.n ?? 0 };
}
