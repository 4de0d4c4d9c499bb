import { describe, expect, it } from 'vitest';
import { currencyDigits, decimalAmount, moneyFormatter } from './format.js';

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
