import { type Readable, Transform } from 'node:stream';
import { z } from 'zod';
import type { Queryable } from '../db/database.js';
import {
  type ImportKind,
  importFields,
  importKinds,
  requiredFields,
} from './read/import-fields.js';
import { presetNames } from './read/presets.js';
import { type CsvFile, openCsv } from './read/read-csv.js';
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
    notes: z
      .array(z.string())
      .describe(
        'why an ambiguous column was proposed for the field it was (a people file\'s "Role": the role or the team)',
      ),
  })
  .meta({ id: 'ImportColumns' });
export type ImportColumns = z.infer<typeof ImportColumnsSchema>;

export interface SuggestImportColumnsOptions {
  orgId: string;
  kind: ImportKind;
  /** The beginning of the file: its header row and first rows are read. */
  source: Readable;
}

/** Rows read to tell what an ambiguous column holds. */
const SAMPLE_ROWS = 50;

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
  // Whether the beginning sent ends a line: if not, its last row may be cut short.
  let lastByte = -1;
  const watched = options.source.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        if (chunk.length > 0) lastByte = chunk[chunk.length - 1] ?? -1;
        done(null, chunk);
      },
    }),
  );
  options.source.on('error', (error) => watched.destroy(error));
  const file = await openCsv(watched).finally(() => options.source.resume());
  const headers = [...file.headers];
  const sample = await readSample(file, () => lastByte === 0x0a || lastByte === 0x0d);
  const [saved] = await db.query<{ columns: Record<string, string> }>(
    'select columns from import_mapping where org_id = $1 and kind = $2',
    [options.orgId, kind],
  );
  const suggestion = suggestColumns({ kind, headers, sample });
  const suggested: Partial<Record<string, string>> = suggestion.columns;
  const remembered = Object.fromEntries(
    Object.entries(saved?.columns ?? {}).filter(([, header]) => headers.includes(header)),
  );
  const keptHeaders = new Set(Object.values(remembered));
  const required: readonly string[] = requiredFields[kind];
  const fields = importFields[kind].map((field) => {
    const guess = suggested[field];
    // A column the remembered mapping gives to one field is not proposed for another.
    const header =
      remembered[field] ?? (guess !== undefined && !keptHeaders.has(guess) ? guess : undefined);
    return { field, required: required.includes(field), header: header ?? null };
  });
  return {
    kind,
    headers,
    preset: suggestion.preset,
    remembered: fields.some(({ field }) => remembered[field] !== undefined),
    fields,
    notes: keptHeaders.size > 0 ? [] : (suggestion.notes ?? []),
  };
}

/**
 * The first rows of the beginning sent, keyed by header. The web sends a slice of the file,
 * whose last row may be cut short: when the slice ran out mid-line, its last row is left out.
 */
async function readSample(
  file: CsvFile,
  endsLine: () => boolean,
): Promise<Record<string, string>[]> {
  const rows: Record<string, string>[] = [];
  let ranOut = true;
  let lastLine = 0;
  try {
    for await (const record of file) {
      if (rows.length === SAMPLE_ROWS) {
        ranOut = false;
        break;
      }
      rows.push({ ...record.values });
      lastLine = record.line;
    }
  } catch {
    // A slice cut inside a quoted field ends the sample; the rows before it stand.
  } finally {
    file.close();
  }
  // A cut row too short to be a record was set aside as an issue: the last record is whole.
  const cutSetAside = file.issues.some((issue) => (issue.line ?? 0) > lastLine);
  return ranOut && !endsLine() && !cutSetAside ? rows.slice(0, -1) : rows;
}
