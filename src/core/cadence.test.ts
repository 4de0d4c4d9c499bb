import { describe, expect, it } from 'vitest';
import { adviseCadence, recommendCadence } from './cadence.js';

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

  it('calls daily reviews of a 60-day pipeline micromanagement', () => {
    // 60 ÷ 6 = 10 days between meaningful changes; daily (1 day) is shorter.
    expect(adviseCadence({ configured: 'daily', medianCycleDays: 60 }).warning).toBe(
      'Reviewing a 60-day pipeline daily is micromanagement: with a median sales cycle of 60 days a deal changes meaningfully about every 10 days; meet monthly.',
    );
  });

  it('has no warning when the configured cadence fits the cycle', () => {
    expect(adviseCadence({ configured: 'monthly', medianCycleDays: 90 }).warning).toBeNull();
    expect(adviseCadence({ configured: 'weekly', medianCycleDays: null }).warning).toBeNull();
  });
});
