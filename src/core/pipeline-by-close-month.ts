import { addMonths, monthOf } from './days.js';
import type { Day, OpportunityFact, StageFact } from './facts.js';
import { indexStages, isOpen, probabilityOf } from './opportunities.js';
import type { CloseMonthBucket } from './pipeline-schema.js';

export interface PipelineByCloseMonthOptions {
  opportunities: readonly OpportunityFact[];
  stages: readonly StageFact[];
  /** The org-local day of the agenda: deals dated before it are past due. */
  asOf: Day;
  /** The coverage horizon in months (the month of `asOf` first): always listed, even empty. */
  horizonMonths: number;
}

/** Months listed one by one at most; deals dated after them fall into `later`. */
export const CLOSE_MONTHS_LISTED = 12;

/**
 * Every open deal by close month. Close dates are org-local days already, so a deal dated
 * 31 October is October's whatever the server's zone. Deals dated before `asOf` are past due
 * (the rule of the shape's past-due count and of coverage, which leaves them out), so the
 * horizon's months add up to coverage's open pipeline. The months run from the month of
 * `asOf` to the last one with a deal, the horizon at least and 12 at most, with the empty ones
 * in between so that a gap shows. The past-due, later and undated buckets are always there.
 */
export function pipelineByCloseMonth(options: PipelineByCloseMonthOptions): CloseMonthBucket[] {
  const stages = indexStages(options.stages);
  const open = options.opportunities.filter((o) => isOpen(o, stages));
  const first = monthOf(options.asOf);
  const lastListed = addMonths(first, Math.max(CLOSE_MONTHS_LISTED, options.horizonMonths) - 1);
  let last = addMonths(first, options.horizonMonths - 1);
  for (const o of open) {
    if (o.closeDate === null || o.closeDate < options.asOf) continue;
    const month = monthOf(o.closeDate);
    if (month > last) last = month < lastListed ? month : lastListed;
  }

  const pastDue = bucket('past-due', null);
  const later = bucket('later', null);
  const undated = bucket('no-close-date', null);
  const months = new Map<string, CloseMonthBucket>();
  for (let month = first; month <= last; month = addMonths(month, 1)) {
    months.set(month, bucket('month', month));
  }
  for (const o of open) {
    const target =
      o.closeDate === null
        ? undated
        : o.closeDate < options.asOf
          ? pastDue
          : (months.get(monthOf(o.closeDate)) ?? later);
    target.count += 1;
    target.value += o.amount;
    target.weightedValue += o.amount * probabilityOf(o, stages);
  }
  return [pastDue, ...months.values(), later, undated].map((b) => ({
    ...b,
    weightedValue: Math.round(b.weightedValue),
  }));
}

function bucket(kind: CloseMonthBucket['kind'], month: string | null): CloseMonthBucket {
  return { kind, month, count: 0, value: 0, weightedValue: 0 };
}
