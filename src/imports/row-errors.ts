import { storableForDisplay } from '../core/schema-primitives.js';
import type { FieldIssue } from '../shared/app-error.js';

/** Row errors kept in a result and in import_run: enough to fix a file, bounded in size. */
export const MAX_KEPT_ERRORS = 1000;

/**
 * Collects row errors (or warnings) while a file streams by: keeps the first MAX_KEPT_ERRORS
 * and counts them all, so a file with a million bad rows neither floods memory nor the run.
 */
export class RowErrors<Issue extends { line?: number; value?: string } = FieldIssue> {
  readonly kept: Issue[] = [];
  total = 0;

  add(issue: Issue): void {
    this.total += 1;
    if (this.kept.length >= MAX_KEPT_ERRORS) return;
    // The kept errors are stored in import_run (jsonb), which refuses a NUL like text does.
    this.kept.push(
      issue.value === undefined ? issue : { ...issue, value: storableForDisplay(issue.value) },
    );
  }

  addAll(issues: readonly Issue[]): void {
    for (const issue of issues) this.add(issue);
  }

  /** The kept errors by line: streaming and SQL checks find them in different orders. */
  get sorted(): Issue[] {
    return [...this.kept].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  }
}
