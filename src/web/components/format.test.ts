import { describe, expect, it } from 'vitest';
import { makeFormatters } from './format.js';

const usd = makeFormatters({ currency: 'USD', locale: 'en-US', timeZone: 'UTC' });

describe('makeFormatters', () => {
  it('rounds ratios down like the agenda’s reasons, so a miss never reads as the threshold', () => {
    expect(usd.percent(0.996)).toBe('99%');
    // 0.29 × 100 is 28.999999999999996 in floating point: still 29%.
    expect(usd.percent(0.29)).toBe('29%');
    expect(usd.times(2.96)).toBe('2.9×');
    expect(usd.times(3)).toBe('3×');
  });

  it('reads minor units by the currency: cents for USD, none for JPY', () => {
    expect(usd.money(1_234_500)).toBe('$12,345');
    expect(usd.toMinor(90_000)).toBe(9_000_000);
    const jpy = makeFormatters({ currency: 'JPY', locale: 'en-US', timeZone: 'UTC' });
    expect(jpy.money(12_345)).toBe('¥12,345');
    expect(jpy.toMinor(90_000)).toBe(90_000);
  });

  it('shortens money for a chart axis and names months without the year', () => {
    expect(usd.moneyShort(6_000_000)).toBe('$60K');
    expect(usd.moneyShort(123_000_000)).toBe('$1.2M');
    expect(usd.monthShort('2026-03')).toBe('Mar');
    expect(usd.month('2026-03')).toBe('Mar 2026');
  });
});
