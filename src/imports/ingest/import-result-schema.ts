import { z } from 'zod';
import { importKinds } from '../read/import-fields.js';

const RowErrorSchema = z.object({
  line: z.number().int().optional(),
  field: z.string(),
  value: z.string().optional(),
  reason: z.string(),
});

export const ImportWarningSchema = z
  .object({
    line: z.number().int(),
    externalId: z.string().nullable(),
    field: z.string(),
    reason: z.string(),
  })
  .meta({ id: 'ImportWarning' });

/**
 * What an import answers (the importer's ImportResult): the CLI's `--json` output, and the
 * body of the import routes, which type-check their ImportResult against it.
 */
export const ImportResultSchema = z
  .object({
    runId: z.string(),
    kind: z.enum(importKinds),
    dryRun: z.boolean(),
    status: z.enum(['succeeded', 'failed']),
    rowsRead: z.number().int(),
    counts: z.object({
      rows: z.number().int(),
      new: z.number().int(),
      changed: z.number().int(),
      unchanged: z.number().int(),
      errors: z.number().int(),
      events: z.number().int(),
    }),
    errors: z.array(RowErrorSchema).describe('the first row errors, by line (see errorCount)'),
    errorCount: z.number().int(),
    warnings: z
      .array(ImportWarningSchema)
      .describe(
        'the first rows imported as they are but worth a look (a won deal without an amount), by line',
      ),
    warningCount: z.number().int(),
    missing: z
      .object({ count: z.number().int(), externalIds: z.array(z.string()) })
      .optional()
      .describe('with fullSnapshot: opportunities the input lacks (never deleted)'),
    stagesAdded: z.array(z.string()),
  })
  .meta({ id: 'ImportResult' });

export type ImportResultView = z.infer<typeof ImportResultSchema>;
