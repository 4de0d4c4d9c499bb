/**
 * The organization-wide ranking reads ~10,000 goals and ~10,000 months of `rep_month` at
 * bench-L. Writing each one's numbers as text on every ranking cost PostgreSQL ~5 ms of its
 * ~16 ms statement (casts and concatenations per row); a `ranking_code` column, generated
 * when the row is written, holds that text once (bench/findings.md, tenth session). Both
 * columns' expressions are here, beside the day they count from; `scorecardFacts` reads them.
 */

/** Day 0 of the days in `ranking_code`: a goal's period start or a month's first day. */
export const rankingEpoch = '2000-01-01';

/** `column` (a date) as whole days since `rankingEpoch`, as text. */
const rankingDays = (column: string) => `(${column} - '${rankingEpoch}'::date)::text`;

/** `column` as the index of its value in `values` ('0', '1', …), a small code for a name. */
const rankingCodeOf = (column: string, values: readonly string[]) =>
  `(case ${column} ${values.map((v, i) => `when '${v}' then '${i}'`).join(' ')} end)`;

/**
 * A goal's code, `kind,days,target,status`: kind and status as their index in the lists
 * given (the schema's `periodKinds` and `goalStatuses`; adding to either changes the code).
 */
export const goalRankingCode = (kinds: readonly string[], statuses: readonly string[]) =>
  [
    rankingCodeOf('period_kind', kinds),
    rankingDays('period_start'),
    'target::text',
    rankingCodeOf('status', statuses),
  ].join(` || ',' || `);

/** A `rep_month` row's code, `days,bookings`: bookings are won plus results. */
export const monthRankingCode = `${rankingDays('month')} || ',' || (won_amount + result_amount)::text`;
