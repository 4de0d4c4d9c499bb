import type { FieldIssue } from '../../shared/app-error.js';
import { csvError } from './csv-issue.js';
import { type CsvDelimiter, countDelimiters } from './detect-delimiter.js';

/**
 * Trims the header row and rejects empty or repeated headers: a record is keyed by its
 * headers, so either would silently lose a column.
 */
export function readHeaders(fields: readonly string[], line: number): string[] {
  const headers = fields.map((name) => name.trim());
  const issues: FieldIssue[] = [];
  const firstColumn = new Map<string, number>();
  headers.forEach((name, index) => {
    const column = index + 1;
    if (name === '') {
      issues.push({ line, field: `column ${column}`, reason: 'the header is empty' });
      return;
    }
    const first = firstColumn.get(name);
    if (first === undefined) {
      firstColumn.set(name, column);
    } else {
      const reason = `the header "${name}" appears twice (columns ${first} and ${column})`;
      issues.push({ line, field: name, reason });
    }
  });
  if (issues.length > 0) {
    const reasons = issues.map((issue) => issue.reason).join('; ');
    throw csvError(line, `the header row is invalid: ${reasons}`, issues);
  }
  return headers;
}

export interface CheckDelimiterOptions {
  headers: readonly string[];
  /** The first bytes of the file, where the header line is. */
  head: Uint8Array;
  delimiter: CsvDelimiter;
  line: number;
}

/**
 * A header that stays one column but contains another delimiter means the file was
 * split on the wrong one (typically a declared `,` for a European `;` file).
 */
export function checkDelimiter({ headers, head, delimiter, line }: CheckDelimiterOptions): void {
  if (headers.length !== 1) return;
  for (const [candidate, count] of countDelimiters(head)) {
    if (candidate !== delimiter && count > 0) {
      const found = `${showDelimiter(candidate)}`;
      throw csvError(
        line,
        `wrong delimiter: split on ${showDelimiter(delimiter)} the header is a single column, but it contains ${found}; the file is probably delimited by ${found}`,
      );
    }
  }
}

/** How a delimiter is named in messages. */
export function showDelimiter(delimiter: CsvDelimiter): string {
  return delimiter === '\t' ? 'tab' : `"${delimiter}"`;
}
