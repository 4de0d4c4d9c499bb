/**
 * The organization-wide ranking reads ~10,000 goals and ~10,000 months of `rep_month` at
 * bench-L. Writing each one's numbers as text on every ranking cost PostgreSQL ~5 ms of its
 * ~16 ms statement (casts and concatenations per row); a `ranking_code` column, generated
 * when the row is written, holds that text once (bench/findings.md, tenth session). These
 * pieces build the columns' expressions; `scorecardFacts` reads them.
 */

/** Day 0 of the days in `ranking_code`: a goal's period start or a month's first day. */
export const rankingEpoch = '2000-01-01';

/** `column` (a date) as whole days since `rankingEpoch`, as text. */
export const rankingDays = (column: string) => `(${column} - '${rankingEpoch}'::date)::text`;

/** `column` as the index of its value in `values` ('0', '1', …), a small code for a name. */
export const rankingCodeOf = (column: string, values: readonly string[]) =>
  `(case ${column} ${values.map((v, i) => `when '${v}' then '${i}'`).join(' ')} end)`;
