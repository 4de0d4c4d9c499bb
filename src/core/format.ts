/**
 * Number formatting for the reasons' sentences. Shown figures are rounded DOWN so that a
 * failing value never reads as the threshold it missed (99.6% reads 99%, not 100%).
 */

/** Formats money in minor units (cents) in a currency and locale. */
export type FormatMoney = (minorUnits: number) => string;

/** A money formatter from ISO 4217 currency and BCP 47 locale, whole units shown. */
export function moneyFormatter(options: { currency: string; locale: string }): FormatMoney {
  const base = new Intl.NumberFormat(options.locale, {
    style: 'currency',
    currency: options.currency,
  });
  // JPY has no minor unit, EUR has two: the currency says how many cents make a unit.
  const digits = base.resolvedOptions().maximumFractionDigits ?? 2;
  const whole = new Intl.NumberFormat(options.locale, {
    style: 'currency',
    currency: options.currency,
    maximumFractionDigits: 0,
    minimumFractionDigits: 0,
  });
  return (minorUnits) => whole.format(minorUnits / 10 ** digits);
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
