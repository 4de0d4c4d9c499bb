import { describe, expect, it } from 'vitest';
import { periodCell } from './export-cells.js';

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
