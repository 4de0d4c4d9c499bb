import type { Day } from '../core/facts.js';
import { addDays, type DemoCalendar, fiscalYearOfMonth } from './demo-calendar.js';
import { demoOrg, demoStages, demoTeams, type RepProfile, reps, staff } from './profiles.js';
import { demoId, roundToHundredDollars } from './random.js';

export type StageKey = (typeof demoStages)[number]['key'];

/** What every generator needs: the calendar and the ids of people and stages. */
export interface DemoContext {
  calendar: DemoCalendar;
  orgId: string;
  personId(key: string): string;
  stageId(key: StageKey): string;
  /** The manager of the rep's current team. */
  managerKey(rep: RepProfile): string;
}

export function createContext(calendar: DemoCalendar): DemoContext {
  return {
    calendar,
    orgId: demoId('org'),
    personId: (key) => demoId(`person:${key}`),
    stageId: (key) => demoId(`stage:${key}`),
    managerKey: (rep) => demoTeams[rep.team].managerKey,
  };
}

/** Open stages by position: index 0 = Prospecting … 4 = Negotiation. */
export const openStageKeys: readonly StageKey[] = demoStages
  .filter((stage) => stage.kind === 'open')
  .map((stage) => stage.key);

export const everyPersonKey: readonly string[] = [
  ...staff.map((person) => person.key),
  ...reps.map((rep) => rep.key),
];

/** The first day the rep works here: the 8th of the join month for a new hire. */
export function repStartDay(calendar: DemoCalendar, rep: RepProfile): Day {
  return rep.joinedMonthsAgo === undefined
    ? calendar.monthStart(-13)
    : addDays(calendar.monthStart(-rep.joinedMonthsAgo), 7);
}

/** A new hire's goal is 25%, 50% then 75% of the full goal in their first three months. */
const rampShares = [0.25, 0.5, 0.75] as const;

/**
 * The rep's monthly bookings goal for the month `offset` months from now, or null before
 * they joined. The prior fiscal year's goals are 8% lower, so fiscal years show in the trend.
 */
export function bookingsGoal(
  calendar: DemoCalendar,
  rep: RepProfile,
  offset: number,
): number | null {
  const joined = rep.joinedMonthsAgo === undefined ? -13 : -rep.joinedMonthsAgo;
  if (offset < joined) return null;
  const fiscalYear = (month: string) => fiscalYearOfMonth(month, demoOrg.fiscalYearStartMonth);
  const priorYear = fiscalYear(calendar.month(offset)) < fiscalYear(calendar.currentMonth);
  const ramp = rep.joinedMonthsAgo === undefined ? 1 : (rampShares[offset - joined] ?? 1);
  return roundToHundredDollars(rep.monthlyGoal * ramp * (priorYear ? 0.92 : 1));
}
