import type { Day } from '../core/facts.js';
import { addDays } from './demo-calendar.js';
import { bookingsGoal } from './demo-context.js';
import type { RepDeals } from './opportunity-history.js';
import { roundToHundredDollars, splitAmount } from './random.js';

/** Open stage indexes a profile keeps deals in past Prospecting (Proposal is index 3). */
function establishedStages(shape: 'every-stage' | 'no-proposal'): number[] {
  return shape === 'every-stage' ? [1, 2, 3, 4] : [1, 2, 4];
}

/** How far out a deal in each open stage closes: later stages close sooner. */
const closeWindow: ReadonlyArray<readonly [number, number]> = [
  [40, 88],
  [25, 85],
  [15, 70],
  [5, 50],
  [0, 30],
];

/**
 * The open pipeline: deals closing in the coverage horizon worth exactly `coverage` × the
 * remaining goal, deals created since the last 1:1 among them, past-due and stalled deals
 * for the profiles that have them, and a few deals beyond the horizon that coverage ignores.
 */
export function addOpenPipeline(deals: RepDeals, wonThisMonth: number): void {
  const { ctx, rep, random } = deals;
  const { today } = ctx.calendar;
  const horizonEnd = ctx.calendar.monthStart(3);
  const span = Math.round((Date.parse(horizonEnd) - Date.parse(today)) / 86_400_000) - 1;
  const goal = [0, 1, 2].reduce(
    (sum, offset) => sum + (bookingsGoal(ctx.calendar, rep, offset) ?? 0),
    0,
  );
  const value = roundToHundredDollars(rep.coverage * (goal - wonThisMonth));

  // Deals created since the last 1:1 (within 15 days) are young: Prospecting or Qualification.
  const recent = Array.from({ length: rep.createdSinceLastMeeting }, (_, i) =>
    i === 0 ? 0 : random.int(0, 1),
  );
  const stages = establishedStages(rep.shape);
  const established = [...stages];
  const count = Math.max(recent.length + stages.length, Math.round(value / rep.averageDeal));
  while (recent.length + established.length < count) established.push(random.pick(stages));
  const amounts = splitAmount({ total: value, count, random });

  const closeDay = (index: number): Day => {
    const [min, max] = closeWindow[index] ?? [0, span];
    return addDays(today, Math.min(random.int(min, max), span));
  };
  recent.forEach((index, i) => {
    const createdDay = addDays(today, -random.int(index + 1, 15));
    deals.add({
      amount: amounts[i] ?? rep.averageDeal,
      createdDay,
      openIndex: index,
      outcome: 'open',
      closeDate: closeDay(index),
      lastChangeDay:
        index === 0
          ? createdDay
          : addDays(createdDay, random.int(1, daysUntil(createdDay, today) - 1)),
      slipped: false,
      amountChanged: false,
    });
  });
  established.forEach((index, i) => {
    addAgedDeal({
      deals,
      index,
      amount: amounts[recent.length + i] ?? rep.averageDeal,
      closeDate: closeDay(index),
    });
  });

  // Close dates already behind us: the deal is still open, so the date is not credible.
  for (let i = 0; i < rep.pastDueDeals; i += 1) {
    addAgedDeal({
      deals,
      index: random.pick(stages),
      amount: roundToHundredDollars(rep.averageDeal * random.between(0.5, 1.2)),
      closeDate: addDays(today, -random.int(5, 25)),
    });
  }
  // Early deals closing after the horizon: real pipeline that coverage does not count yet.
  const beyond = rep.stalled ? 1 : 2;
  for (let i = 0; i < beyond; i += 1) {
    addAgedDeal({
      deals,
      index: 1,
      amount: roundToHundredDollars(rep.averageDeal * random.between(0.6, 1.5)),
      closeDate: addDays(horizonEnd, random.int(5, 60)),
    });
  }
  // A deal with no close date at all: its own bucket in the pipeline.
  if (rep.movedFrom) {
    addAgedDeal({
      deals,
      index: 1,
      amount: roundToHundredDollars(rep.averageDeal),
      closeDate: null,
    });
  }
}

function daysUntil(from: Day, to: Day): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/**
 * A deal created more than 30 days ago (before any rep's last 1:1). Healthy profiles touched
 * it in the last 25 days; a stalled profile's last change is 35–90 days old.
 */
function addAgedDeal(options: {
  deals: RepDeals;
  index: number;
  amount: number;
  closeDate: Day | null;
}): void {
  const { deals, index, amount, closeDate } = options;
  const { random, rep, ctx } = deals;
  const { today } = ctx.calendar;
  const lastChangeDay = rep.stalled
    ? addDays(today, -random.int(35, 90))
    : addDays(today, -random.int(1, 25));
  let createdDay = addDays(lastChangeDay, -(index * random.int(6, 18) + random.int(0, 10)));
  if (createdDay > addDays(today, -30)) createdDay = addDays(today, -random.int(30, 50));
  deals.add({
    amount,
    createdDay,
    openIndex: index,
    outcome: 'open',
    closeDate,
    lastChangeDay,
    slipped: closeDate !== null && (closeDate < today || random.chance(rep.stalled ? 0.5 : 0.25)),
    amountChanged: random.chance(0.2),
  });
}
