import { describe, expect, it } from 'vitest';
import { parseBoolean } from './parse-boolean.js';
import { parseInteger, parseProbability } from './parse-number.js';

describe('parseBoolean', () => {
  it.each([
    ['TRUE', true],
    ['false', false],
    ['1', true],
    ['0', false],
    [' Yes ', true],
    ['no', false],
    ['', null],
  ])('reads %j as %s', (value, expected) => {
    expect(parseBoolean(value)).toEqual({ ok: true, value: expected });
  });

  it('reads an empty cell as false when asked (Salesforce IsClosed/IsWon)', () => {
    expect(parseBoolean('', { empty: 'false' })).toEqual({ ok: true, value: false });
  });

  it('rejects anything else', () => {
    expect(parseBoolean('maybe')).toEqual({
      ok: false,
      reason: '"maybe" is not yes/no (expected TRUE, FALSE, 1, 0, yes or no)',
    });
  });
});

describe('parseInteger', () => {
  it.each([
    ['42', 42],
    ['1,234', 1234],
    ['1 234 567', 1234567],
    ['-3', -3],
  ])('reads %j as %i', (value, expected) => {
    expect(parseInteger(value)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['4.5', '"4.5" is not a whole number'],
    ['12,34', '"12,34" is not a whole number'],
    ['', 'is empty'],
  ])('rejects %j', (value, reason) => {
    expect(parseInteger(value)).toEqual({ ok: false, reason });
  });

  it('checks bounds', () => {
    expect(parseInteger('-1', { min: 0 })).toEqual({
      ok: false,
      reason: '-1 is below the minimum of 0',
    });
  });
});

describe('parseProbability', () => {
  it.each([
    ['75', 75],
    ['75%', 75],
    ['0', 0],
    ['100', 100],
    ['33.4', 33],
    ['12,5 %', 13],
  ])('reads %j as %i%% on the percent scale', (value, expected) => {
    expect(parseProbability(value)).toEqual({ ok: true, value: expected });
  });

  it('reads HubSpot fractions on the fraction scale', () => {
    expect(parseProbability('0.75', { scale: 'fraction' })).toEqual({ ok: true, value: 75 });
    expect(parseProbability('1', { scale: 'fraction' })).toEqual({ ok: true, value: 100 });
    expect(parseProbability('40%', { scale: 'fraction' })).toEqual({ ok: true, value: 40 });
  });

  it.each([
    ['150', '"150" is more than 100%'],
    ['-5', '"-5" is not a probability'],
    ['high', '"high" is not a probability'],
  ])('rejects %j', (value, reason) => {
    expect(parseProbability(value)).toEqual({ ok: false, reason });
  });
});
