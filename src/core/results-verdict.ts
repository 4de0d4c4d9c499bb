import { unreachable } from '../shared/app-error.js';
import type { Check, Progression, Results } from './agenda-schema.js';
import { against, type FormatMoney, ordinal, percent } from './format.js';
import type { OrgSettings } from './settings.js';

export type ResultsVerdict = Progression['resultsVerdict'];

export interface JudgeResultsOptions {
  results: Results;
  settings: Pick<OrgSettings, 'resultsThreshold' | 'rankDropPlaces' | 'nearGoalAttainment'>;
  formatMoney: FormatMoney;
}

/**
 * Are results on plan for the period under review? Behind = attainment below
 * `resultsThreshold`, or a fall of `rankDropPlaces` or more in the ranking.
 *
 * Without an AGREED goal for the period (missing, proposed or rejected) results are not
 * judged: "you cannot hold someone accountable to something you never agreed on". Neither
 * check is held against the rep (the rank is computed from the same goal), so the meeting
 * stays at results, where agreeing the goal is the first business.
 */
export function judgeResults(options: JudgeResultsOptions): ResultsVerdict {
  const { results, settings, formatMoney } = options;
  const { review, ranking } = results;
  const judged = review.goalStatus === 'agreed';
  const label = review.period.label;
  const attainment = review.attainment;
  const goalText = review.goal ? formatMoney(review.goal.target) : '';
  let attainmentDetail: string;
  switch (review.goalStatus) {
    case 'agreed':
      attainmentDetail =
        attainment === null
          ? `The agreed goal for ${label} is 0: nothing to fall short of.`
          : `${against(attainment, settings.resultsThreshold, 'at-least', percent)} of goal in ${label} (${formatMoney(review.actual)} of ${goalText}; threshold ${percent(settings.resultsThreshold)}).`;
      break;
    case 'proposed':
    case 'rejected':
      attainmentDetail = `The ${label} goal of ${goalText} is ${review.goalStatus}, not agreed: ${attainment === null ? 'attainment' : percent(attainment)} is shown but not held against the rep.`;
      break;
    case 'missing':
      attainmentDetail = `No goal for ${label}: results cannot be judged (${formatMoney(review.actual)} booked).`;
      break;
    default:
      attainmentDetail = unreachable(review.goalStatus);
  }
  const attainmentCheck: Check = {
    name: 'attainment',
    label: `Attainment in ${label}`,
    value: attainment,
    threshold: settings.resultsThreshold,
    unit: 'ratio',
    passed: !judged || attainment === null || attainment >= settings.resultsThreshold,
    detail: attainmentDetail,
  };
  const fallen =
    ranking.rank !== null && ranking.previousRank !== null
      ? ranking.rank - ranking.previousRank
      : null;
  const rankCheck: Check = {
    name: 'rank-drop',
    label: 'Places fallen in the team ranking',
    value: fallen,
    threshold: settings.rankDropPlaces,
    unit: 'rank',
    passed: !judged || fallen === null || fallen < settings.rankDropPlaces,
    detail: rankDetail({ ranking, fallen, threshold: settings.rankDropPlaces }),
  };
  const checks = [attainmentCheck, rankCheck];
  return {
    onPlan: checks.every((check) => check.passed),
    judged,
    goalStatus: review.goalStatus,
    checks,
  };
}

function rankDetail(options: {
  ranking: Results['ranking'];
  fallen: number | null;
  threshold: number;
}) {
  const { ranking, fallen, threshold } = options;
  if (ranking.of === 0) return 'No team ranking for the period under review.';
  if (ranking.rank === null) return 'Not ranked: no goal in the period under review.';
  const now = `${ordinal(ranking.rank)} of ${ranking.of}`;
  if (ranking.previousRank === null || fallen === null)
    return `Rank ${now}; no rank in the previous period.`;
  if (fallen > 0) {
    return `Rank fell from ${ordinal(ranking.previousRank)} to ${now}: ${fallen} places (threshold ${threshold}).`;
  }
  if (fallen < 0) return `Rank rose from ${ordinal(ranking.previousRank)} to ${now}.`;
  return `Rank ${now}, unchanged.`;
}

/** The sentence that explains the results verdict, ending with where the meeting goes. */
export function resultsReason(options: {
  verdict: ResultsVerdict;
  results: Results;
  settings: JudgeResultsOptions['settings'];
}): string {
  const { verdict, results, settings } = options;
  const { review, ranking } = results;
  const label = review.period.label;
  if (!verdict.judged) {
    const why =
      verdict.goalStatus === 'missing'
        ? 'no goal'
        : `the goal is ${verdict.goalStatus}, not agreed`;
    return `Results not judged: no agreed goal for ${label} (${why}), so they cannot be held against the rep → results review; agree the goal first.`;
  }
  const parts: string[] = [];
  const attainment = review.attainment;
  if (attainment !== null) {
    parts.push(
      `${against(attainment, settings.resultsThreshold, 'at-least', percent)} of goal in ${label} (threshold ${percent(settings.resultsThreshold)})`,
    );
  } else {
    parts.push(`the agreed goal for ${label} is 0`);
  }
  const rankCheck = verdict.checks.find((check) => check.name === 'rank-drop');
  if (ranking.rank !== null && ranking.previousRank !== null && rankCheck && !rankCheck.passed) {
    parts.push(
      `rank fell from ${ordinal(ranking.previousRank)} to ${ordinal(ranking.rank)} of ${ranking.of}`,
    );
  } else if (ranking.rank !== null) {
    parts.push(`rank ${ordinal(ranking.rank)} of ${ranking.of}`);
  }
  if (verdict.onPlan) return `Results on plan: ${parts.join(', ')} → results review.`;
  const attainmentCheck = verdict.checks.find((check) => check.name === 'attainment');
  if (attainmentCheck?.passed) {
    return `Results on goal but falling in the ranking: ${parts.join(', ')} (threshold ${settings.rankDropPlaces} places) → pipeline review.`;
  }
  const near =
    attainment !== null &&
    attainment < settings.resultsThreshold &&
    attainment >= settings.nearGoalAttainment;
  return `Results behind${near ? ' but near goal' : ''}: ${parts.join(', ')} → pipeline review.`;
}
