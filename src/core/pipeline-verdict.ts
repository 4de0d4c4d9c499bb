import type { Check, Pipeline, Progression } from './agenda-schema.js';
import { against, type FormatMoney, listOf, percent, plural, times } from './format.js';
import { parsePeriodKey } from './periods.js';
import type { OrgSettings } from './settings.js';

export type PipelineVerdict = Progression['pipelineVerdict'];

export interface JudgePipelineOptions {
  pipeline: Pipeline;
  /** The team median of opportunities created since the comparison moment; null = no team. */
  teamCreatedMedian: number | null;
  /** "since the last 1:1", or "since 2026-10-01" when there never was one. */
  sincePhrase: string;
  settings: Pick<
    OrgSettings,
    'createdVsTeamMedianRatio' | 'requireDealsInEveryOpenStage' | 'maxPastDueShare'
  >;
  formatMoney: FormatMoney;
}

/** A check with the short phrase the reason sentence uses for it. */
export interface PhrasedCheck {
  check: Check;
  phrase: string;
}

function horizonLabel(months: readonly string[]): string {
  const label = (month: string | undefined) =>
    month ? (parsePeriodKey(month, 1)?.label ?? month) : '';
  return months.length === 1 ? label(months[0]) : `${label(months[0])}–${label(months.at(-1))}`;
}

function coverageCheck(options: JudgePipelineOptions): PhrasedCheck {
  const { coverage } = options.pipeline;
  const money = options.formatMoney;
  const value = coverage.basis === 'raw' ? coverage.raw : coverage.weighted;
  const horizon = horizonLabel(coverage.horizon.months);
  const threshold = `threshold ${times(coverage.target)}${coverage.targetSource === 'win-rate' ? ', 1 ÷ win rate' : ''}`;
  let detail: string;
  let phrase: string;
  if (coverage.status === 'goal-met') {
    detail = `The goal for ${horizon} is already met (${money(coverage.closedInHorizon)} closed of ${money(coverage.goal ?? 0)}): no coverage needed.`;
    phrase = `the goal for ${horizon} is already met`;
  } else if (coverage.status === 'no-goal' || value === null) {
    detail = `No bookings goal for every month of ${horizon}: coverage cannot be measured.`;
    phrase = 'coverage not measured (no goal for the horizon)';
  } else {
    const shown = (ratio: number) => against(ratio, coverage.target, 'at-least', times);
    detail = `Open pipeline closing in ${horizon} is ${money(coverage.open.value)} against ${money(coverage.remainingGoal ?? 0)} of goal still to close: ${shown(coverage.raw ?? 0)} raw, ${shown(coverage.weighted ?? 0)} probability-weighted (${coverage.basis} decides; ${threshold}).`;
    phrase = `coverage ${shown(value)} (${threshold})`;
  }
  return {
    check: {
      name: 'coverage',
      label: `Pipeline coverage (${coverage.basis}) for ${horizon}`,
      value,
      threshold: coverage.target,
      unit: 'times',
      passed: coverage.status !== 'measured' || value === null || value >= coverage.target,
      detail,
    },
    phrase,
  };
}

function emptyStagesCheck(options: JudgePipelineOptions): PhrasedCheck {
  const { emptyStages } = options.pipeline.shape;
  const required = options.settings.requireDealsInEveryOpenStage;
  const names = listOf(emptyStages);
  const phrase = emptyStages.length === 0 ? 'deals in every open stage' : `no deals in ${names}`;
  return {
    check: {
      name: 'empty-stages',
      label: 'Open stages with no deal',
      value: emptyStages.length,
      threshold: 0,
      unit: 'count',
      passed: !required || emptyStages.length === 0,
      detail:
        emptyStages.length === 0
          ? 'Every open stage has at least one deal.'
          : `No deals in ${names}${required ? '' : ' (the organization does not require every stage)'}.`,
    },
    phrase,
  };
}

function createdCheck(options: JudgePipelineOptions): PhrasedCheck {
  const { created } = options.pipeline.movement;
  const median = options.teamCreatedMedian;
  const threshold = median === null ? null : options.settings.createdVsTeamMedianRatio * median;
  const what = `${plural(created.count, 'opportunity', 'opportunities')} created ${options.sincePhrase}`;
  const phrase = median === null ? `${what} (no team median)` : `${what} (team median ${median})`;
  return {
    check: {
      name: 'created-since',
      label: `Opportunities created ${options.sincePhrase}`,
      value: created.count,
      threshold,
      unit: 'count',
      passed: threshold === null || created.count >= threshold,
      detail:
        threshold === null
          ? `${what} (${options.formatMoney(created.value)}); no team to compare with.`
          : `${what} (${options.formatMoney(created.value)}); team median ${median}, threshold ${percent(options.settings.createdVsTeamMedianRatio)} of it = ${threshold}.`,
    },
    phrase,
  };
}

function pastDueCheck(options: JudgePipelineOptions): PhrasedCheck {
  const { pastDue, open } = options.pipeline.shape;
  const max = options.settings.maxPastDueShare;
  const share = pastDue.share;
  const shown = (ratio: number) => against(ratio, max, 'at-most', percent);
  const phrase =
    share === null
      ? 'no open opportunities'
      : `${shown(share)} of open opportunities past due (max ${percent(max)})`;
  return {
    check: {
      name: 'past-due-share',
      label: 'Share of open opportunities past their close date',
      value: share,
      threshold: max,
      unit: 'ratio',
      passed: share === null || share <= max,
      detail:
        share === null
          ? 'No open opportunities.'
          : `${pastDue.count} of ${open.count} open opportunities (${options.formatMoney(pastDue.value)}) have a close date already past: ${shown(share)} (max ${percent(max)}).`,
    },
    phrase,
  };
}

/** All pipeline checks with their phrases, in the order the reasons read them. */
export function pipelineChecks(options: JudgePipelineOptions): PhrasedCheck[] {
  return [
    coverageCheck(options),
    emptyStagesCheck(options),
    createdCheck(options),
    pastDueCheck(options),
  ];
}

/**
 * Is the pipeline healthy? Unhealthy when any check fails: coverage below target, an open
 * stage with no deal (if required), fewer opportunities created than
 * `createdVsTeamMedianRatio` × the team median, or too many past-due close dates.
 */
export function judgePipeline(options: JudgePipelineOptions): PipelineVerdict {
  const checks = pipelineChecks(options).map((phrased) => phrased.check);
  return { healthy: checks.every((check) => check.passed), checks };
}

/** Phrases of the failing checks when unhealthy, of all of them when healthy. */
export function pipelineReason(options: JudgePipelineOptions): string {
  const phrased = pipelineChecks(options);
  const failing = phrased.filter((p) => !p.check.passed);
  if (failing.length === 0) {
    return `Pipeline healthy: ${phrased.map((p) => p.phrase).join(', ')} → no activity review.`;
  }
  return `Pipeline unhealthy: ${failing.map((p) => p.phrase).join(', ')} → activity review.`;
}

/** The short pipeline check shown even at the results stage: coverage and created since. */
export function shortPipelineChecks(options: JudgePipelineOptions): PhrasedCheck[] {
  return pipelineChecks(options).filter(
    (p) => p.check.name === 'coverage' || p.check.name === 'created-since',
  );
}
