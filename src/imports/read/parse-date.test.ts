import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-error.js';
import { parseDay, parseInstant } from './parse-date.js';

const utc = { timeZone: 'UTC' };

describe('parseDay', () => {
  it.each([
    ['2024-01-22', '2024-01-22'],
    [' 2024-01-22 ', '2024-01-22'],
    ['2024-01-22T16:14:25', '2024-01-22'],
    ['2024-01-22T16:14:25.000+0000', '2024-01-22'],
    ['1/22/24', '2024-01-22'],
    ['02/03/24', '2024-02-03'],
    ['1/22/2024', '2024-01-22'],
    ['12/31/69', '2069-12-31'],
    ['1/5/70', '1970-01-05'],
    ['2/29/2024', '2024-02-29'],
    ['2024/01/22', '2024-01-22'],
    ['02/23/26 08:55 PM', '2026-02-23'],
  ])('reads %j as %s with the default mdy order', (value, day) => {
    expect(parseDay(value, utc)).toEqual({ ok: true, value: day });
  });

  it('takes the day of an instant in the organization time zone', () => {
    const value = '2024-01-22T16:14:25.000+0000';
    expect(parseDay(value, { timeZone: 'Asia/Tokyo' })).toEqual({ ok: true, value: '2024-01-23' });
    expect(parseDay(value, { timeZone: 'America/Los_Angeles' })).toEqual({
      ok: true,
      value: '2024-01-22',
    });
    expect(parseDay('2024-01-22T23:30:00Z', { timeZone: 'Europe/Paris' })).toEqual({
      ok: true,
      value: '2024-01-23',
    });
  });

  it('reads day-first dates when the order is dmy', () => {
    const dmy = { timeZone: 'UTC', dateOrder: 'dmy' } as const;
    expect(parseDay('22/01/2024', dmy)).toEqual({ ok: true, value: '2024-01-22' });
    expect(parseDay('22.1.2024', dmy)).toEqual({ ok: true, value: '2024-01-22' });
    expect(parseDay('03/04/24', dmy)).toEqual({ ok: true, value: '2024-04-03' });
    expect(parseDay('03/04/24', utc)).toEqual({ ok: true, value: '2024-03-04' });
  });

  it('reads Excel serials in the 1900 system', () => {
    expect(parseDay('45000', utc)).toEqual({ ok: true, value: '2023-03-15' });
    expect(parseDay('1', utc)).toEqual({ ok: true, value: '1900-01-01' });
    expect(parseDay('59', utc)).toEqual({ ok: true, value: '1900-02-28' });
    expect(parseDay('61', utc)).toEqual({ ok: true, value: '1900-03-01' });
    expect(parseDay('45000.75', utc)).toEqual({ ok: true, value: '2023-03-15' });
  });

  it.each([
    ['2/30/2024', '2024-02-30 does not exist'],
    ['2/29/2023', '2023-02-29 does not exist'],
    ['2024-13-01', '2024-13-01 has no month 13'],
    ['22/01/2024', '2024-22-01 has no month 22'],
    ['60', 'Excel serial 60 is 1900-02-29, a day that does not exist'],
    ['20240122', '"20240122" is not a date'],
    ['next week', '"next week" is not a date'],
    ['', 'is empty'],
    ['0024-01-01', 'the year 24 is out of range (1900–9999)'],
    ['2024-01-22T25:00:00Z', '25:00:00 is not a time of day'],
    ['1/22/24 13:00 PM', '"1/22/24 13:00 PM" has an hour that is not 1–12 PM'],
  ])('rejects %j', (value, reason) => {
    expect(parseDay(value, utc)).toEqual({ ok: false, reason });
  });

  it('rejects a day-first date under the ymd order, and bare numbers when serials are off', () => {
    const ymd = { timeZone: 'UTC', dateOrder: 'ymd' } as const;
    expect(parseDay('2024.01.22', ymd)).toEqual({ ok: true, value: '2024-01-22' });
    expect(parseDay('22/01/2024', ymd).ok).toBe(false);
    expect(parseDay('45000', { timeZone: 'UTC', excelSerials: false })).toEqual({
      ok: false,
      reason: '"45000" is not a date',
    });
  });

  it('throws a configuration error for an unknown time zone', () => {
    expect(() => parseDay('2024-01-22', { timeZone: 'Mars/Olympus' })).toThrow(AppError);
  });
});

describe('parseInstant', () => {
  it('keeps the instant of Salesforce API datetimes', () => {
    expect(parseInstant('2024-01-22T16:14:25.000+0000', { timeZone: 'Europe/Paris' })).toEqual({
      ok: true,
      value: '2024-01-22T16:14:25.000Z',
    });
    expect(parseInstant('2024-01-22T16:14:25-05:00', utc)).toEqual({
      ok: true,
      value: '2024-01-22T21:14:25.000Z',
    });
  });

  it('reads local date-times and dates in the organization time zone', () => {
    const la = { timeZone: 'America/Los_Angeles' };
    // 8:55 PM PST (UTC−8) is 04:55 UTC the next day.
    expect(parseInstant('02/23/26 08:55 PM', la)).toEqual({
      ok: true,
      value: '2026-02-24T04:55:00.000Z',
    });
    expect(parseInstant('02/24/26 12:20 AM', la)).toEqual({
      ok: true,
      value: '2026-02-24T08:20:00.000Z',
    });
    // Paris is UTC+1 in March before the switch to summer time.
    expect(parseInstant('2024-03-10', { timeZone: 'Europe/Paris' })).toEqual({
      ok: true,
      value: '2024-03-09T23:00:00.000Z',
    });
    expect(parseInstant('2024-07-10 09:30', { timeZone: 'Europe/Paris' })).toEqual({
      ok: true,
      value: '2024-07-10T07:30:00.000Z',
    });
  });

  it('reads the time fraction of an Excel serial', () => {
    expect(parseInstant('45000.75', utc)).toEqual({ ok: true, value: '2023-03-15T18:00:00.000Z' });
  });

  it('rejects a day that does not exist', () => {
    expect(parseInstant('2/30/2024 10:00', utc)).toEqual({
      ok: false,
      reason: '2024-02-30 does not exist',
    });
  });
});
