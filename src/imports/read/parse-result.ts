/**
 * The outcome of parsing one cell. Value parsers never throw on bad input: a row of an
 * import collects every problem so the preview can list them all by line.
 */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A successful parse. */
export function parsed<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

/** A failed parse, with a reason a sales manager can act on. */
export function rejected<T = never>(reason: string): ParseResult<T> {
  return { ok: false, reason };
}
