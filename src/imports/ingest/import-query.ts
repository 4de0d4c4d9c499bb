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

export const UploadQuery = ImportOptionsQuery.extend({
  kind: z.enum(importKinds),
  fileName: plainText({ max: 255, trim: false }).optional(),
  preset: z.enum(['auto', ...presetNames]).default('auto'),
});

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
