import type { Pipeline, Progression, Results, Stage } from './agenda-schema.js';
import type { FormatMoney } from './format.js';
import { judgePipeline, pipelineReason, shortPipelineChecks } from './pipeline-verdict.js';
import { judgeResults, resultsReason } from './results-verdict.js';
import type { OrgSettings } from './settings.js';

export interface DecideProgressionOptions {
  results: Results;
  pipeline: Pipeline;
  /** The team median of opportunities created since the comparison moment; null = no team. */
  teamCreatedMedian: number | null;
  /** "since the last 1:1", or "since 2026-10-01" when there never was one. */
  sincePhrase: string;
  settings: OrgSettings;
  formatMoney: FormatMoney;
}

/** The order of the stages: a higher stage goes deeper into the rep's work. */
export const STAGE_ORDER: Record<Stage, number> = { results: 0, pipeline: 1, activity: 2 };

/**
 * THE decision of the Accountability Progression, a pure function of the numbers and the
 * organization's thresholds: results on plan → results review; behind with a healthy
 * pipeline → pipeline review; behind with an unhealthy pipeline → activity review. Every
 * reason is a sentence with the numbers, so nobody can call the outcome micromanagement.
 */
export function decideProgression(options: DecideProgressionOptions): Progression {
  const { settings } = options;
  const resultsVerdict = judgeResults(options);
  const pipelineVerdict = judgePipeline(options);
  const stage: Stage = resultsVerdict.onPlan
    ? 'results'
    : pipelineVerdict.healthy
      ? 'pipeline'
      : 'activity';
  const reasons = [resultsReason({ verdict: resultsVerdict, results: options.results, settings })];
  if (stage === 'results') {
    // The momentum question still needs a glance at what will close next.
    const phrases = shortPipelineChecks(options).map((p) => p.phrase);
    reasons.push(`Short pipeline check: ${phrases.join(', ')}.`);
  } else {
    reasons.push(pipelineReason(options));
  }
  return { stage, resultsVerdict, pipelineVerdict, reasons };
}
