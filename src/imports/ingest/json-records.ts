import { StringDecoder } from 'node:string_decoder';
import type { FieldIssue } from '../../shared/app-error.js';
import type { ImportRecord } from '../import-types.js';
import { type ImportKind, importFields } from '../read/import-fields.js';

/** Records of an API batch, and the problems of the lines that could not be records. */
export interface JsonRecords {
  records: AsyncIterable<ImportRecord>;
  /** Complete once `records` has been iterated to its end. */
  issues: FieldIssue[];
}

const ROW = '(row)';

/** NDJSON, streamed: one object per line; the record's line is the NDJSON line (1-based). */
export function ndjsonRecords(body: AsyncIterable<Buffer>, kind: ImportKind): JsonRecords {
  const issues: FieldIssue[] = [];
  async function* records(): AsyncGenerator<ImportRecord> {
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let line = 0;
    const parse = (text: string) => {
      line += 1;
      return text.trim() === ''
        ? null
        : recordOf(parseLine(text, line, issues), line, kind, issues);
    };
    for await (const chunk of body) {
      const lines = (pending + decoder.write(chunk)).split('\n');
      pending = lines.pop() ?? '';
      for (const text of lines) {
        const record = parse(text);
        if (record) yield record;
      }
    }
    const record = parse(pending + decoder.end());
    if (record) yield record;
  }
  return { records: records(), issues };
}

/** A JSON array: the record's line is its index + 1. */
export function arrayRecords(items: readonly unknown[], kind: ImportKind): JsonRecords {
  const issues: FieldIssue[] = [];
  async function* records(): AsyncGenerator<ImportRecord> {
    for (const [index, item] of items.entries()) {
      const record = recordOf(item, index + 1, kind, issues);
      if (record) yield record;
    }
  }
  return { records: records(), issues };
}

const unparsable = Symbol('unparsable');

function parseLine(text: string, line: number, issues: FieldIssue[]): unknown {
  try {
    return JSON.parse(text);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : 'not valid JSON';
    issues.push({ line, field: ROW, reason: `not valid JSON: ${reason}` });
    return unparsable;
  }
}

/**
 * One object keyed by Rudder's canonical field names. Scalars become the text a CSV cell
 * would hold, so the importer validates them exactly as it validates a file.
 */
function recordOf(
  value: unknown,
  line: number,
  kind: ImportKind,
  issues: FieldIssue[],
): ImportRecord | null {
  if (value === unparsable) return null;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.push({ line, field: ROW, reason: 'expected a JSON object keyed by field names' });
    return null;
  }
  const fields: readonly string[] = importFields[kind];
  const values: Record<string, string> = {};
  for (const [field, raw] of Object.entries(value)) {
    const cell = cellOf(raw);
    if (!fields.includes(field)) {
      const reason = `not a field of ${kind}; expected one of ${fields.join(', ')}`;
      issues.push({ line, field, reason });
    } else if (cell === null) {
      issues.push({ line, field, reason: 'expected a string, number, boolean or null' });
    } else values[field] = cell;
  }
  // The known fields are still validated, so one pass reports everything to fix.
  return { line, values };
}

function cellOf(raw: unknown): string | null {
  if (raw === null) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return null;
}
