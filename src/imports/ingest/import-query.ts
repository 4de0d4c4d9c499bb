import { z } from 'zod';
import { plainText, SupportedInstantSchema } from '../../core/schema-primitives.js';
import type { ImportSettings } from '../import-types.js';
import { importKinds } from '../read/import-fields.js';
import { presetNames } from '../read/presets.js';

const flag = z.stringbool().default(false);

/** The options of `rudder import`, as query parameters of the HTTP import routes. */
export const ImportOptionsQuery = z.object({
  dryRun: flag.describe('validate and count; write nothing'),
  asOf: SupportedInstantSchema.optional().describe('when the snapshot was taken (default now)'),
  addStages: flag.describe('add unknown stages instead of rejecting their rows'),
  fullSnapshot: flag.describe('the input holds every opportunity: report the ones it lacks'),
  dateOrder: z.enum(['mdy', 'dmy', 'ymd']).default('mdy').describe('order of numeric dates'),
  defaultOwner: plainText({ min: 1, max: 320, trim: false })
    .optional()
    .describe('owner of rows without one'),
});
export type ImportOptionsQuery = z.infer<typeof ImportOptionsQuery>;

/**
 * The web's column mapping, one query parameter: a JSON object of Rudder field → the file's
 * header (what `--map field=header` gives on the command line).
 */
export const ColumnMapQuery = plainText({ min: 2, max: 20_000, trim: false })
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.issues.push({
        code: 'custom',
        message: 'expected a JSON object of field → header, e.g. {"name":"Agent"}',
        input: text,
      });
      return z.NEVER;
    }
  })
  .pipe(z.record(plainText({ min: 1, max: 100 }), plainText({ min: 1, max: 500, trim: false })))
  .describe('JSON object of Rudder field → header, e.g. {"name":"Agent","manager":"Manager"}');

export const UploadQuery = ImportOptionsQuery.extend({
  kind: z.enum(importKinds),
  fileName: plainText({ max: 255, trim: false }).optional(),
  preset: z.enum(['auto', ...presetNames]).default('auto'),
  columns: ColumnMapQuery.optional(),
});

export const ColumnsQuery = z.object({ kind: z.enum(importKinds) });

/** The importer's settings for these options; `now` is the as-of time by default. */
export function settingsOf(
  kind: ImportSettings['kind'],
  query: ImportOptionsQuery,
  now: Date,
): Omit<ImportSettings, 'preset' | 'probabilityScale'> {
  return {
    kind,
    asOf: query.asOf === undefined ? now.toISOString() : new Date(query.asOf).toISOString(),
    dryRun: query.dryRun,
    addStages: query.addStages,
    fullSnapshot: query.fullSnapshot,
    dateOrder: query.dateOrder,
    ...(query.defaultOwner === undefined ? {} : { defaultOwner: query.defaultOwner }),
  };
}
