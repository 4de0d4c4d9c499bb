import { describe, expect, it } from 'vitest';
import { parseAmount } from './parse-amount.js';

describe('parseAmount', () => {
  it.each([
    ['1234.5', 123450],
    ['1234', 123400],
    ['0.29', 29],
    ['.5', 50],
    ['$1,234.50', 123450],
    ['USD 1,234.50', 123450],
    ['1.234,50 €', 123450],
    ['1 234,50', 123450],
    ['1\u00a0234,50 EUR', 123450],
    ["1'234.50", 123450],
    ['1,234', 123400],
    ['1,5', 150],
    ['1.234.567', 123456700],
    ['1,234,567.89', 123456789],
    ['₹1,23,456.00', 12345600],
    ['(500)', -50000],
    ['-500', -50000],
    ['-$500.25', -50025],
    ['$-500.25', -50025],
    ['+7', 700],
    ['1124741.15', 112474115],
    ['10.500', 1050],
    ['-0', 0],
  ])('reads %j as %i cents', (value, cents) => {
    expect(parseAmount(value)).toEqual({ ok: true, value: cents });
  });

  it('uses the minor units of the currency', () => {
    expect(parseAmount('¥1,500', { minorUnits: 0 })).toEqual({ ok: true, value: 1500 });
    expect(parseAmount('1500.5', { minorUnits: 0 })).toEqual({
      ok: false,
      reason: '"1500.5" has more than 0 decimals',
    });
    expect(parseAmount('1.234', { minorUnits: 3 })).toEqual({ ok: true, value: 1234 });
  });

  it('follows a declared decimal comma', () => {
    expect(parseAmount('1.234', { decimalSeparator: ',' })).toEqual({ ok: true, value: 123400 });
    expect(parseAmount('1234,567', { decimalSeparator: ',', minorUnits: 3 })).toEqual({
      ok: true,
      value: 1234567,
    });
    expect(parseAmount('12,5', { decimalSeparator: '.' })).toEqual({
      ok: false,
      reason: '"12,5" is not an amount',
    });
  });

  it.each([
    ['', 'is empty'],
    ['abc', '"abc" is not an amount'],
    ['12.345', '"12.345" has more than 2 decimals'],
    ['1.12474E+06', '"1.12474E+06" is in scientific notation; export the full number'],
    ['1e3', '"1e3" is in scientific notation; export the full number'],
    ['75%', '"75%" is not an amount'],
    ['1,2345', '"1,2345" is not an amount'],
    ['1,23.45', '"1,23.45" is not an amount'],
    ['(-5)', '"(-5)" is not an amount'],
    ['$5 USD', '"$5 USD" is not an amount'],
    ['90071992547409.92', '"90071992547409.92" is too large'],
  ])('rejects %j', (value, reason) => {
    expect(parseAmount(value)).toEqual({ ok: false, reason });
  });

  it('accepts the largest safe amount exactly', () => {
    expect(parseAmount('90071992547409.91')).toEqual({ ok: true, value: Number.MAX_SAFE_INTEGER });
  });

  it('rejects negatives where the caller forbids them', () => {
    expect(parseAmount('(500)', { allowNegative: false })).toEqual({
      ok: false,
      reason: '"(500)" is negative',
    });
    expect(parseAmount('-0', { allowNegative: false })).toEqual({ ok: true, value: 0 });
  });
});
