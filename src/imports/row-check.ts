import type { FieldIssue } from '../shared/app-error.js';
import type { RowResult } from './import-kind.js';
import type { ImportRecord, ImportWarning } from './import-types.js';
import type { ParseResult } from './read/parse-result.js';
import type { StagingValue } from './staging.js';

/**
 * Validation of one row: every problem of the row is collected (not only the first), each
 * with its line, field and value, so the preview lists everything to fix at once.
 */
export class RowCheck {
  readonly issues: FieldIssue[] = [];
  readonly warnings: ImportWarning[] = [];

  constructor(private readonly record: ImportRecord) {}

  get line(): number {
    return this.record.line;
  }

  /** The trimmed cell of `field`; '' when empty or when the file has no such column. */
  text(field: string): string {
    return (this.record.values[field] ?? '').trim();
  }

  /** The trimmed cell, or null when empty. */
  optional(field: string): string | null {
    const value = this.text(field);
    return value === '' ? null : value;
  }

  /** A cell that must not be empty. */
  required(field: string): string | null {
    const value = this.text(field);
    if (value === '') this.fail(field, 'is required');
    return value === '' ? null : value;
  }

  /** A parsed non-empty cell; an empty one is null (the caller decides if that is allowed). */
  parse<T>(field: string, parse: (text: string) => ParseResult<T>): T | null {
    const value = this.text(field);
    if (value === '') return null;
    const result = parse(value);
    if (result.ok) return result.value;
    this.fail(field, result.reason);
    return null;
  }

  /** The row's outcome: `values` (with its warnings) when no check failed. */
  result(values: StagingValue[]): RowResult {
    return this.issues.length > 0
      ? { ok: false, issues: this.issues }
      : { ok: true, values, warnings: this.warnings };
  }

  /** The row is imported, but the result names it (with its external id) for a look. */
  warn(field: string, reason: string, externalId: string | null): void {
    this.warnings.push({ line: this.record.line, externalId, field, reason });
  }

  fail(field: string, reason: string): void {
    this.issues.push({ line: this.record.line, field, value: this.cell(field), reason });
  }

  /** The raw value for an issue; long cells are cut so an error report stays readable. */
  private cell(field: string): string {
    const value = this.record.values[field] ?? '';
    return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  }
}
