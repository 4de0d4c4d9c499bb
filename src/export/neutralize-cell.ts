/** A cell value as exported: numbers stay numbers, text is made safe for spreadsheets. */
export type CellValue = string | number | boolean | null;

// Spreadsheets run a cell starting with one of these as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;
// A plain number such as -500 or -12.50 is data, not a formula: it stays a number.
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Whether a spreadsheet could take the cell for a formula. Spreadsheets also accept the
 * look-alikes of the ASCII starters (full-width `＝＋－＠`, small forms `﹦﹢﹣﹫`, …) and fold
 * them to ASCII: so does this test, by the first character's NFKC compatibility form.
 */
function startsLikeFormula(value: string): boolean {
  const first = value.codePointAt(0);
  if (first === undefined) return false;
  return FORMULA_START.test(String.fromCodePoint(first).normalize('NFKC'));
}

/**
 * Neutralises a text cell that a spreadsheet would evaluate, by prefixing a single quote
 * (shown as text, not run). Numbers, including negative ones, are left as they are. The one
 * neutraliser of every CSV Rudder writes (the data export, the scorecard).
 */
export function neutralizeCell(value: CellValue): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  if (startsLikeFormula(value) && !PLAIN_NUMBER.test(value)) return `'${value}`;
  return value;
}
