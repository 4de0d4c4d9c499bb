import { addDays, monthOf } from './days.js';
import type { Day, OpportunityFact, StageFact } from './facts.js';
import { indexStages, isOpen, moneyCount, type StageIndex } from './opportunities.js';
import { type DealFlag, DealFlagSchema, type Movement } from './pipeline-schema.js';

export interface MovementOptions {
  opportunities: readonly OpportunityFact[];
  stages: readonly StageFact[];
  since: Day;
  asOf: Day;
  stalledAfterDays: number;
}

type Classifier = (
  o: OpportunityFact,
  context: { stages: StageIndex; options: MovementOptions },
) => boolean;

function stageOrder(stageId: string, stages: StageIndex): number | null {
  return stages.get(stageId)?.order ?? null;
}

/**
 * Each movement flag of an opportunity since `since`. Slipped = the close date moved later
 * AND into a later month (11-20 → 12-05 slipped; 11-10 → 11-25 did not: it still lands in
 * the same month's number). Pulled in is the mirror. Stalled = open with no change of stage,
 * amount or close date for MORE than `stalledAfterDays` days before `asOf`.
 */
const CLASSIFIERS: Record<DealFlag | 'won' | 'lost', Classifier> = {
  created: (o, { options }) => o.createdDay >= options.since,
  advanced: (o, { stages }) => {
    if (!o.before || !isOpen(o, stages)) return false;
    const [now, then] = [stageOrder(o.stageId, stages), stageOrder(o.before.stageId, stages)];
    return now !== null && then !== null && now > then;
  },
  regressed: (o, { stages }) => {
    if (!o.before || !isOpen(o, stages)) return false;
    const [now, then] = [stageOrder(o.stageId, stages), stageOrder(o.before.stageId, stages)];
    return now !== null && then !== null && now < then;
  },
  slipped: (o, { stages }) => {
    const [now, then] = [o.closeDate, o.before?.closeDate ?? null];
    return isOpen(o, stages) && now !== null && then !== null && monthOf(now) > monthOf(then);
  },
  'pulled-in': (o, { stages }) => {
    const [now, then] = [o.closeDate, o.before?.closeDate ?? null];
    return isOpen(o, stages) && now !== null && then !== null && monthOf(now) < monthOf(then);
  },
  stalled: (o, { stages, options }) =>
    isOpen(o, stages) && o.lastChangeDay < addDays(options.asOf, -options.stalledAfterDays),
  'past-due': (o, { stages, options }) =>
    isOpen(o, stages) && o.closeDate !== null && o.closeDate < options.asOf,
  'no-close-date': (o, { stages }) => isOpen(o, stages) && o.closeDate === null,
  won: (o, { stages, options }) =>
    o.closedDay !== null && o.closedDay >= options.since && stages.get(o.stageId)?.kind === 'won',
  lost: (o, { stages, options }) =>
    o.closedDay !== null && o.closedDay >= options.since && stages.get(o.stageId)?.kind === 'lost',
};

/** The flags in the order they are listed on a deal. */
const DEAL_FLAGS: readonly DealFlag[] = DealFlagSchema.options;

/** The movement flags of one opportunity, for deal summaries. */
export function dealFlags(opportunity: OpportunityFact, options: MovementOptions): DealFlag[] {
  const context = { stages: indexStages(options.stages), options };
  return DEAL_FLAGS.filter((flag) => CLASSIFIERS[flag](opportunity, context));
}

/** What moved in the pipeline since the last 1:1: counts and values (current amounts). */
export function computeMovement(options: MovementOptions): Movement {
  const context = { stages: indexStages(options.stages), options };
  const pick = (flag: keyof typeof CLASSIFIERS) =>
    moneyCount(options.opportunities.filter((o) => CLASSIFIERS[flag](o, context)));
  return {
    since: options.since,
    created: pick('created'),
    advanced: pick('advanced'),
    regressed: pick('regressed'),
    slipped: pick('slipped'),
    pulledIn: pick('pulled-in'),
    stalled: pick('stalled'),
    won: pick('won'),
    lost: pick('lost'),
  };
}
