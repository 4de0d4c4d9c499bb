import { type ParseResult, parsed, rejected } from './parse-result.js';

export interface BooleanOptions {
  /**
   * What an empty cell means. Salesforce API exports write `1` for true and leave false
   * empty (IsClosed, IsWon), so those columns read empty as `false`; elsewhere an empty
   * cell is unknown (`null`, the default).
   */
  empty?: 'null' | 'false';
}

const TRUE = new Set(['true', '1', 'yes', 'y']);
const FALSE = new Set(['false', '0', 'no', 'n']);

/** Reads TRUE/FALSE, true/false, 1/0, yes/no (any case) into a boolean. */
export function parseBoolean(
  text: string,
  options: BooleanOptions = {},
): ParseResult<boolean | null> {
  const value = text.trim().toLowerCase();
  if (value === '') return parsed(options.empty === 'false' ? false : null);
  if (TRUE.has(value)) return parsed(true);
  if (FALSE.has(value)) return parsed(false);
  return rejected(`"${text.trim()}" is not yes/no (expected TRUE, FALSE, 1, 0, yes or no)`);
}
