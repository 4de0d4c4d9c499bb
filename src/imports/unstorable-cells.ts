import { unstorableTextProblem } from '../core/schema-primitives.js';
import type { FieldIssue } from '../shared/app-error.js';
import type { ImportRecord } from './import-types.js';

/**
 * The cells of a row that no table can hold (a NUL, a lone surrogate), one issue each.
 * Checked before the kind's own checks: such a row is an error of the file, never a failed
 * COPY. Other control characters stay: a CRM's data is imported as it is.
 */
export function unstorableCells(record: ImportRecord): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [field, value] of Object.entries(record.values)) {
    const reason = unstorableTextProblem(value);
    if (reason !== null) issues.push({ line: record.line, field, value, reason });
  }
  return issues;
}
