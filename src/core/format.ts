/**
 * Number formatting: money as exports write it (`decimalAmount`), and for the reasons'
 * sentences. Shown ratios are rounded DOWN so that a failing value never reads as the
 * threshold it missed (99.6% reads 99%, not 100%).
 */

const digitsByCurrency = new Map<string, number>();

/**
 * Digits after the decimal point of an ISO 4217 currency, as Intl knows them: USD 2, JPY 0,
 * KWD 3. An unknown code falls back to 2 (the importers report the code itself).
 */
export function currencyDigits(currency: string): number {
  const known = digitsByCurrency.get(currency);
  if (known !== undefined) return known;
  let digits = 2;
  try {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
  } catch {
    // RangeError for a code that is not one: keep the fallback.
  }
  digitsByCurrency.set(currency, digits);
  return digits;
}

const INTEGER = /^-?\d+$/;

/**
 * THE writer of money as a number: integer minor units as a plain decimal in the currency's
 * own decimals, as a spreadsheet and Rudder's importers read it. In USD `-123456` is
 * `-1234.56`, in JPY `1234567` stays `1234567`, in KWD `1234` is `1.234`. Every export
 * (the data export, the scorecard CSV) and the money in sentences go through it. The digits
 * move as text, so no amount goes through floating point; a value that is not a whole
 * number of minor units is a bug upstream (a goal prorated without `prorateGoal`), and
 * throws rather than writing a malformed amount.
 */
export function decimalAmount(minorUnits: number | bigint | string, currency: string): string {
  const text = String(minorUnits);
  if (!INTEGER.test(text) || (typeof minorUnits === 'number' && !Number.isSafeInteger(minorUnits)))
    throw new Error(`not a whole number of minor units: ${text} ${currency}`);
  const digits = currencyDigits(currency);
  if (digits === 0) return text;
  const negative = text.startsWith('-');
  const padded = (negative ? text.slice(1) : text).padStart(digits + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** Formats money in minor units (cents) in a currency and locale. */
export type FormatMoney = (minorUnits: number) => string;

/**
 * A money formatter for sentences (reasons, e-mails, the CLI) from ISO 4217 currency and
 * BCP 47 locale: whole units shown, read more easily than cents in a sentence. The amount
 * is first written exactly by `decimalAmount` (Intl formats a decimal string without
 * floating point). Figures that are not money of record (a velocity per day) may carry
 * fractions of a minor unit: they are rounded to the nearest one first.
 */
export function moneyFormatter(options: { currency: string; locale: string }): FormatMoney {
  const whole = new Intl.NumberFormat(options.locale, {
    style: 'currency',
    currency: options.currency,
    maximumFractionDigits: 0,
    minimumFractionDigits: 0,
  });
  const digits = currencyDigits(options.currency);
  return (minorUnits) => {
    const rounded = Math.round(minorUnits);
    // A sentence must never fail: a figure beyond exact integers is shown as well as a float can.
    if (!Number.isSafeInteger(rounded)) return whole.format(minorUnits / 10 ** digits);
    // A decimal string is formatted exactly (ECMA-402 2023), with no float division.
    return whole.format(decimalAmount(rounded, options.currency) as `${number}`);
  };
}

function floorTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  // The epsilon keeps 0.29 × 100 = 28.999999999999996 from showing as 28.
  return Math.floor(value * factor + 1e-9) / factor;
}

/** 0.724 → "72%". */
export function percent(ratio: number): string {
  return `${floorTo(ratio * 100, 0)}%`;
}

/** 1.46 → "1.4×". */
export function times(ratio: number): string {
  return `${floorTo(ratio, 1).toFixed(1)}×`;
}

/** 1 → "1st", 2 → "2nd", 11 → "11th", 23 → "23rd". */
export function ordinal(n: number): string {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/** "1 opportunity", "6 opportunities". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** "a", "a and b", "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
