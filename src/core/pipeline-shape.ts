import type { ClosedFact, Day, OpportunityFact, StageFact } from './facts.js';
import { indexStages, isOpen, moneyCount } from './opportunities.js';
import type { Shape } from './pipeline-schema.js';

export interface ShapeOptions {
  opportunities: readonly OpportunityFact[];
  stages: readonly StageFact[];
  asOf: Day;
  /** The rep's deals closed in the trailing 12 months (RepFacts.closed). */
  closed: ClosedFact;
  /** The team's average won deal size over the same 12 months (TeamFacts.averageDealSize). */
  teamAverageDealSize: number | null;
}

/**
 * The shape of the open pipeline: every open stage with its count and value (zeros
 * included, so a gap in the funnel shows), the stages with no deal, the rep's average won
 * deal against the team's (both over the trailing 12 months: like with like; the average open
 * deal is given beside them), past-due close dates (before `asOf`, still open; their share is
 * by count) and open deals without a close date.
 */
export function computeShape(options: ShapeOptions): Shape {
  const stages = indexStages(options.stages);
  const open = options.opportunities.filter((o) => isOpen(o, stages));
  const byStage = options.stages
    .filter((stage) => stage.kind === 'open')
    .sort((a, b) => a.order - b.order)
    .map((stage) => ({
      stageId: stage.id,
      name: stage.name,
      order: stage.order,
      probability: stage.probability,
      ...moneyCount(open.filter((o) => o.stageId === stage.id)),
    }));
  const totals = moneyCount(open);
  const pastDue = moneyCount(
    open.filter((o) => o.closeDate !== null && o.closeDate < options.asOf),
  );
  return {
    open: totals,
    byStage,
    emptyStages: byStage.filter((bucket) => bucket.count === 0).map((bucket) => bucket.name),
    averageDealSize: totals.count > 0 ? totals.value / totals.count : null,
    averageWonDealSize:
      options.closed.wonCount > 0 ? options.closed.wonValue / options.closed.wonCount : null,
    teamAverageDealSize: options.teamAverageDealSize,
    pastDue: { ...pastDue, share: totals.count > 0 ? pastDue.count / totals.count : null },
    noCloseDate: moneyCount(open.filter((o) => o.closeDate === null)),
  };
}
