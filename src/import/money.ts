const minorUnitsByCurrency = new Map<string, number>();

/** Digits after the decimal point of an ISO 4217 currency (2 for USD, 0 for JPY). */
export function minorUnitsOf(currency: string): number {
  const known = minorUnitsByCurrency.get(currency);
  if (known !== undefined) return known;
  let digits = 2;
  try {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
  } catch {
    // An unknown code is reported by the row check; 2 is only a fallback here.
  }
  minorUnitsByCurrency.set(currency, digits);
  return digits;
}

/** A three-letter currency code, upper-cased; null when the text is not one. */
export function readCurrency(text: string): string | null {
  const code = text.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? code : null;
}
