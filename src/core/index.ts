/** The public API of Rudder's pure core: facts in, decisions and agendas out. */

export { repActivity, teamActivityMedian } from './activity.js';
export { type BuildAgendaOptions, buildAgenda } from './agenda.js';
export * from './agenda-schema.js';
export { attainmentOf, median } from './attainment.js';
export { adviseCadence, CADENCE_RULE, cadenceIntervalDays, recommendCadence } from './cadence.js';
export { computeCoverage, coverageTarget } from './coverage.js';
export { addDays, dayInZone, daysBetween, monthOf } from './days.js';
export type * from './facts.js';
export { currencyDigits, decimalAmount, type FormatMoney, moneyFormatter } from './format.js';
export { findGoal } from './goals.js';
export {
  fiscalYearOf,
  lastPeriods,
  monthsOf,
  nextPeriod,
  parsePeriodKey,
  periodContaining,
  previousPeriod,
} from './periods.js';
export { repPipeline } from './pipeline.js';
export { CLOSE_MONTHS_LISTED, pipelineByCloseMonth } from './pipeline-by-close-month.js';
export { computeMovement } from './pipeline-movement.js';
export { computeShape } from './pipeline-shape.js';
export { judgePipeline } from './pipeline-verdict.js';
export { decideProgression, STAGE_ORDER } from './progression.js';
export { elapsedFraction, prorateGoal } from './proration.js';
export { suggestQuestions } from './questions.js';
export { type RankedMember, rankMembers, rankOf, type TeamRanking } from './ranking.js';
export { periodResult, repResults, trend, yearToDate } from './results.js';
export { judgeResults } from './results-verdict.js';
export { computeCycle } from './sales-cycle.js';
export {
  type BuildScorecardOptions,
  buildScorecard,
  type Scorecard,
  type ScorecardMemberInput,
  type ScorecardRow,
  ScorecardRowSchema,
  ScorecardSchema,
} from './scorecard.js';
export {
  type Cadence,
  defaultSettings,
  type OrgSettings,
  type OrgSettingsInput,
  OrgSettingsSchema,
  type Proration,
} from './settings.js';
