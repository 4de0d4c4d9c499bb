import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { Queryable } from '../db/database.js';
import {
  type ImportKind,
  importFields,
  importKinds,
  requiredFields,
} from './read/import-fields.js';
import { presetNames } from './read/presets.js';
import { openCsv } from './read/read-csv.js';
import { suggestColumns } from './read/resolve-columns.js';

export const ImportColumnsSchema = z
  .object({
    kind: z.enum(importKinds),
    headers: z.array(z.string()).describe("the file's headers, in order"),
    preset: z.enum(presetNames).describe('the export format the headers match best'),
    remembered: z
      .boolean()
      .describe('whether the mapping last used for this kind chose some of the columns'),
    fields: z.array(
      z.object({
        field: z.string(),
        required: z.boolean(),
        header: z.string().nullable().describe('the column proposed for the field, if any'),
      }),
    ),
  })
  .meta({ id: 'ImportColumns' });
export type ImportColumns = z.infer<typeof ImportColumnsSchema>;

export interface SuggestImportColumnsOptions {
  orgId: string;
  kind: ImportKind;
  /** The beginning of the file: only its header row is read. */
  source: Readable;
}

/**
 * Which column of a file holds each Rudder field, for the admin to confirm before an upload:
 * the mapping last used for this kind where the file has those headers, else what the
 * presets recognize. Reads the header with the importer's own reader (BOM, delimiter, quotes).
 */
export async function suggestImportColumns(
  db: Queryable,
  options: SuggestImportColumnsOptions,
): Promise<ImportColumns> {
  const { kind } = options;
  const file = await openCsv(options.source).finally(() => options.source.resume());
  file.close();
  const headers = [...file.headers];
  const [saved] = await db.query<{ columns: Record<string, string> }>(
    'select columns from import_mapping where org_id = $1 and kind = $2',
    [options.orgId, kind],
  );
  const suggested: Partial<Record<string, string>> = suggestColumns({ kind, headers }).columns;
  const remembered = saved?.columns ?? {};
  const required: readonly string[] = requiredFields[kind];
  let usedMemory = false;
  const fields = importFields[kind].map((field) => {
    const kept = remembered[field];
    if (kept !== undefined && headers.includes(kept)) usedMemory = true;
    const header = kept !== undefined && headers.includes(kept) ? kept : suggested[field];
    return { field, required: required.includes(field), header: header ?? null };
  });
  return {
    kind,
    headers,
    preset: suggestColumns({ kind, headers }).preset,
    remembered: usedMemory,
    fields,
  };
}
