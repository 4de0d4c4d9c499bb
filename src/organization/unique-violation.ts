import { AppError } from '../shared/app-error.js';

/** PostgreSQL's unique_violation (23505) and foreign_key_violation (23503), as a 409. */
export function conflictOrRethrow(error: unknown, message: string): never {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === '23505' || code === '23503')
    throw new AppError('CONFLICT', message, { cause: error });
  throw error;
}
