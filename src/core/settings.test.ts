import { describe, expect, it } from 'vitest';
import { defaultSettings, OrgSettingsSchema } from './settings.js';

describe('OrgSettingsSchema', () => {
  it('yields the documented defaults when nothing is set', () => {
    expect(OrgSettingsSchema.parse({})).toEqual({
      resultsThreshold: 1,
      rankDropPlaces: 2,
      nearGoalAttainment: 0.9,
      coverageTarget: 3,
      coverageMode: 'fixed',
      coverageHorizonMonths: 3,
      coverageBasis: 'raw',
      stalledAfterDays: 30,
      createdVsTeamMedianRatio: 0.5,
      requireDealsInEveryOpenStage: true,
      maxPastDueShare: 0.2,
      activityGate: false,
      proration: 'business-days',
      cadence: 'monthly',
      meetingMinutes: 20,
      calendarAheadDays: 28,
      topDeals: 5,
      reminderLeadHours: 24,
      wonWithoutAmount: 'warn',
    });
  });

  it('merges partial settings over the defaults when some are set', () => {
    const settings = OrgSettingsSchema.parse({ coverageTarget: 4, activityGate: true });
    expect(settings).toEqual({ ...defaultSettings, coverageTarget: 4, activityGate: true });
  });

  it('reads a stored daily cadence as weekly, and refuses cadences it never knew', () => {
    // Settings saved when `daily` was allowed must keep their other values.
    expect(OrgSettingsSchema.parse({ cadence: 'daily', coverageTarget: 4 })).toEqual({
      ...defaultSettings,
      cadence: 'weekly',
      coverageTarget: 4,
    });
    expect(OrgSettingsSchema.parse({ cadence: 'quarterly' }).cadence).toBe('quarterly');
    expect(OrgSettingsSchema.safeParse({ cadence: 'hourly' }).success).toBe(false);
  });

  it('rejects a share above 1 when the past-due maximum is out of range', () => {
    expect(OrgSettingsSchema.safeParse({ maxPastDueShare: 1.5 }).success).toBe(false);
  });
});
