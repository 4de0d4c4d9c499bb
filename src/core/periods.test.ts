import { describe, expect, it } from 'vitest';
import {
  lastPeriods,
  monthsOf,
  parsePeriodKey,
  periodContaining,
  previousPeriod,
} from './periods.js';

describe('periodContaining', () => {
  it('names a fiscal year by the calendar year it ends in when the year starts in February', () => {
    // Feb start: 2026-03-15 is in FY2027 (Feb 2026 → Jan 2027), its 2nd fiscal month → Q1.
    const year = periodContaining({ day: '2026-03-15', kind: 'year', fiscalYearStartMonth: 2 });
    expect(year).toMatchObject({ key: 'FY2027', start: '2026-02-01', end: '2027-02-01' });
    const quarter = periodContaining({
      day: '2026-03-15',
      kind: 'quarter',
      fiscalYearStartMonth: 2,
    });
    expect(quarter).toMatchObject({ key: 'FY2027-Q1', start: '2026-02-01', end: '2026-05-01' });
  });

  it('puts January in the last quarter of the previous fiscal year when the year starts in February', () => {
    // (1 − 2 + 12) % 12 = 11th fiscal month → Q4 of FY2026, Nov 2025 → Jan 2026.
    const quarter = periodContaining({
      day: '2026-01-15',
      kind: 'quarter',
      fiscalYearStartMonth: 2,
    });
    expect(quarter).toMatchObject({ key: 'FY2026-Q4', start: '2025-11-01', end: '2026-02-01' });
  });

  it('splits a July fiscal year at June 30', () => {
    expect(
      periodContaining({ day: '2026-07-01', kind: 'quarter', fiscalYearStartMonth: 7 }),
    ).toMatchObject({
      key: 'FY2027-Q1',
      start: '2026-07-01',
      end: '2026-10-01',
    });
    expect(
      periodContaining({ day: '2026-06-30', kind: 'quarter', fiscalYearStartMonth: 7 }),
    ).toMatchObject({
      key: 'FY2026-Q4',
      start: '2026-04-01',
    });
  });

  it('makes the fiscal year the calendar year when it starts in January', () => {
    expect(
      periodContaining({ day: '2026-11-03', kind: 'year', fiscalYearStartMonth: 1 }),
    ).toMatchObject({
      key: 'FY2026',
      start: '2026-01-01',
      end: '2027-01-01',
    });
  });

  it('ends February on March 1 in a leap year', () => {
    const february = periodContaining({
      day: '2028-02-10',
      kind: 'month',
      fiscalYearStartMonth: 1,
    });
    expect(february).toEqual({
      kind: 'month',
      key: '2028-02',
      label: 'February 2028',
      start: '2028-02-01',
      end: '2028-03-01',
    });
  });
});

describe('parsePeriodKey', () => {
  it('reads month, fiscal quarter and fiscal year keys in both spellings', () => {
    expect(parsePeriodKey('2026-10', 1)?.end).toBe('2026-11-01');
    expect(parsePeriodKey('2027-Q1', 7)).toMatchObject({ key: 'FY2027-Q1', start: '2026-07-01' });
    expect(parsePeriodKey('FY2027-Q1', 7)?.start).toBe('2026-07-01');
    expect(parsePeriodKey('2027', 2)).toMatchObject({
      key: 'FY2027',
      start: '2026-02-01',
      end: '2027-02-01',
    });
    expect(parsePeriodKey('fy2026', 1)?.start).toBe('2026-01-01');
  });

  it('returns null when the key is not a period', () => {
    expect(parsePeriodKey('2026-13', 1)).toBeNull();
    expect(parsePeriodKey('2026-Q5', 1)).toBeNull();
    expect(parsePeriodKey('October', 1)).toBeNull();
  });
});

describe('previousPeriod and lastPeriods', () => {
  it('steps back across a fiscal year boundary when the quarter is the first', () => {
    const q1 = periodContaining({ day: '2026-07-01', kind: 'quarter', fiscalYearStartMonth: 7 });
    expect(previousPeriod(q1, 7)).toMatchObject({
      key: 'FY2026-Q4',
      start: '2026-04-01',
      end: '2026-07-01',
    });
  });

  it('lists periods oldest first when asked for the last three months', () => {
    const january = periodContaining({ day: '2026-01-31', kind: 'month', fiscalYearStartMonth: 1 });
    expect(
      lastPeriods({ period: january, count: 3, fiscalYearStartMonth: 1 }).map((p) => p.key),
    ).toEqual(['2025-11', '2025-12', '2026-01']);
  });

  it('lists the months of a fiscal quarter when the quarter spans a calendar year end', () => {
    const quarter = periodContaining({
      day: '2026-01-15',
      kind: 'quarter',
      fiscalYearStartMonth: 2,
    });
    expect(monthsOf(quarter)).toEqual(['2025-11', '2025-12', '2026-01']);
  });
});
