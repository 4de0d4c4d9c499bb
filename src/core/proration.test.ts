import { describe, expect, it } from 'vitest';
import { periodContaining } from './periods.js';
import { elapsedFraction, prorateGoal } from './proration.js';

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

describe('prorateGoal', () => {
  const november = month('2026-11-01');

  it('rounds a prorated goal once, to whole minor units, half up', () => {
    // Nov 2026: 21 business days, as of Tue Nov 3 → 2/21.
    // 10,000,000 × 2/21 = 952,380.952… → 952,381; 1,050 × 2/21 = 100 exactly;
    // 21 × 2/21 = 2; 5 × 2/21 = 0.476… → 0.
    const at = (target: number) =>
      prorateGoal({ target, period: november, asOf: '2026-11-03', proration: 'business-days' });
    expect([at(10_000_000), at(1_050), at(21), at(5), at(0)]).toEqual([952_381, 100, 2, 0, 0]);
  });

  it('rounds an exact half of a minor unit up', () => {
    // Calendar days, Nov 2026 (30 days), as of Nov 15: 15/30 = 1/2. 1 cent × 1/2 = 0.5 → 1;
    // 3 × 1/2 = 1.5 → 2; 999,999,999,999 × 1/2 = 499,999,999,999.5 → 500,000,000,000.
    const half = (target: number) =>
      prorateGoal({ target, period: november, asOf: '2026-11-15', proration: 'calendar-days' });
    expect([half(1), half(3), half(999_999_999_999)]).toEqual([1, 2, 500_000_000_000]);
  });

  it('is the whole goal once the period is over and 0 before it starts', () => {
    const goal = (asOf: string) =>
      prorateGoal({ target: 12_345, period: november, asOf, proration: 'business-days' });
    expect([goal('2026-12-01'), goal('2026-10-31')]).toEqual([12_345, 0]);
  });
});
