import { unreachable } from '../shared/app-error.js';
import type { CadenceAdvice } from './agenda-schema.js';
import type { Cadence } from './cadence-schema.js';

/**
 * Weeks between two 1:1s. "Monthly" is every 4 weeks (13 a year) and "quarterly" every 13:
 * a series keeps its weekday, so that the slot stays in the manager's and the rep's week
 * (a "second Tuesday" rule drifts between 4 and 5 weeks apart).
 */
export function cadenceWeeks(cadence: Cadence): number {
  switch (cadence) {
    case 'weekly':
      return 1;
    case 'biweekly':
      return 2;
    case 'monthly':
      return 4;
    case 'quarterly':
      return 13;
    default:
      return unreachable(cadence);
  }
}

/** Days between two 1:1s at each cadence: the series' weeks, so advice and calendar agree. */
export function cadenceIntervalDays(cadence: Cadence): number {
  return cadenceWeeks(cadence) * 7;
}

const CADENCE_WORDS: Record<Cadence, string> = {
  weekly: 'weekly',
  biweekly: 'every two weeks',
  monthly: 'monthly',
  quarterly: 'quarterly',
};

/**
 * The rule, stated once so the agenda can show it: a pipeline changes meaningfully about
 * once every sixth of its sales cycle, so reviewing it more often than cycle ÷ 6 days sees
 * no new facts (micromanagement); and a 1:1 less often than once per cycle lets deals open
 * and close unseen. Recommended: weekly below a 14-day cycle, every two weeks below 30 days,
 * monthly from 30 days on — never less often than monthly (the habit is the point).
 */
export const CADENCE_RULE =
  'Weekly below a 14-day median sales cycle, every two weeks below 30 days, monthly from 30 days on; reviewing more often than every cycle ÷ 6 days is micromanagement, less often than once per cycle misses deals.';

export function recommendCadence(medianCycleDays: number | null): Cadence {
  if (medianCycleDays === null) return 'monthly';
  if (medianCycleDays < 14) return 'weekly';
  if (medianCycleDays < 30) return 'biweekly';
  return 'monthly';
}

/** The recommended cadence for the team's median won sales cycle, and a warning if needed. */
export function adviseCadence(options: {
  configured: Cadence;
  medianCycleDays: number | null;
}): CadenceAdvice {
  const { configured, medianCycleDays } = options;
  const recommended = recommendCadence(medianCycleDays);
  const interval = cadenceIntervalDays(configured);
  let warning: string | null = null;
  if (medianCycleDays !== null) {
    const cycle = Math.round(medianCycleDays);
    const floor = medianCycleDays / 6;
    if (interval < floor && interval < cadenceIntervalDays(recommended)) {
      warning = `Reviewing a ${cycle}-day pipeline ${CADENCE_WORDS[configured]} is micromanagement: with a median sales cycle of ${cycle} days a deal changes meaningfully about every ${Math.round(floor)} days; meet ${CADENCE_WORDS[recommended]}.`;
    } else if (interval > medianCycleDays) {
      warning = `With a median sales cycle of ${cycle} days, deals open and close between two ${CADENCE_WORDS[configured]} 1:1s; meet ${CADENCE_WORDS[recommended]}.`;
    }
  }
  return { configured, recommended, medianCycleDays, rule: CADENCE_RULE, warning };
}
