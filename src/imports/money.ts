import { currencyDigits } from '../core/format.js';

/** Digits after the decimal point of an ISO 4217 currency (2 for USD, 0 for JPY). */
export const minorUnitsOf = currencyDigits;

/** A three-letter currency code, upper-cased; null when the text is not one. */
export function readCurrency(text: string): string | null {
  const code = text.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? code : null;
}
