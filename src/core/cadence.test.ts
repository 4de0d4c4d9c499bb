import { describe, expect, it } from 'vitest';
import { adviseCadence, cadenceIntervalDays, recommendCadence } from './cadence.js';

describe('recommendCadence', () => {
  it('recommends weekly, every two weeks or monthly by the median sales cycle', () => {
    expect(recommendCadence(10)).toBe('weekly');
    expect(recommendCadence(14)).toBe('biweekly');
    expect(recommendCadence(29)).toBe('biweekly');
    expect(recommendCadence(30)).toBe('monthly');
    expect(recommendCadence(240)).toBe('monthly');
    expect(recommendCadence(null)).toBe('monthly');
  });
});

describe('adviseCadence', () => {
  it('warns that deals close unseen when a monthly cadence meets a 10-day cycle', () => {
    expect(adviseCadence({ configured: 'monthly', medianCycleDays: 10 }).warning).toBe(
      'With a median sales cycle of 10 days, deals open and close between two monthly 1:1s; meet weekly.',
    );
  });

  it('calls weekly reviews of a 60-day pipeline micromanagement', () => {
    // 60 ÷ 6 = 10 days between meaningful changes; weekly (7 days) is shorter, and shorter
    // than the recommended monthly (28 days).
    expect(adviseCadence({ configured: 'weekly', medianCycleDays: 60 }).warning).toBe(
      'Reviewing a 60-day pipeline weekly is micromanagement: with a median sales cycle of 60 days a deal changes meaningfully about every 10 days; meet monthly.',
    );
  });

  it('warns that a quarterly 1:1 misses deals when the cycle is shorter than 13 weeks', () => {
    // 13 weeks = 91 days > 60: a deal can open and close between two 1:1s.
    expect(adviseCadence({ configured: 'quarterly', medianCycleDays: 60 }).warning).toBe(
      'With a median sales cycle of 60 days, deals open and close between two quarterly 1:1s; meet monthly.',
    );
    expect(adviseCadence({ configured: 'quarterly', medianCycleDays: 91 }).warning).toBeNull();
  });

  it('judges monthly as the series schedule it, every 4 weeks', () => {
    // 28 days ≤ a 29-day cycle: each deal is seen at least once, so no warning …
    expect(adviseCadence({ configured: 'monthly', medianCycleDays: 29 }).warning).toBeNull();
    // … while 28 days > a 27-day cycle is too rare.
    expect(adviseCadence({ configured: 'monthly', medianCycleDays: 27 }).warning).toBe(
      'With a median sales cycle of 27 days, deals open and close between two monthly 1:1s; meet every two weeks.',
    );
  });

  it('has no warning when the configured cadence fits the cycle', () => {
    expect(adviseCadence({ configured: 'monthly', medianCycleDays: 90 }).warning).toBeNull();
    expect(adviseCadence({ configured: 'weekly', medianCycleDays: null }).warning).toBeNull();
  });
});

describe('cadenceIntervalDays', () => {
  it('counts whole weeks: 7, 14, 28 and 91 days', () => {
    expect(
      (['weekly', 'biweekly', 'monthly', 'quarterly'] as const).map(cadenceIntervalDays),
    ).toEqual([7, 14, 28, 91]);
  });
});
