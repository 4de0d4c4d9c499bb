import type { Day } from '../core/facts.js';
import { addDays, daysOfMonth, isBusinessDay } from './demo-calendar.js';
import { bookingsGoal, type DemoContext, repStartDay } from './demo-context.js';
import type { DemoRows } from './demo-rows.js';
import { addOpenPipeline } from './generate-pipeline.js';
import { addDeal, type OpenDeal, type RepDeals } from './opportunity-history.js';
import { demoAccounts, demoProducts, reps } from './profiles.js';
import { randomFor, roundToHundredDollars, splitAmount } from './random.js';

/**
 * Closed deals over the last 12 months and the current month, then the open pipeline.
 * The last two complete months land exactly on the profile's attainment (so ranks are
 * the documented ones); older months vary within the profile's band.
 */
export function generateOpportunities(ctx: DemoContext, rows: DemoRows): OpenDeal[] {
  const open: OpenDeal[] = [];
  for (const rep of reps) {
    const random = randomFor(`opportunities:${rep.key}`);
    let counter = 0;
    const deals: RepDeals = {
      ctx,
      rows,
      rep,
      random,
      next: () => {
        counter += 1;
        return `${rep.key}:${String(counter).padStart(3, '0')}`;
      },
      naming: () => {
        const account = random.pick(demoAccounts);
        return { account, name: `${account} — ${random.pick(demoProducts)}` };
      },
      add: (plan) => {
        const naming = deals.naming();
        const id = addDeal(
          ctx,
          rows,
          { ...plan, ...naming, key: deals.next(), ownerKey: rep.key },
          random,
        );
        if (plan.outcome === 'open') open.push({ id, ownerKey: rep.key, ...naming });
        return id;
      },
    };
    let wonThisMonth = 0;
    for (let offset = -12; offset <= 0; offset += 1) {
      const won = addClosedMonth(deals, offset);
      if (offset === 0) wonThisMonth = won;
    }
    addOpenPipeline(deals, wonThisMonth);
  }
  return open;
}

/** The bookings the month must reach: exact for the two months the 1:1 compares. */
function monthTarget(deals: RepDeals, offset: number, goal: number): number {
  const { rep, random, ctx } = deals;
  const typical = () => random.between(rep.attainment.typical[0], rep.attainment.typical[1]);
  if (offset === -1) return roundToHundredDollars(goal * rep.attainment.last);
  if (offset === -2) return roundToHundredDollars(goal * rep.attainment.previous);
  if (offset < 0) return roundToHundredDollars(goal * typical());
  // The current month is in progress: on pace for a typical month, a little behind.
  const days = daysOfMonth(ctx.calendar.currentMonth);
  const elapsed = days.filter((day) => day < ctx.calendar.today).length / days.length;
  return roundToHundredDollars(goal * typical() * elapsed * random.between(0.6, 0.95));
}

/** Closes won and lost deals in one month; returns the bookings won. */
function addClosedMonth(deals: RepDeals, offset: number): number {
  const { ctx, rep, random } = deals;
  const goal = bookingsGoal(ctx.calendar, rep, offset);
  if (goal === null) return 0;
  // A deal closes on a business day after the rep started (a new hire inherits a few
  // deals, so it may close 10 days in) and before today.
  const earliest = addDays(repStartDay(ctx.calendar, rep), 10);
  const closingDays = daysOfMonth(ctx.calendar.month(offset)).filter(
    (day) => isBusinessDay(day) && day >= earliest && day < ctx.calendar.today,
  );
  if (closingDays.length === 0) return 0;
  const target = monthTarget(deals, offset, goal);
  const wonCount =
    target < 500_000
      ? 0
      : Math.max(1, Math.ceil(target / 7_500_000), Math.round(target / rep.averageDeal));
  const amounts = wonCount === 0 ? [] : splitAmount({ total: target, count: wonCount, random });
  for (const amount of amounts) addClosedDeal({ deals, amount, outcome: 'won', closingDays });
  const lostCount = Math.round(
    Math.max(1, wonCount) * ((1 - rep.winRate) / rep.winRate) * random.between(0.7, 1.3),
  );
  for (let i = 0; i < lostCount; i += 1) {
    const amount = roundToHundredDollars(rep.averageDeal * random.between(0.4, 1.6));
    addClosedDeal({ deals, amount, outcome: 'lost', closingDays });
  }
  return amounts.reduce((sum, amount) => sum + amount, 0);
}

function addClosedDeal(options: {
  deals: RepDeals;
  amount: number;
  outcome: 'won' | 'lost';
  closingDays: readonly Day[];
}): void {
  const { deals, amount, outcome, closingDays } = options;
  const { random, rep, ctx } = deals;
  const closedDay = random.pick(closingDays);
  // Cycles of 30+ days keep closed deals out of "created since the last 1:1".
  let createdDay = addDays(closedDay, -random.int(30, 110));
  const start = repStartDay(ctx.calendar, rep);
  if (createdDay < start) createdDay = start;
  deals.add({
    amount,
    createdDay,
    openIndex: outcome === 'won' ? random.pick([3, 4, 4]) : random.int(0, 4),
    outcome,
    closeDate: closedDay,
    lastChangeDay: closedDay,
    slipped: random.chance(0.25),
    amountChanged: random.chance(0.2),
  });
}
