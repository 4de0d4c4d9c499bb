import type { Day, OpportunityFact, StageFact } from './facts.js';
import { indexStages, isOpen, moneyCount } from './opportunities.js';
import type { Shape } from './pipeline-schema.js';

export interface ShapeOptions {
  opportunities: readonly OpportunityFact[];
  stages: readonly StageFact[];
  asOf: Day;
  /** The team's average won deal size (TeamFacts.averageDealSize). */
  teamAverageDealSize: number | null;
}

/**
 * The shape of the open pipeline: every open stage with its count and value (zeros
 * included, so a gap in the funnel shows), the stages with no deal, the average open deal
 * against the team's average won deal, past-due close dates (before `asOf`, still open;
 * their share is by count) and open deals without a close date.
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
    teamAverageDealSize: options.teamAverageDealSize,
    pastDue: { ...pastDue, share: totals.count > 0 ? pastDue.count / totals.count : null },
    noCloseDate: moneyCount(open.filter((o) => o.closeDate === null)),
  };
}
