import { describe, expect, it } from 'vitest';
import { periodContaining } from './periods.js';
import { elapsedFraction } from './proration.js';

const month = (day: string) => periodContaining({ day, kind: 'month', fiscalYearStartMonth: 1 });

describe('elapsedFraction', () => {
  it('counts the as-of day as elapsed when prorating by business days', () => {
    // Nov 2026 has 21 business days; as of Tue Nov 3: Mon 2 + Tue 3 = 2 → 2/21.
    expect(
      elapsedFraction({
        period: month('2026-11-01'),
        asOf: '2026-11-03',
        proration: 'business-days',
      }),
    ).toBe(2 / 21);
  });

  it('is 0 before the period starts and 1 once it is over', () => {
    const november = month('2026-11-01');
    expect(
      elapsedFraction({ period: november, asOf: '2026-10-31', proration: 'business-days' }),
    ).toBe(0);
    expect(
      elapsedFraction({ period: november, asOf: '2026-11-30', proration: 'calendar-days' }),
    ).toBe(1);
    expect(
      elapsedFraction({ period: november, asOf: '2027-01-15', proration: 'business-days' }),
    ).toBe(1);
  });

  it('uses 29 days for February in a leap year when prorating by calendar days', () => {
    // 2028-02-14 inclusive: 14 of 29 days; in 2027: 14 of 28 = 0.5.
    expect(
      elapsedFraction({
        period: month('2028-02-01'),
        asOf: '2028-02-14',
        proration: 'calendar-days',
      }),
    ).toBe(14 / 29);
    expect(
      elapsedFraction({
        period: month('2027-02-01'),
        asOf: '2027-02-14',
        proration: 'calendar-days',
      }),
    ).toBe(0.5);
  });

  it('counts 21 business days in February 2028 when the leap day is a Tuesday', () => {
    // Feb 2028 starts Tuesday: Tue–Fri 1–4 (4) + 3 full weeks (15) + Mon 28, Tue 29 (2) = 21;
    // as of Mon 28: 20 of 21.
    expect(
      elapsedFraction({
        period: month('2028-02-01'),
        asOf: '2028-02-28',
        proration: 'business-days',
      }),
    ).toBe(20 / 21);
  });
});
