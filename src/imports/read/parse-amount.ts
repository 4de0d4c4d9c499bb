import { type ParseResult, parsed, rejected } from './parse-result.js';

export interface AmountOptions {
  /** Digits after the decimal point in the currency: 2 (default), 0 for JPY, 3 for KWD. */
  minorUnits?: number;
  /** Declared decimal separator; otherwise inferred from the value (see parseAmount). */
  decimalSeparator?: '.' | ',';
  /** Whether a negative amount is meaningful in this column (default true). */
  allowNegative?: boolean;
}

// A currency sign or ISO code around the number: $, €, R$, USD.
const CURRENCY = /^(?:[A-Z]{3}|[A-Z]{0,2}\p{Sc})$/u;
// Spaces, no-break spaces and apostrophes group thousands (1 234,50 / 1'234.50).
const GROUP_SPACES = /[\s\u00a0\u202f']/gu;

/**
 * Reads a money amount into integer minor units (cents) without floating point: the
 * digits are moved as text, so 0.29 is 29, never 28.999….
 *
 * - Currency signs and codes around the number are ignored: `$1,234.50`, `USD 1,234.50`,
 *   `1.234,50 €`. `(500)` and `-500` are negative.
 * - Without a declared separator, the last `.` or `,` is the decimal point when both
 *   appear; a lone `,` is decimal only when followed by 1–2 digits (`1,5`, `1,50`), else
 *   it groups thousands (`1,234`). A lone `.` is decimal, so a German `1.234` is read as
 *   1.234 and rejected for its third decimal rather than silently taken as 1234.
 * - More decimals than the currency has are rejected unless they are zeros: rounding
 *   money behind the user's back is worse than asking.
 * - Scientific notation (`1.12474E+06`) is rejected: it is how spreadsheets display a
 *   number they have rounded, and the digits lost cannot be recovered.
 * - Results beyond Number.MAX_SAFE_INTEGER minor units are rejected.
 */
export function parseAmount(text: string, options: AmountOptions = {}): ParseResult<number> {
  const minorUnits = options.minorUnits ?? 2;
  let value = text.trim();
  if (value === '') return rejected('is empty');
  if (/\d[eE][+-]?\d/.test(value)) {
    return rejected(`"${value}" is in scientific notation; export the full number`);
  }
  let negative = false;
  if (value.startsWith('(') && value.endsWith(')')) {
    negative = true;
    value = value.slice(1, -1).trim();
  }
  const match = /^([^\d.,]*?)\s*([\d.,\s\u00a0\u202f']*\d[\d.,]*|[.,]\d+)\s*([^\d.,]*)$/u.exec(
    value,
  );
  if (match === null) return rejected(`"${text.trim()}" is not an amount`);
  const [, prefix = '', number = '', suffix = ''] = match;
  const sign = readAffixes(prefix, suffix);
  if (sign === null || (negative && sign === -1)) {
    return rejected(`"${text.trim()}" is not an amount`);
  }
  negative ||= sign === -1;
  const digits = splitNumber(number.replace(GROUP_SPACES, ''), options.decimalSeparator);
  if (digits === null) return rejected(`"${text.trim()}" is not an amount`);
  const { whole, fraction } = digits;
  const kept = fraction.slice(0, minorUnits);
  if (/[^0]/.test(fraction.slice(minorUnits))) {
    return rejected(`"${text.trim()}" has more than ${minorUnits} decimals`);
  }
  const minor = BigInt(`${whole}${kept.padEnd(minorUnits, '0')}`);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return rejected(`"${text.trim()}" is too large`);
  if (negative && minor !== 0n && options.allowNegative === false) {
    return rejected(`"${text.trim()}" is negative`);
  }
  // `0 - 0` keeps -0 out of the results.
  return parsed(negative ? 0 - Number(minor) : Number(minor));
}

/** The sign written around the number (1 or -1), or null if anything else is there. */
function readAffixes(prefix: string, suffix: string): 1 | -1 | null {
  let sign: 1 | -1 = 1;
  let rest = prefix.replace(/\s/gu, '');
  // Accept -$5, $-5, -5 and +5; the sign may sit either side of the currency.
  const signs = rest.match(/[-+\u2212]/gu) ?? [];
  if (signs.length > 1) return null;
  if (signs[0] === '-' || signs[0] === '\u2212') sign = -1;
  rest = rest.replace(/[-+\u2212]/u, '');
  if (rest !== '' && !CURRENCY.test(rest)) return null;
  const after = suffix.replace(/\s/gu, '');
  if (after !== '' && !CURRENCY.test(after)) return null;
  if (rest !== '' && after !== '') return null;
  return sign;
}

function splitNumber(
  number: string,
  declared: '.' | ',' | undefined,
): { whole: string; fraction: string } | null {
  const decimal = declared ?? inferDecimal(number);
  const point = decimal === null ? -1 : number.lastIndexOf(decimal);
  const wholePart = point === -1 ? number : number.slice(0, point);
  const fraction = point === -1 ? '' : number.slice(point + 1);
  if (!/^\d*$/.test(fraction)) return null;
  const groups = wholePart.split(/[.,]/);
  const separators = wholePart.replace(/\d/g, '');
  // Thousands are grouped with one separator; the groups after the first have 3 digits
  // (Indian lakh grouping, 1,23,456, also allows 2 before the last).
  if (new Set(separators).size > 1) return null;
  if (decimal !== null && separators.includes(decimal)) return null;
  if (groups.length > 1) {
    const [first = '', ...others] = groups;
    const last = others.pop() ?? '';
    if (!/^\d{1,3}$/.test(first) || last.length !== 3) return null;
    if (others.some((group) => !/^\d{2,3}$/.test(group))) return null;
  }
  const whole = groups.join('');
  if (whole === '' && fraction === '') return null;
  return { whole: whole === '' ? '0' : whole, fraction };
}

function inferDecimal(number: string): '.' | ',' | null {
  const lastDot = number.lastIndexOf('.');
  const lastComma = number.lastIndexOf(',');
  if (lastDot === -1 && lastComma === -1) return null;
  if (lastDot !== -1 && lastComma !== -1) return lastDot > lastComma ? '.' : ',';
  if (lastComma !== -1) {
    const single = number.indexOf(',') === lastComma;
    return single && /^\d{1,2}$/.test(number.slice(lastComma + 1)) ? ',' : null;
  }
  // Several dots can only be grouping (1.234.567).
  return number.indexOf('.') === lastDot ? '.' : null;
}
