import type { Day } from '../core/facts.js';
import { addDays, clock, isBusinessDay, isoWeekday, localInstant } from './demo-calendar.js';
import { type DemoContext, repStartDay } from './demo-context.js';
import type { DemoRows, SqlRow } from './demo-rows.js';
import type { OpenDeal } from './opportunity-history.js';
import { demoAccounts, type RepProfile, reps } from './profiles.js';
import { type Random, randomFor } from './random.js';

/** Days of calendar ahead filled with scheduled customer meetings and calls. */
const AHEAD_DAYS = 21;

/** Before this many days ago, calls, e-mails and leads are logged as weekly summaries. */
const DAILY_DETAIL_DAYS = 90;

/**
 * Twelve months of calls, e-mails, meetings and new leads per the profile, then the
 * calendar ahead. Calls, e-mails and leads are summary rows with a count (how CRMs export
 * activity logs): one per day for the last 90 days, where "since the last 1:1" and the
 * month under review are counted, one per week before that, which keeps the seed fast.
 * Meetings are one row each.
 */
export function generateActivities(
  ctx: DemoContext,
  rows: DemoRows,
  openDeals: readonly OpenDeal[],
): void {
  for (const rep of reps) {
    const random = randomFor(`activities:${rep.key}`);
    const { calendar } = ctx;
    let start = calendar.monthStart(-12);
    if (start < repStartDay(calendar, rep)) start = repStartDay(calendar, rep);
    const dailyFrom = addDays(calendar.today, -DAILY_DETAIL_DAYS);
    for (let day = start; day < calendar.today; day = addDays(day, 1)) {
      if (!isBusinessDay(day)) continue;
      // Weekly summaries land on Fridays (or on the last workday before the daily detail).
      const weekly = day < dailyFrom;
      const summaryDay = !weekly || isoWeekday(day) === 5 || addDays(day, 1) === dailyFrom;
      addWorkday({ ctx, rows, rep, day, random, summaryDays: weekly ? (summaryDay ? 5 : 0) : 1 });
    }
    const deals = openDeals.filter((deal) => deal.ownerKey === rep.key);
    for (let ahead = 1; ahead <= AHEAD_DAYS; ahead += 1) {
      const day = addDays(calendar.today, ahead);
      if (isBusinessDay(day)) addScheduled({ ctx, rows, rep, day, random, deals });
    }
  }
}

interface DayOptions {
  ctx: DemoContext;
  rows: DemoRows;
  rep: RepProfile;
  day: Day;
  random: Random;
}

function activityRow(
  options: DayOptions & {
    kind: string;
    time: string;
    count: number;
    subject: string | null;
    opportunityId: string | null;
  },
): SqlRow {
  return {
    org_id: options.ctx.orgId,
    external_id: null,
    person_id: options.ctx.personId(options.rep.key),
    kind: options.kind,
    occurred_at: localInstant(options.day, options.time, options.ctx.calendar.timeZone),
    opportunity_id: options.opportunityId,
    subject: options.subject,
    count: options.count,
  };
}

/**
 * Around the expected count, never negative; the fraction is rounded up at random so a rate
 * below one a day (a quiet rep's leads) still adds up over the weeks.
 */
function around(random: Random, expected: number): number {
  const value = expected * random.between(0.5, 1.5);
  return Math.floor(value) + (random.chance(value - Math.floor(value)) ? 1 : 0);
}

/** One workday; `summaryDays` is how many workdays its call/e-mail/lead rows sum up (0: none). */
function addWorkday(options: DayOptions & { summaryDays: number }): void {
  const { rows, rep, random, summaryDays } = options;
  const { activity } = rep;
  const summaries = [
    { kind: 'call', rate: activity.callsPerDay, time: '17:00', subject: 'Calls' },
    { kind: 'email', rate: activity.emailsPerDay, time: '17:05', subject: 'E-mails' },
    {
      kind: 'lead',
      rate: activity.leadsPerWeek / 5,
      time: '17:10',
      subject: 'New leads contacted',
    },
  ];
  for (const entry of summaries) {
    const count = summaryDays === 0 ? 0 : around(random, entry.rate * summaryDays);
    if (count > 0) {
      rows.activity.push(activityRow({ ...options, ...entry, count, opportunityId: null }));
    }
  }
  if (random.chance(activity.meetingsPerWeek / 5)) {
    rows.activity.push(
      activityRow({
        ...options,
        kind: 'meeting',
        time: clock(random.int(9, 15) * 60 + random.pick([0, 30])),
        count: 1,
        subject: `Meeting with ${random.pick(demoAccounts)}`,
        opportunityId: null,
      }),
    );
  }
}

/** The calendar ahead: customer meetings and calls on the rep's open deals. */
function addScheduled(options: DayOptions & { deals: readonly OpenDeal[] }): void {
  const { rows, rep, random, deals } = options;
  const schedule = (kind: 'meeting' | 'call', rate: number) => {
    const deal = deals.length > 0 && random.chance(rate) ? random.pick(deals) : undefined;
    if (!deal) return;
    rows.activity.push(
      activityRow({
        ...options,
        kind,
        time: clock(random.int(9, 16) * 60 + random.pick([0, 30])),
        count: 1,
        // The kind is shown beside the subject: "call — Litware — Multi-year deal".
        subject: deal.name,
        opportunityId: deal.id,
      }),
    );
  };
  schedule('meeting', rep.activity.meetingsPerWeek / 5);
  schedule('call', rep.activity.callsPerDay / 20);
}
