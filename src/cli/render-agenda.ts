import type { Agenda, Check, MoneyCount, PeriodResult } from '../core/agenda-schema.js';
import { addDays } from '../core/days.js';
import { moneyFormatter, ordinal, percent, times } from '../core/format.js';

/** Minimal styling for a terminal; plain text when the output is not one. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  good(text: string): string;
  bad(text: string): string;
}

const ansi = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
export const terminalStyle: Style = { bold: ansi(1), dim: ansi(2), good: ansi(32), bad: ansi(31) };
export const plainStyle: Style = { bold: (t) => t, dim: (t) => t, good: (t) => t, bad: (t) => t };

const stageTitle = {
  results: 'RESULTS REVIEW',
  pipeline: 'PIPELINE REVIEW',
  activity: 'ACTIVITY REVIEW',
};

function checkLine(check: Check, style: Style): string {
  const mark = check.passed ? style.good('✓') : style.bad('✗');
  return `  ${mark} ${check.label.padEnd(26)} ${check.detail}`;
}

/** The agenda as a terminal page: the stage and why first, then the numbers, then questions. */
export function renderAgenda(agenda: Agenda, style: Style = plainStyle): string {
  const money = moneyFormatter({ currency: agenda.currency, locale: agenda.locale });
  const pct = (ratio: number | null) => (ratio === null ? '—' : percent(ratio));
  const mc = (m: MoneyCount) => `${m.count} (${money(m.value)})`;
  const { results, pipeline, progression } = agenda;
  const out: string[] = [];
  const since = agenda.lastMeeting
    ? `last 1:1 on ${agenda.lastMeeting.day}`
    : `no 1:1 held yet; movement since ${agenda.since}`;
  out.push(
    style.bold(`1:1 agenda — ${agenda.person.name}${agenda.team ? ` (${agenda.team.name})` : ''}`),
    style.dim(`as of ${agenda.asOf} · ${since} · ${agenda.meeting.minutes} minutes`),
    '',
    `Stage reached: ${style.bold(stageTitle[progression.stage])}`,
    ...progression.reasons.map((r) => `  • ${r}`),
    '',
  );

  const result = (label: string, r: PeriodResult) => {
    const goal = r.goal
      ? `of ${money(r.goal.target)} goal${r.goal.status === 'agreed' ? '' : ` (${r.goal.status.toUpperCase()}, not agreed)`}`
      : 'no goal';
    const pace =
      r.inProgress && r.pace !== null
        ? ` · pace ${pct(r.pace)} of prorated ${money(r.proratedGoal ?? 0)}`
        : '';
    return `  ${label.padEnd(22)} ${money(r.actual)} ${goal} · ${pct(r.attainment)}${pace}`;
  };
  const ytd = results.yearToDate;
  const ytdGoal = ytd.goal === null ? 'no goal' : `of ${money(ytd.goal)} goal to date`;
  const ytdLine = `  ${`Year to date ${ytd.period.key}`.padEnd(22)} ${money(ytd.actual)} ${ytdGoal} · ${pct(ytd.attainment)}`;
  const rank = results.ranking;
  const rankText =
    rank.rank === null
      ? 'not ranked (no goal)'
      : `${ordinal(rank.rank)} of ${rank.of}${rank.previousRank === null ? '' : ` (was ${ordinal(rank.previousRank)})`}`;
  out.push(
    style.bold(`Results — ${results.review.period.label}`),
    result(results.review.period.label, results.review),
    result(`${results.current.period.label} so far`, results.current),
    ytdLine,
    `  ${'Rank in team'.padEnd(22)} ${rankText}`,
    `  ${'Trend (attainment)'.padEnd(22)} ${results.trend.map((t) => pct(t.attainment)).join(' ')}`,
    ...progression.resultsVerdict.checks.map((c) => checkLine(c, style)),
    ...(results.dataQuality ?? []).map((note) => `  Data: ${note.text}`),
    '',
  );

  const cov = pipeline.coverage;
  const coverageText =
    cov.status === 'measured'
      ? `${times(cov.raw ?? 0)} raw, ${times(cov.weighted ?? 0)} weighted (target ${times(cov.target)}): ${money(cov.open.value)} open closing by ${addDays(cov.horizon.end, -1)} vs ${money(cov.remainingGoal ?? 0)} still to win`
      : cov.status === 'goal-met'
        ? 'goal for the horizon already met'
        : 'no goal for the horizon';
  if (progression.stage === 'results') {
    out.push(style.bold('Short pipeline check — will the momentum continue?'));
    out.push(`  Coverage ${coverageText}`);
    out.push(...agenda.shortPipelineCheck.map((c) => checkLine(c, style)), '');
  } else {
    const m = pipeline.movement;
    out.push(
      style.bold('Pipeline'),
      `  Coverage   ${coverageText}`,
      `  By stage   ${pipeline.shape.byStage.map((s) => `${s.name} ${s.count}`).join(' · ')}`,
      `  Deal size  won ${pipeline.shape.averageWonDealSize === null ? '—' : money(pipeline.shape.averageWonDealSize)} (team ${pipeline.shape.teamAverageDealSize === null ? '—' : money(pipeline.shape.teamAverageDealSize)}), open ${pipeline.shape.averageDealSize === null ? '—' : money(pipeline.shape.averageDealSize)}`,
      `  Since ${m.since}: created ${mc(m.created)}, advanced ${mc(m.advanced)}, regressed ${mc(m.regressed)}, slipped ${mc(m.slipped)}, pulled in ${mc(m.pulledIn)}, stalled ${mc(m.stalled)}, won ${mc(m.won)}, lost ${mc(m.lost)}`,
      `  Cycle      win rate ${pct(pipeline.cycle.winRate)} · ${pipeline.cycle.averageCycleDays === null ? '—' : `${Math.round(pipeline.cycle.averageCycleDays)} days`} average · velocity ${pipeline.cycle.velocityPerDay === null ? '—' : `${money(pipeline.cycle.velocityPerDay)}/day`}`,
      ...pipeline.topDeals.map(
        (d) =>
          `    ${d.name.slice(0, 34).padEnd(34)} ${d.stage.padEnd(14)} ${money(d.amount).padStart(10)}  ${d.closeDate ?? 'no close date'}  ${d.flags.join(', ')}`,
      ),
      ...progression.pipelineVerdict.checks.map((c) => checkLine(c, style)),
      '',
    );
  }

  if (agenda.activity && progression.stage === 'activity') {
    out.push(style.bold(`Activity since ${agenda.activity.since}`));
    for (const k of agenda.activity.kinds) {
      const target =
        k.current.goal === null ? '' : ` · this month ${k.current.count} of ${k.current.goal}`;
      out.push(
        `  ${k.kind.padEnd(10)} ${String(k.since).padStart(4)} (team median ${k.teamMedian ?? '—'})${target}`,
      );
    }
    const cal = agenda.activity.calendarAhead;
    out.push(
      `  Calendar ${cal.from} → ${cal.until}: ${cal.items.length === 0 ? 'nothing scheduled' : ''}`,
    );
    for (const item of cal.items)
      out.push(
        `    ${item.day} ${item.kind.padEnd(8)} ${item.subject ?? item.opportunityName ?? ''}`,
      );
    out.push('');
  } else if (agenda.activityWithheld) {
    out.push(
      style.dim('Activity detail withheld: the progression did not reach the activity stage.'),
      '',
    );
  }

  out.push(style.bold('Questions'), ...agenda.questions.map((q) => `  [${q.stage}] ${q.text}`), '');
  const c = agenda.cadence;
  out.push(
    style.dim(
      `Cadence: ${c.configured} (recommended ${c.recommended}${c.medianCycleDays === null ? '' : `; team median cycle ${Math.round(c.medianCycleDays)} days`})`,
    ),
  );
  if (c.warning) out.push(style.bad(`  ${c.warning}`));
  return `${out.join('\n')}\n`;
}
