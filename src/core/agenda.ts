import { repActivity } from './activity.js';
import { activityOpen } from './activity-gate.js';
import type { Agenda } from './agenda-schema.js';
import { median } from './attainment.js';
import { adviseCadence } from './cadence.js';
import { dataQualityNotes } from './data-quality.js';
import type { RepFacts } from './facts.js';
import { type FormatMoney, moneyFormatter } from './format.js';
import { repPipeline } from './pipeline.js';
import { shortPipelineChecks } from './pipeline-verdict.js';
import { decideProgression } from './progression.js';
import { suggestQuestions } from './questions.js';
import { repResults } from './results.js';
import { type OrgSettings, type OrgSettingsInput, OrgSettingsSchema } from './settings.js';

export interface BuildAgendaOptions {
  facts: RepFacts;
  /** The organization's settings; missing fields take the documented defaults. */
  settings?: OrgSettingsInput;
  /** ISO 4217 code of the organization's currency (money facts are in its minor units). */
  currency: string;
  /** BCP 47 locale for money in the reasons, e.g. 'en-US'. */
  locale: string;
  /** IANA time zone of the organization, e.g. 'America/Los_Angeles'. */
  timeZone: string;
  /** 1–12: the first month of the fiscal year. */
  fiscalYearStartMonth: number;
  /** Override of the money formatter (defaults to Intl with `currency` and `locale`). */
  formatMoney?: FormatMoney;
  /** The rep shared their activity detail: shown even when the activity gate would hide it. */
  activityShared?: boolean;
}

/**
 * The agenda of one rep's monthly 1:1, built from facts alone: results of the last complete
 * month (and the month in progress with pace), pipeline, activity, the stage the
 * Accountability Progression reaches and why, suggested questions and the cadence advice.
 */
export function buildAgenda(options: BuildAgendaOptions): Agenda {
  const { facts, currency, locale, timeZone, fiscalYearStartMonth } = options;
  const settings: OrgSettings = OrgSettingsSchema.parse(options.settings ?? {});
  const formatMoney = options.formatMoney ?? moneyFormatter({ currency, locale });
  const results = repResults({
    months: facts.months,
    goals: facts.goals,
    team: facts.team,
    personId: facts.person.id,
    asOf: facts.asOf,
    kind: 'month',
    fiscalYearStartMonth,
    proration: settings.proration,
  });
  const pipeline = repPipeline({ facts, settings, fiscalYearStartMonth });
  const judgeOptions = {
    pipeline,
    teamCreatedMedian: facts.team ? median(facts.team.createdSinceByMember) : null,
    sincePhrase: facts.lastMeeting ? 'since the last 1:1' : `since ${facts.since}`,
    settings,
    formatMoney,
  };
  const progression = decideProgression({ ...judgeOptions, results });
  const activityShown = activityOpen({
    activityGate: settings.activityGate,
    stage: progression.stage,
    shared: options.activityShared === true,
  });
  return {
    schemaVersion: 1,
    person: facts.person,
    team: facts.team ? { id: facts.team.teamId, name: facts.team.teamName } : null,
    asOf: facts.asOf,
    timeZone,
    currency,
    locale,
    fiscalYearStartMonth,
    lastMeeting: facts.lastMeeting,
    since: facts.since,
    progression,
    results: {
      ...results,
      dataQuality: dataQualityNotes({
        wonWithoutAmount: facts.wonWithoutAmount,
        review: results.review.period,
      }),
    },
    pipeline,
    shortPipelineCheck: shortPipelineChecks(judgeOptions).map((phrased) => phrased.check),
    activity: activityShown ? repActivity({ facts, timeZone, settings }) : null,
    activityWithheld: !activityShown,
    questions: suggestQuestions({ progression, results, pipeline, formatMoney }),
    meeting: { cadence: settings.cadence, minutes: settings.meetingMinutes },
    cadence: adviseCadence({
      configured: settings.cadence,
      medianCycleDays: facts.team?.medianCycleDays ?? null,
    }),
    settings,
  };
}
