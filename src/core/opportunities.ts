import type { OpportunityFact, StageFact } from './facts.js';

/** Stages by id, for looking up an opportunity's stage kind, order and probability. */
export type StageIndex = ReadonlyMap<string, StageFact>;

export function indexStages(stages: readonly StageFact[]): StageIndex {
  return new Map(stages.map((stage) => [stage.id, stage]));
}

/** Open now. An opportunity in a stage the core does not know is left out of every count. */
export function isOpen(opportunity: OpportunityFact, stages: StageIndex): boolean {
  return stages.get(opportunity.stageId)?.kind === 'open';
}

/** Probability 0–1: the opportunity's override, else its stage's default. */
export function probabilityOf(opportunity: OpportunityFact, stages: StageIndex): number {
  const percent = opportunity.probability ?? stages.get(opportunity.stageId)?.probability ?? 0;
  return percent / 100;
}

/** Count and value of a list of opportunities. */
export function moneyCount(opportunities: readonly OpportunityFact[]) {
  return {
    count: opportunities.length,
    value: opportunities.reduce((sum, opportunity) => sum + opportunity.amount, 0),
  };
}
