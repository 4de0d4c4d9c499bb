/**
 * Number formatting, the one place for every shown figure: money as exports write it
 * (`decimalAmount`), and the ratios and multiples of the reasons' sentences, the terminal,
 * the e-mails and the screens, all rounded half-up to the shown precision (`roundHalfUp`).
 * A failing value that rounds onto its threshold reads "just below 3×" (`against`), never
 * "3× (threshold 3×)".
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
/**
 * One Intl.NumberFormat per locale and currency: building one costs ~0.1 ms, as much as the
 * rest of an agenda's sentences (a CPU profile of computed agendas), and it never changes.
 */
const wholeFormats = new Map<string, Intl.NumberFormat>();

function wholeFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale} ${currency}`;
  let format = wholeFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      maximumFractionDigits: 0,
      minimumFractionDigits: 0,
    });
    wholeFormats.set(key, format);
  }
  return format;
}

export function moneyFormatter(options: { currency: string; locale: string }): FormatMoney {
  const whole = wholeFormat(options.locale, options.currency);
  const digits = currencyDigits(options.currency);
  return (minorUnits) => {
    const rounded = Math.round(minorUnits);
    // A sentence must never fail: a figure beyond exact integers is shown as well as a float can.
    if (!Number.isSafeInteger(rounded)) return whole.format(minorUnits / 10 ** digits);
    // A decimal string is formatted exactly (ECMA-402 2023), with no float division.
    return whole.format(decimalAmount(rounded, options.currency) as `${number}`);
  };
}

/**
 * Rounds half-up (away from zero) to `decimals` places, as a reader rounding by hand would:
 * 1.57 → 1.6, 1.55 → 1.6, 1.549 → 1.5, 1.005 → 1.01 (to 2).
 *
 * Binary floating point cannot hold most decimals: 1.005 is stored as 1.00499999999999989…,
 * 1.45 as 1.4499999999999999556…, and 0.29 × 100 computes as 28.999999999999996. A double
 * carries 15 significant decimal digits reliably, so the value is first read back at 15
 * digits (the decimal the figure was meant to be) and the rounding is done on that decimal
 * by moving the point in its text, never by multiplying, which would add noise again.
 * Differences beyond the 15th digit are noise by this rule: 1.00499999999999 (14 digits)
 * still reads 1.00.
 */
export function roundHalfUp(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const [mantissa, exponent = '0'] = String(Number(Math.abs(value).toPrecision(15))).split('e');
  const shifted = Number(`${mantissa}e${Number(exponent) + decimals}`);
  const whole = Math.floor(shifted + 0.5);
  // Past 10^21 the text of a whole number is in exponent form; there are no decimals left.
  const rounded = whole >= 1e21 ? Math.abs(value) : Number(`${whole}e${-decimals}`);
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

const plainNumbers = new Map<string, Intl.NumberFormat>();

function plainNumber(locale: string, decimals: number): Intl.NumberFormat {
  const key = `${locale}|${decimals}`;
  let format = plainNumbers.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: decimals });
    plainNumbers.set(key, format);
  }
  return format;
}

/** A figure to at most `decimals` places, rounded half-up: 1.57 → "1.6", 3 → "3". */
export function decimal(value: number, decimals = 1, locale = 'en-US'): string {
  return plainNumber(locale, decimals).format(roundHalfUp(value, decimals));
}

const percentFormats = new Map<string, Intl.NumberFormat>();

/** 0.724 → "72%", 0.125 → "13%", 0.996 → "100%" (in the locale's way: "13 %" in de-DE). */
export function percent(ratio: number, locale = 'en-US'): string {
  let format = percentFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    percentFormats.set(locale, format);
  }
  // Rounded here, on the decimal; the division back only adds noise far below a whole percent.
  return format.format(roundHalfUp(ratio * 100, 0) / 100);
}

/** 1.57 → "1.6×", 1.55 → "1.6×", 3 → "3×". */
export function times(ratio: number, locale = 'en-US'): string {
  return `${decimal(ratio, 1, locale)}×`;
}

/**
 * A figure beside the threshold it is held to. Half-up can carry a failing value onto its
 * threshold (2.96 reads 3×, 0.996 reads 100%): then it reads "just below 3×" or "just above
 * 20%", so that a sentence never says "3× (threshold 3×)" of a check that failed.
 * `passes` is the side the value must be on: 'at-least' (coverage, attainment) or 'at-most'
 * (a past-due share).
 */
export function against(
  value: number,
  threshold: number,
  passes: 'at-least' | 'at-most',
  format: (value: number) => string,
): string {
  const shown = format(value);
  if (shown !== format(threshold)) return shown;
  if (passes === 'at-least' && value < threshold) return `just below ${shown}`;
  if (passes === 'at-most' && value > threshold) return `just above ${shown}`;
  return shown;
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
