import { computeCoverage } from './coverage.js';
import type { RepFacts } from './facts.js';
import { indexStages, isOpen } from './opportunities.js';
import { pipelineByCloseMonth } from './pipeline-by-close-month.js';
import { computeMovement, dealFlags, type MovementOptions } from './pipeline-movement.js';
import type { DealSummary, Pipeline } from './pipeline-schema.js';
import { computeShape } from './pipeline-shape.js';
import { computeCycle } from './sales-cycle.js';
import type { OrgSettings } from './settings.js';

export interface RepPipelineOptions {
  facts: RepFacts;
  settings: OrgSettings;
  fiscalYearStartMonth: number;
}

/**
 * The pipeline section of a 1:1: coverage, shape, movement since `since`, cycle, top deals and
 * the open pipeline by close month.
 */
export function repPipeline(options: RepPipelineOptions): Pipeline {
  const { facts, settings } = options;
  const { opportunities, stages, asOf, since } = facts;
  const shape = computeShape({
    opportunities,
    stages,
    asOf,
    closed: facts.closed,
    teamAverageDealSize: facts.team?.averageDealSize ?? null,
  });
  const movementOptions: MovementOptions = {
    opportunities,
    stages,
    since,
    asOf,
    stalledAfterDays: settings.stalledAfterDays,
  };
  return {
    coverage: computeCoverage({
      opportunities,
      stages,
      goals: facts.goals,
      months: facts.months,
      closed: facts.closed,
      asOf,
      fiscalYearStartMonth: options.fiscalYearStartMonth,
      settings,
    }),
    shape,
    movement: computeMovement(movementOptions),
    cycle: computeCycle({ closed: facts.closed, openCount: shape.open.count }),
    topDeals: topDeals({ movementOptions, limit: settings.topDeals }),
    byCloseMonth: pipelineByCloseMonth({
      opportunities,
      stages,
      asOf,
      horizonMonths: settings.coverageHorizonMonths,
    }),
  };
}

/** The largest open deals (amount descending, then id so the list is stable). */
function topDeals(options: { movementOptions: MovementOptions; limit: number }): DealSummary[] {
  const { movementOptions, limit } = options;
  const stages = indexStages(movementOptions.stages);
  return movementOptions.opportunities
    .filter((o) => isOpen(o, stages))
    .sort((a, b) => b.amount - a.amount || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit)
    .map((o) => ({
      id: o.id,
      name: o.name,
      account: o.account,
      stage: stages.get(o.stageId)?.name ?? o.stageId,
      amount: o.amount,
      probability: o.probability ?? stages.get(o.stageId)?.probability ?? 0,
      closeDate: o.closeDate,
      flags: dealFlags(o, movementOptions),
    }));
}
