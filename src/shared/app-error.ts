/**
 * The one error type of Rudder. Every failure the product means to report carries a
 * stable string `code`; the HTTP status for each code is chosen in exactly one place
 * (`src/server/problem.ts`). Anything that is not an AppError is a bug: it is logged
 * and answered as a plain 500.
 */
export const appErrorCodes = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'RATE_LIMITED',
  'CONFIG_INVALID',
  'DATA_DIR_LOCKED',
  'DATABASE_UNAVAILABLE',
  'IMPORT_FAILED',
  /** The CRM refused the connection's credentials (revoked, expired): the sync stops. */
  'CRM_AUTH_FAILED',
  /** The CRM answered with an error or not at all. */
  'CRM_UNAVAILABLE',
  /** An `Idempotency-Key` already used for another request (another route or body). */
  'IDEMPOTENCY_KEY_REUSED',
  /** The first request with this `Idempotency-Key` is still running: retry later. */
  'IDEMPOTENCY_KEY_IN_USE',
] as const;

export type AppErrorCode = (typeof appErrorCodes)[number];

/** A field-level problem: where (row/field) and why. */
export interface FieldIssue {
  /** 1-based line of the input file, when the input is a file. */
  line?: number;
  field: string;
  value?: string;
  reason: string;
}

export interface AppErrorOptions {
  cause?: unknown;
  issues?: FieldIssue[];
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly issues: FieldIssue[];

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.issues = options.issues ?? [];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** For exhaustive switches over string-literal unions. */
export function unreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}
