import { describe, expect, it } from 'vitest';
import { amountCell, periodCell } from './export-cells.js';

describe('amountCell', () => {
  it.each([
    ['123456', 'USD', '1234.56'],
    ['-50000', 'USD', '-500.00'],
    ['5', 'EUR', '0.05'],
    ['-5', 'EUR', '-0.05'],
    ['0', 'EUR', '0.00'],
    ['1234567', 'JPY', '1234567'],
    ['-1500', 'JPY', '-1500'],
    ['1234', 'KWD', '1.234'],
    ['-1', 'BHD', '-0.001'],
    // Beyond 2^53 a number would lose digits; the text keeps every one.
    ['90071992547409931', 'USD', '900719925474099.31'],
  ])('writes %s minor units of %s as %s', (minorUnits, currency, expected) => {
    expect(amountCell(minorUnits, currency)).toBe(expected);
  });
});

describe('periodCell', () => {
  // With a February start, FY2026 runs 2025-02-01 → 2026-01-31 (named by the year it ends).
  it.each([
    ['month', '2025-03-01', 2, '2025-03'],
    ['quarter', '2025-02-01', 2, 'FY2026-Q1'],
    ['quarter', '2025-11-01', 2, 'FY2026-Q4'],
    ['year', '2025-02-01', 2, 'FY2026'],
    ['quarter', '2025-04-01', 1, 'FY2025-Q2'],
    ['year', '2025-01-01', 1, 'FY2025'],
  ])('writes a %s starting %s (fiscal year from month %i) as %s', (kind, start, month, key) => {
    expect(periodCell(kind, start, month)).toBe(key);
  });
});
