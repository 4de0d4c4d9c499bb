import { stringify } from 'csv-stringify/sync';
import { decimalAmount } from '../core/format.js';
import type { Scorecard } from '../core/scorecard.js';
import { type CellValue, neutralizeCell } from '../export/neutralize-cell.js';

const header = [
  'rank',
  'name',
  'actual',
  'goal',
  'attainment',
  'previous_rank',
  'movement',
  'ytd_actual',
  'ytd_goal',
  'ytd_attainment',
  'currency',
];

/** Minor units in the currency's unit with its own decimals, as the data export writes money. */
const money = (minor: number | null | undefined, currency: string): CellValue =>
  minor === null || minor === undefined ? null : decimalAmount(minor, currency);
const ratio = (value: number | null | undefined): CellValue =>
  value === null || value === undefined ? null : value.toFixed(4);

/**
 * A published scorecard as CSV, in rank order: exactly the scorecard's figures, every cell
 * neutralised so a rep named `=HYPERLINK(…)` stays text in a spreadsheet.
 */
export function scorecardCsv(scorecard: Scorecard): string {
  const { currency } = scorecard;
  const rows: CellValue[][] = scorecard.rows.map((row) => [
    row.rank,
    row.name,
    money(row.actual, currency),
    money(row.goal, currency),
    ratio(row.attainment),
    row.previousRank,
    row.movement,
    money(row.yearToDate?.actual, currency),
    money(row.yearToDate?.goal, currency),
    ratio(row.yearToDate?.attainment),
    scorecard.currency,
  ]);
  return stringify([header, ...rows.map((cells) => cells.map(neutralizeCell))]);
}
