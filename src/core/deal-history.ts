import { z } from 'zod';
import { addDays, daysBetween, dayToUtcMs } from './days.js';
import type { Day, StageFact } from './facts.js';
import { DaySchema as day } from './schema-primitives.js';

/**
 * One deal opened in the Pipeline step: how it got where it is, from the recorded events —
 * a summary to ask about, not a CRM.
 */

export const DealChangeSchema = z.object({
  field: z.enum(['stage', 'amount', 'close_date']),
  /** The day the import saw it (org-local). */
  on: day,
  /** Stage names, amounts in minor units as text, days: as the CRM had them. */
  from: z.string().nullable(),
  to: z.string().nullable(),
});

export const DealHistorySchema = z.object({
  id: z.string(),
  name: z.string(),
  account: z.string().nullable(),
  externalId: z.string().nullable(),
  stage: z.string(),
  status: z.enum(['open', 'won', 'lost']),
  amount: z.number(),
  closeDate: day.nullable(),
  createdOn: day,
  changes: z.array(DealChangeSchema).describe('stage, amount and close-date changes, oldest first'),
  daysInStage: z
    .number()
    .int()
    .describe('days since the last stage change seen, else since the deal was created'),
  lastActivity: z
    .object({ on: day, kind: z.string(), subject: z.string().nullable() })
    .nullable()
    .describe('the latest activity on the deal up to today; null: none, or withheld'),
  activityWithheld: z
    .boolean()
    .describe("true: the organization's activity gate keeps the rep's activity from this viewer"),
  crmLink: z
    .object({ url: z.string().nullable(), note: z.string() })
    .describe(
      'the record in Salesforce it came from, when the org is connected and the id is a Salesforce Opportunity id; otherwise null and a note saying why',
    ),
  suggestedCommitment: z
    .object({ text: z.string(), dueOn: day })
    .nullable()
    .describe(
      '"Advance Monarch Air to Proposal by Jan 15": a starting point, edited before saving',
    ),
});

export type DealChange = z.infer<typeof DealChangeSchema>;
export type DealHistory = z.infer<typeof DealHistorySchema>;

export interface DealFacts {
  id: string;
  name: string;
  account: string | null;
  externalId: string | null;
  stageId: string;
  status: 'open' | 'won' | 'lost';
  amount: number;
  closeDate: Day | null;
  createdOn: Day;
  /** The recorded events of the tracked fields, in the order they were seen. */
  events: ReadonlyArray<{
    field: 'stage' | 'amount' | 'close_date';
    on: Day;
    oldValue: string | null;
    newValue: string | null;
  }>;
  /** null: none, or withheld (then `activityWithheld`). */
  lastActivity: { on: Day; kind: string; subject: string | null } | null;
  activityWithheld: boolean;
}

/** The day a commitment on a deal falls due when its close date is already past or unset. */
export const DEFAULT_COMMITMENT_DAYS = 14;

const shortDay = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/**
 * The next step of an open deal as a commitment the manager can edit: advance it one open
 * stage (close it from the last open one) by its close date, or in two weeks when that date
 * is past or unset. Closed deals suggest nothing.
 */
export function suggestCommitment(
  deal: Pick<DealFacts, 'name' | 'stageId' | 'status' | 'closeDate'>,
  stages: readonly StageFact[],
  today: Day,
): DealHistory['suggestedCommitment'] {
  if (deal.status !== 'open') return null;
  const open = stages.filter((s) => s.kind === 'open').sort((a, b) => a.order - b.order);
  const at = open.findIndex((s) => s.id === deal.stageId);
  const next = at >= 0 ? open[at + 1] : undefined;
  const dueOn =
    deal.closeDate !== null && deal.closeDate >= today
      ? deal.closeDate
      : addDays(today, DEFAULT_COMMITMENT_DAYS);
  const by = shortDay.format(new Date(dayToUtcMs(dueOn)));
  const text = next
    ? `Advance ${deal.name} to ${next.name} by ${by}`
    : `Close ${deal.name} by ${by}`;
  return { text, dueOn };
}

/**
 * The deal's history as the Pipeline step shows it. Stage events carry stage ids: they read
 * as names (an id no longer among the stages reads as itself). Days in stage count from the
 * last stage change seen, which for a deal imported mid-stage is its creation day: the
 * recorded history starts with the first import.
 */
export function buildDealHistory(options: {
  deal: DealFacts;
  stages: readonly StageFact[];
  today: Day;
  crmLink: DealHistory['crmLink'];
}): DealHistory {
  const { deal, stages, today } = options;
  const stageName = (id: string | null) =>
    id === null ? null : (stages.find((s) => s.id === id)?.name ?? id);
  const changes = deal.events.map(
    (e): DealChange => ({
      field: e.field,
      on: e.on,
      from: e.field === 'stage' ? stageName(e.oldValue) : e.oldValue,
      to: e.field === 'stage' ? stageName(e.newValue) : e.newValue,
    }),
  );
  const lastStageChange = deal.events.filter((e) => e.field === 'stage').at(-1)?.on;
  return {
    id: deal.id,
    name: deal.name,
    account: deal.account,
    externalId: deal.externalId,
    stage: stageName(deal.stageId) ?? deal.stageId,
    status: deal.status,
    amount: deal.amount,
    closeDate: deal.closeDate,
    createdOn: deal.createdOn,
    changes,
    daysInStage: Math.max(0, daysBetween(lastStageChange ?? deal.createdOn, today)),
    lastActivity: deal.lastActivity,
    activityWithheld: deal.activityWithheld,
    crmLink: options.crmLink,
    suggestedCommitment: suggestCommitment(deal, stages, today),
  };
}
