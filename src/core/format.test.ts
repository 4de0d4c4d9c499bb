import { describe, expect, it } from 'vitest';
import {
  against,
  currencyDigits,
  decimal,
  decimalAmount,
  moneyFormatter,
  percent,
  roundHalfUp,
  times,
} from './format.js';

describe('currencyDigits', () => {
  it('gives the ISO 4217 minor digits: USD 2, JPY 0, KWD 3, an unknown code 2', () => {
    expect(['USD', 'JPY', 'KWD', 'EUR', 'XYZ!'].map(currencyDigits)).toEqual([2, 0, 3, 2, 2]);
  });
});

describe('decimalAmount', () => {
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
    expect(decimalAmount(minorUnits, currency)).toBe(expected);
  });

  it('takes numbers and bigints as well as text', () => {
    expect(decimalAmount(90_000_000, 'USD')).toBe('900000.00');
    expect(decimalAmount(-7n, 'KWD')).toBe('-0.007');
  });

  it('refuses a fraction of a minor unit instead of writing a malformed amount', () => {
    // The defect: 90000000.17391305 cents was written as "90000000.173913.05".
    expect(() => decimalAmount(90_000_000.17391305, 'USD')).toThrow(/not a whole number/);
    expect(() => decimalAmount('12.5', 'USD')).toThrow(/not a whole number/);
    expect(() => decimalAmount(Number.NaN, 'USD')).toThrow(/not a whole number/);
  });
});

describe('moneyFormatter', () => {
  it('shows whole units of the currency in sentences', () => {
    const usd = moneyFormatter({ currency: 'USD', locale: 'en-US' });
    const yen = moneyFormatter({ currency: 'JPY', locale: 'en-US' });
    // 9,523,809.52 dollars rounds to 9,523,810; ¥1,234,567 has no minor unit.
    expect([usd(952_380_952), usd(-50_000), yen(1_234_567)]).toEqual([
      '$9,523,810',
      '-$500',
      '¥1,234,567',
    ]);
    // A sentence never fails, even on a figure that is not a finite amount.
    expect([usd(Number.NaN), usd(12.4)]).toEqual(['$NaN', '$0']);
  });
});

describe('roundHalfUp', () => {
  it('rounds half away from zero at the shown precision, as by hand', () => {
    expect(roundHalfUp(3.57, 1)).toBe(3.6);
    expect(roundHalfUp(1.57, 1)).toBe(1.6);
    expect(roundHalfUp(1.55, 1)).toBe(1.6);
    expect(roundHalfUp(1.549, 1)).toBe(1.5);
    expect(roundHalfUp(0.125, 2)).toBe(0.13);
    expect(roundHalfUp(-1.55, 1)).toBe(-1.6);
    expect(roundHalfUp(-0.04, 1)).toBe(0);
    expect(roundHalfUp(2.5, 0)).toBe(3);
    expect(roundHalfUp(0, 1)).toBe(0);
  });

  it('reads the decimal a double was meant to be, not its binary expansion', () => {
    // Stored as 1.00499999999999989…, 1.4499999999999999556…, 2.67499999999999982…:
    // each is a half by hand, so each goes up (Math.round(x * 100) / 100 gives 1 for 1.005).
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(1.45, 1)).toBe(1.5);
    expect(roundHalfUp(2.675, 2)).toBe(2.68);
    // Computed, not typed: 3.1 ÷ 2 is 1.5499999999999998, 0.29 × 100 is 28.999999999999996.
    expect(roundHalfUp(3.1 / 2, 1)).toBe(1.6);
    expect(roundHalfUp(0.29 * 100, 0)).toBe(29);
    // A difference within 15 significant digits is real and kept.
    expect(roundHalfUp(1.00499999999999, 2)).toBe(1);
    // Beyond the decimals: tiny values go to 0, huge ones stay as they are.
    expect(roundHalfUp(1e-7, 1)).toBe(0);
    expect(roundHalfUp(1.5e21, 1)).toBe(1.5e21);
  });
});

describe('times, percent and decimal', () => {
  it('show a multiple to one decimal, rounded half-up: 3.57 reads 3.6×, never 3.5×', () => {
    expect(times(3.57)).toBe('3.6×');
    expect(times(1.55)).toBe('1.6×');
    expect(times(1.549)).toBe('1.5×');
    expect(times(317_297 / 202_100)).toBe('1.6×');
    expect(times(3)).toBe('3×');
    expect(times(0)).toBe('0×');
    expect(times(1234.56)).toBe('1,234.6×');
    expect(times(1.25, 'de-DE')).toBe('1,3×');
  });

  it('show a whole percent, rounded half-up', () => {
    expect(percent(0.125)).toBe('13%');
    expect(percent(0.996)).toBe('100%');
    expect(percent(0.994)).toBe('99%');
    expect(percent(0.29)).toBe('29%');
    expect(percent(0.005)).toBe('1%');
    expect(percent(0.125, 'de-DE')).toBe('13\u00a0%');
    expect(decimal(2.25)).toBe('2.3');
    expect(decimal(2.25, 0)).toBe('2');
  });
});

describe('against', () => {
  it('says "just below" a threshold a failing value rounds onto, and nothing else changes', () => {
    expect(against(2.96, 3, 'at-least', times)).toBe('just below 3×');
    expect(against(2.94, 3, 'at-least', times)).toBe('2.9×');
    expect(against(3.04, 3, 'at-least', times)).toBe('3×');
    expect(against(0.996, 1, 'at-least', percent)).toBe('just below 100%');
    expect(against(0.204, 0.2, 'at-most', percent)).toBe('just above 20%');
    expect(against(0.196, 0.2, 'at-most', percent)).toBe('20%');
  });
});
