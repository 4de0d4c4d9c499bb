import { describe, expect, it } from 'vitest';
import { makeFormatters, roundHalfUp } from './format.js';

const usd = makeFormatters({ currency: 'USD', locale: 'en-US', timeZone: 'UTC' });

describe('roundHalfUp', () => {
  it('rounds half away from zero at the shown precision, through binary noise', () => {
    expect(roundHalfUp(1.57, 1)).toBe(1.6);
    expect(roundHalfUp(1.55, 1)).toBe(1.6);
    expect(roundHalfUp(1.549, 1)).toBe(1.5);
    // 1.45 is stored as 1.4499999999999999556: by hand it is a half, so up.
    expect(roundHalfUp(1.45, 1)).toBe(1.5);
    expect(roundHalfUp(0.125, 2)).toBe(0.13);
    expect(roundHalfUp(0.29, 2)).toBe(0.29);
    expect(roundHalfUp(-1.55, 1)).toBe(-1.6);
    expect(roundHalfUp(-0.04, 1)).toBe(0);
  });
});

describe('makeFormatters', () => {
  it('shows multiples and percentages rounded half-up, as a reader checks them by hand', () => {
    // Weighted coverage $317,297 ÷ $202,100 = 1.57: "1.6×", never the truncated "1.5×".
    expect(usd.times(317_297 / 202_100)).toBe('1.6×');
    expect(usd.times(1.57)).toBe('1.6×');
    expect(usd.times(1.55)).toBe('1.6×');
    expect(usd.times(1.549)).toBe('1.5×');
    expect(usd.times(2.96)).toBe('3×');
    expect(usd.times(3)).toBe('3×');
    expect(usd.percent(0.996)).toBe('100%');
    expect(usd.percent(0.994)).toBe('99%');
    expect(usd.percent(0.125)).toBe('13%');
    // 0.29 × 100 is 28.999999999999996 in floating point: still 29%.
    expect(usd.percent(0.29)).toBe('29%');
    expect(usd.number(2.25)).toBe('2.3');
  });

  it('reads minor units by the currency: cents for USD, none for JPY', () => {
    expect(usd.money(1_234_500)).toBe('$12,345');
    expect(usd.toMinor(90_000)).toBe(9_000_000);
    const jpy = makeFormatters({ currency: 'JPY', locale: 'en-US', timeZone: 'UTC' });
    expect(jpy.money(12_345)).toBe('¥12,345');
    expect(jpy.toMinor(90_000)).toBe(90_000);
  });

  it('shortens money for a chart axis and names months and near days without the year', () => {
    expect(usd.moneyShort(6_000_000)).toBe('$60K');
    expect(usd.moneyShort(123_000_000)).toBe('$1.2M');
    expect(usd.monthShort('2026-03')).toBe('Mar');
    expect(usd.month('2026-03')).toBe('Mar 2026');
    expect(usd.dayShort('2026-11-20')).toBe('Nov 20');
  });
});
