import { describe, expect, it } from 'vitest';
import {
  firstOccurrenceDay,
  isOccurrenceDay,
  nextOccurrence,
  occurrenceDays,
  type SeriesSlot,
  seriesRRule,
} from './series-occurrences.js';

const monthly: SeriesSlot = {
  cadence: 'monthly',
  weekday: 2,
  timeOfDay: '09:00:00',
  timeZone: 'Europe/Paris',
  startsOn: '2026-03-01',
};

describe('series occurrences', () => {
  it('starts on the first chosen weekday on or after startsOn', () => {
    // 2026-03-01 is a Sunday; the first Tuesday is 2026-03-03.
    expect(firstOccurrenceDay(monthly)).toBe('2026-03-03');
  });

  it('repeats every 4 weeks when monthly, 13 when quarterly', () => {
    expect(occurrenceDays(monthly, { from: '2026-03-01', count: 3 })).toEqual([
      '2026-03-03',
      '2026-03-31',
      '2026-04-28',
    ]);
    expect(
      occurrenceDays({ ...monthly, cadence: 'quarterly' }, { from: '2026-03-04', count: 2 }),
    ).toEqual(['2026-06-02', '2026-09-01']);
    expect(isOccurrenceDay(monthly, '2026-03-31')).toBe(true);
    expect(isOccurrenceDay(monthly, '2026-04-07')).toBe(false);
    expect(seriesRRule(monthly)).toBe('FREQ=WEEKLY;INTERVAL=4;BYDAY=TU');
  });

  it('keeps the wall-clock time across the daylight-saving change', () => {
    // Paris moves to summer time on 2026-03-29: 09:00 is 08:00Z before, 07:00Z after.
    expect(nextOccurrence(monthly, new Date('2026-03-02T00:00:00Z')).at.toISOString()).toBe(
      '2026-03-03T08:00:00.000Z',
    );
    expect(nextOccurrence(monthly, new Date('2026-03-03T08:00:00Z')).at.toISOString()).toBe(
      '2026-03-31T07:00:00.000Z',
    );
  });
});
