import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { FieldIssue } from '../../shared/app-error.js';
import { csvError, ROW_FIELD } from './csv-issue.js';
import { readHead } from './csv-source.js';
import { type CsvDelimiter, detectDelimiter } from './detect-delimiter.js';
import { parseRecords } from './parse-records.js';
import { checkDelimiter, readHeaders } from './read-headers.js';

/** Default largest field: far above any real CRM cell, far below memory trouble. */
export const DEFAULT_MAX_FIELD_BYTES = 1024 * 1024;

export interface ReadCsvOptions {
  /** The file's delimiter when the user declared it; detected from the header otherwise. */
  delimiter?: CsvDelimiter;
  /** Largest field accepted, in bytes (default 1 MiB). */
  maxFieldBytes?: number;
}

/** One data row, keyed by the (trimmed) header of each column. Values are not trimmed. */
export interface CsvRecord {
  /** 1-based physical line of the file where the record starts. */
  line: number;
  values: Readonly<Record<string, string>>;
}

/**
 * An open CSV file: its header is read, its records stream on iteration (once).
 * Rows that cannot be records (a different number of fields than the header) are not
 * yielded but collected in `issues`, so one pass reports every bad row; problems with
 * the file itself (unclosed quote, oversized field) end the iteration with an AppError
 * after every good record before them.
 */
export interface CsvFile extends AsyncIterable<CsvRecord> {
  readonly headers: readonly string[];
  readonly delimiter: CsvDelimiter;
  /** Row issues found so far; complete once the iteration has finished. */
  readonly issues: readonly FieldIssue[];
  /** Releases the source without reading on (after a look at the headers only). */
  close(): void;
}

/**
 * Opens a CSV file (a path or a byte stream), detects its delimiter, strips a UTF-8
 * BOM and reads the header row. Memory stays bounded: the file is never held whole,
 * and no field may grow past `maxFieldBytes`.
 */
export async function openCsv(
  source: Readable | string,
  options: ReadCsvOptions = {},
): Promise<CsvFile> {
  const input = typeof source === 'string' ? createReadStream(source) : source;
  const chunks = input[Symbol.asyncIterator]();
  const head = await readHead(chunks);
  const delimiter = options.delimiter ?? detectDelimiter(head);
  const rows = parseRecords(head, chunks, {
    delimiter,
    maxFieldBytes: options.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES,
  });

  const header = await rows.next().catch((error: unknown) => {
    rows.close();
    throw error;
  });
  if (header === undefined) throw csvError(1, 'the file is empty; expected a header row');
  let headers: string[];
  try {
    headers = readHeaders(header.fields, header.line);
    checkDelimiter({ headers, head, delimiter, line: header.line });
  } catch (error: unknown) {
    rows.close();
    throw error;
  }

  const issues: FieldIssue[] = [];
  async function* records(): AsyncGenerator<CsvRecord> {
    try {
      for (let row = await rows.next(); row !== undefined; row = await rows.next()) {
        // Spreadsheets save trailing rows of empty cells as ",,,": they carry no data.
        if (row.fields.every((value) => value === '')) continue;
        if (row.fields.length !== headers.length) {
          const reason = `expected ${headers.length} fields as in the header, found ${row.fields.length}`;
          issues.push({ line: row.line, field: ROW_FIELD, reason });
          continue;
        }
        const values: Record<string, string> = {};
        headers.forEach((name, index) => {
          values[name] = row.fields[index] ?? '';
        });
        yield { line: row.line, values };
      }
    } finally {
      rows.close();
    }
  }
  return { headers, delimiter, issues, close: rows.close, [Symbol.asyncIterator]: records };
}
