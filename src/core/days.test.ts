import { describe, expect, it } from 'vitest';
import { addMonths, countBusinessDays, dayInZone, daysBetween, utcMsToDay } from './days.js';

describe('dayInZone', () => {
  it('gives the org-local day when the UTC instant is already in the next month', () => {
    // 2026-10-31T23:30-07:00 (PDT) = 2026-11-01T06:30Z: still Oct 31 in Los Angeles.
    expect(dayInZone('2026-11-01T06:30:00Z', 'America/Los_Angeles')).toBe('2026-10-31');
    expect(dayInZone('2026-10-31T23:30:00-07:00', 'America/Los_Angeles')).toBe('2026-10-31');
    expect(dayInZone('2026-11-01T06:30:00Z', 'UTC')).toBe('2026-11-01');
  });

  it('gives the next day when the zone is ahead of UTC near midnight', () => {
    // Auckland is UTC+13 (NZDT) on 2026-10-31: 11:30Z + 13 h = 2026-11-01 00:30.
    expect(dayInZone('2026-10-31T11:30:00Z', 'Pacific/Auckland')).toBe('2026-11-01');
  });

  it('follows daylight saving time when the offset changes overnight', () => {
    // LA switches to PDT at 2026-03-08 02:00 PST = 10:00Z. 06:59Z = 22:59 PST on 03-07;
    // 07:30Z on 03-09 = 00:30 PDT (UTC−7) on 03-09.
    expect(dayInZone('2026-03-08T06:59:00Z', 'America/Los_Angeles')).toBe('2026-03-07');
    expect(dayInZone('2026-03-09T07:30:00Z', 'America/Los_Angeles')).toBe('2026-03-09');
  });
});

describe('days', () => {
  it('counts business days Monday to Friday when a month starts on a Sunday', () => {
    // November 2026 starts Sunday: weeks of 5 from Mon 2 to Fri 27, plus Mon 30 = 21.
    expect(countBusinessDays('2026-11-01', '2026-12-01')).toBe(21);
  });

  it('crosses year ends and leap days when adding months and days', () => {
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    // 2028 is a leap year: Feb 1 → Mar 1 is 29 days.
    expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29);
  });
});

describe('utcMsToDay', () => {
  it("agrees with Date's own ISO date on every day from 1900 to 2200", () => {
    const start = Date.UTC(1900, 0, 1);
    const end = Date.UTC(2200, 11, 31);
    let mismatches = 0;
    for (let ms = start; ms <= end; ms += 86_400_000) {
      // Noon as well as midnight: the day of any instant is the day it falls on in UTC.
      for (const at of [ms, ms + 43_200_000]) {
        if (utcMsToDay(at) !== new Date(at).toISOString().slice(0, 10)) mismatches += 1;
      }
    }
    expect(mismatches).toBe(0);
  });

  it('gives leap days and the days around them, checked by hand', () => {
    expect(utcMsToDay(Date.UTC(2024, 1, 29))).toBe('2024-02-29');
    expect(utcMsToDay(Date.UTC(2000, 1, 29, 23, 59))).toBe('2000-02-29');
    expect(utcMsToDay(Date.UTC(2100, 2, 1))).toBe('2100-03-01');
    expect(utcMsToDay(Date.UTC(1969, 11, 31, 12))).toBe('1969-12-31');
  });
});
