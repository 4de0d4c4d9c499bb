import { AppError, type FieldIssue } from '../../shared/app-error.js';

/** The `field` of an issue that concerns a whole row or the file's shape, not one column. */
export const ROW_FIELD = '(row)';

/** A problem with the file itself at `line`: reading cannot go on past it. */
export function csvError(line: number, reason: string, issues?: FieldIssue[]): AppError {
  return new AppError('VALIDATION_FAILED', `Line ${line}: ${reason}.`, {
    issues: issues ?? [{ line, field: ROW_FIELD, reason }],
  });
}
