import type { Agenda, Stage } from '../core/agenda-schema.js';
import { moneyFormatter, ordinal, percent, times } from '../core/format.js';
import { escapeHtml, formatWhen, htmlDocument, htmlList } from './mail-html.js';
import type { MailMessage } from './queue-mail.js';

export interface MeetingReminder {
  orgId: string;
  to: string[];
  repName: string;
  managerName: string;
  scheduledAt: string;
  durationMinutes: number;
  timeZone: string;
  agenda: Agenda;
  meetingUrl: string | null;
}

const stageWords: Record<Stage, string> = {
  results: 'results review',
  pipeline: 'pipeline review',
  activity: 'activity review',
};

/** The key numbers of the prep, as label/value pairs: the same for both parts. */
export function keyNumbers(agenda: Agenda): Array<[string, string]> {
  const money = moneyFormatter(agenda);
  const review = agenda.results.review;
  const rows: Array<[string, string]> = [];
  rows.push([
    `Results ${review.period.label}`,
    `${money(review.actual)}${review.goal ? ` of ${money(review.goal.target)}${review.goalStatus === 'agreed' ? '' : ` (goal ${review.goalStatus})`}` : ' (no goal)'}${review.attainment !== null ? ` = ${percent(review.attainment)}` : ''}`,
  ]);
  const rank = agenda.results.ranking;
  if (rank.rank !== null) rows.push(['Rank in team', `${ordinal(rank.rank)} of ${rank.of}`]);
  const coverage = agenda.pipeline.coverage;
  if (coverage.raw !== null) {
    rows.push(['Pipeline coverage', `${times(coverage.raw)} (target ${times(coverage.target)})`]);
  }
  const created = agenda.pipeline.movement.created;
  rows.push([`Opportunities created since ${agenda.since}`, String(created.count)]);
  return rows;
}

/**
 * The reminder before a 1:1, to the manager and the rep alike: when, the stage the
 * progression reaches and why, the key numbers. Nothing in it is private: the rep sees
 * their own agenda before the meeting (no surprises).
 */
export function meetingReminderMail(r: MeetingReminder): MailMessage {
  const when = formatWhen(r.scheduledAt, { locale: r.agenda.locale, timeZone: r.timeZone });
  const stage = stageWords[r.agenda.progression.stage];
  const numbers = keyNumbers(r.agenda);
  const subject = `1:1 ${r.repName} / ${r.managerName}: ${when} (${stage})`;
  const text = [
    `Your 1:1 ${r.repName} / ${r.managerName} is on ${when} (${r.durationMinutes} minutes).`,
    '',
    `The progression reaches the ${stage}:`,
    ...r.agenda.progression.reasons.map((reason) => `- ${reason}`),
    '',
    'Key numbers:',
    ...numbers.map(([label, value]) => `- ${label}: ${value}`),
    ...(r.meetingUrl ? ['', `Prepare: ${r.meetingUrl}`] : []),
    '',
  ].join('\n');
  const html = htmlDocument(
    subject,
    [
      `<h1 style="font-size:20px">1:1 ${escapeHtml(r.repName)} / ${escapeHtml(r.managerName)}</h1>`,
      `<p>${escapeHtml(when)} (${r.durationMinutes} minutes)</p>`,
      `<h2 style="font-size:16px">The progression reaches the ${escapeHtml(stage)}</h2>`,
      htmlList(r.agenda.progression.reasons.map(escapeHtml)),
      '<h2 style="font-size:16px">Key numbers</h2>',
      `<table>${numbers.map(([label, value]) => `<tr><td>${escapeHtml(label)}</td><td><strong>${escapeHtml(value)}</strong></td></tr>`).join('')}</table>`,
      r.meetingUrl ? `<p><a href="${escapeHtml(r.meetingUrl)}">Prepare in Rudder</a></p>` : '',
    ].join('\n'),
  );
  return { orgId: r.orgId, to: r.to, subject, text, html };
}
