import type { Day } from '../core/facts.js';
import { addDays, clock, localInstant } from './demo-calendar.js';
import { type DemoContext, openStageKeys, type StageKey } from './demo-context.js';
import type { DemoRows } from './demo-rows.js';
import type { RepProfile } from './profiles.js';
import type { Random } from './random.js';
import { demoId, roundToHundredDollars } from './random.js';

/** One opportunity's life as the generator decided it; the rows and events follow from it. */
export interface DealPlan {
  key: string;
  ownerKey: string;
  name: string;
  account: string;
  /** The current amount, in cents. */
  amount: number;
  createdDay: Day;
  /** The furthest open stage (0 = Prospecting … 4 = Negotiation): the current one if open. */
  openIndex: number;
  outcome: 'open' | 'won' | 'lost';
  /** The current close date; for a closed deal the day it closed. */
  closeDate: Day | null;
  /** Open: the day of the last change (advance, slip, amount); closed: the closing day. */
  lastChangeDay: Day;
  /** The close date was pushed out once (its first value was earlier). */
  slipped: boolean;
  /** The amount changed once after creation. */
  amountChanged: boolean;
}

/** An open opportunity the calendar ahead can refer to. */
export interface OpenDeal {
  id: string;
  ownerKey: string;
  name: string;
  account: string;
}

/** Shared by the closed-deal and open-pipeline generators of one rep. */
export interface RepDeals {
  ctx: DemoContext;
  rows: DemoRows;
  rep: RepProfile;
  random: Random;
  /** Numbers the deal keys so they stay unique and stable. */
  next(): string;
  naming(): { name: string; account: string };
  add(plan: Omit<DealPlan, 'key' | 'ownerKey' | 'name' | 'account'>): string;
}

interface PendingEvent {
  day: Day;
  /** Minutes after midnight: orders the events of one day. */
  minute: number;
  field: 'created' | 'stage' | 'amount' | 'close_date' | 'status';
  oldValue: string | null;
  newValue: string | null;
}

/** Distinct days strictly after `from` and on or before `to`, ascending (`count` ≤ span). */
function spreadDays(options: { from: Day; to: Day; count: number; random: Random }): Day[] {
  const { from, to, count, random } = options;
  const chosen = new Set<Day>();
  const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  while (chosen.size < Math.min(count, span)) chosen.add(addDays(from, random.int(1, span)));
  return [...chosen].sort();
}

/**
 * Writes the opportunity and its events. The first observation records every field (old
 * value null), as a CRM import's first snapshot does, so the state at any moment can be
 * rebuilt from the events alone; the last `stage` event always carries the current stage.
 */
export function addDeal(ctx: DemoContext, rows: DemoRows, plan: DealPlan, random: Random): string {
  const id = demoId(`opportunity:${plan.key}`);
  const stageId = (index: number) => ctx.stageId(openStageKeys[index] ?? 'prospecting');
  const events: PendingEvent[] = [];
  // A slip or an amount change needs a day after creation to happen on.
  const changeDay = () =>
    spreadDays({ from: plan.createdDay, to: plan.lastChangeDay, count: 1, random })[0];
  const slipDay = plan.slipped && plan.closeDate !== null ? changeDay() : undefined;
  const amountDay = plan.amountChanged ? changeDay() : undefined;
  const firstAmount =
    amountDay === undefined
      ? plan.amount
      : roundToHundredDollars(plan.amount * random.between(0.75, 1.3));
  const firstClose =
    slipDay === undefined || plan.closeDate === null
      ? plan.closeDate
      : addDays(plan.closeDate, -random.int(14, 45));
  const at = (day: Day, minute: number) => ({ day, minute: minute + random.int(0, 29) });
  const created = at(plan.createdDay, 9 * 60);
  events.push({ ...created, field: 'created', oldValue: null, newValue: null });
  events.push({ ...created, field: 'stage', oldValue: null, newValue: stageId(0) });
  events.push({ ...created, field: 'amount', oldValue: null, newValue: String(firstAmount) });
  if (firstClose !== null) {
    events.push({ ...created, field: 'close_date', oldValue: null, newValue: firstClose });
  }

  const closing = plan.outcome !== 'open';
  // An open deal's last advance is its last change; a closed deal advances before closing.
  const advanceEnd = closing ? addDays(plan.lastChangeDay, -1) : plan.lastChangeDay;
  const advanceDays = spreadDays({
    from: plan.createdDay,
    to: advanceEnd,
    count: plan.openIndex,
    random,
  });
  if (!closing && plan.openIndex > 0) advanceDays[advanceDays.length - 1] = plan.lastChangeDay;
  advanceDays.forEach((day, i) => {
    events.push({
      ...at(day, 11 * 60),
      field: 'stage',
      oldValue: stageId(i),
      newValue: stageId(i + 1),
    });
  });
  if (slipDay !== undefined) {
    events.push({
      ...at(slipDay, 14 * 60),
      field: 'close_date',
      oldValue: firstClose,
      newValue: plan.closeDate,
    });
  }
  if (amountDay !== undefined && firstAmount !== plan.amount) {
    events.push({
      ...at(amountDay, 15 * 60),
      field: 'amount',
      oldValue: String(firstAmount),
      newValue: String(plan.amount),
    });
  }
  const reachedIndex = closing ? advanceDays.length : plan.openIndex;
  const currentStage: StageKey | null = closing ? (plan.outcome === 'won' ? 'won' : 'lost') : null;
  if (currentStage !== null) {
    const closed = at(plan.lastChangeDay, 16 * 60);
    events.push({
      ...closed,
      field: 'stage',
      oldValue: stageId(reachedIndex),
      newValue: ctx.stageId(currentStage),
    });
    events.push({ ...closed, field: 'status', oldValue: 'open', newValue: plan.outcome });
  }

  const instants = events.map((event) =>
    localInstant(event.day, clock(event.minute), ctx.calendar.timeZone),
  );
  const lastChangedAt = instants.reduce((latest, instant) => (instant > latest ? instant : latest));
  const lastStage = [...events].reverse().find((event) => event.field === 'stage');
  rows.opportunity.push({
    org_id: ctx.orgId,
    id,
    external_id: null,
    owner_id: ctx.personId(plan.ownerKey),
    name: plan.name,
    account: plan.account,
    amount: plan.amount,
    currency: 'USD',
    stage_id: lastStage?.newValue ?? stageId(0),
    status: plan.outcome,
    probability: null,
    created_at: instants[0] ?? lastChangedAt,
    close_date: plan.closeDate,
    closed_at: closing ? lastChangedAt : null,
    last_changed_at: lastChangedAt,
  });
  events.forEach((event, i) => {
    rows.opportunity_event.push({
      org_id: ctx.orgId,
      opportunity_id: id,
      field: event.field,
      old_value: event.oldValue,
      new_value: event.newValue,
      observed_at: instants[i] ?? lastChangedAt,
      import_run_id: null,
    });
  });
  return id;
}
