import { moneyFormatter, ordinal, percent } from '../core/format.js';
import type { Scorecard } from '../core/scorecard.js';
import { escapeHtml, htmlDocument } from './mail-html.js';
import type { MailMessage } from './queue-mail.js';

export interface ScorecardMailOptions {
  orgId: string;
  to: string[];
  scorecard: Scorecard;
  locale: string;
  /** Link to the scorecard in the app, when PUBLIC_URL is known. */
  url: string | null;
}

/**
 * "Publish, post and distribute": the team's scorecard by e-mail. It carries exactly what
 * the published scorecard shows — results, attainment, rank, movement, YTD — and nothing
 * from anyone's pipeline, activity, 1:1 stage or notes.
 */
export function scorecardMail(options: ScorecardMailOptions): MailMessage {
  const { scorecard: card } = options;
  const money = moneyFormatter({ currency: card.currency, locale: options.locale });
  const pct = (ratio: number | null) => (ratio === null ? '—' : percent(ratio));
  const rows = card.rows.map((r) => ({
    rank: r.rank === null ? '—' : ordinal(r.rank),
    name: r.name,
    actual: money(r.actual),
    goal: r.goal === null ? 'no goal' : money(r.goal),
    attainment: pct(r.attainment),
    movement:
      r.movement === null || r.movement === 0
        ? ''
        : r.movement > 0
          ? `up ${r.movement}`
          : `down ${-r.movement}`,
    ytd: pct(r.yearToDate?.attainment ?? null),
  }));
  const subject = `${card.team.name} scorecard — ${card.period.label}`;
  const text = [
    `${subject} (${card.of} ranked)`,
    '',
    ...rows.map(
      (r) =>
        `${r.rank.padEnd(5)} ${r.name} — ${r.actual} of ${r.goal} (${r.attainment})` +
        `${r.movement ? `, ${r.movement}` : ''}; year to date ${r.ytd}`,
    ),
    ...(options.url ? ['', options.url] : []),
  ].join('\n');
  const cell = (value: string, align = 'left') =>
    `<td style="padding:4px 8px;text-align:${align}">${escapeHtml(value)}</td>`;
  const header = ['Rank', 'Name', 'Actual', 'Goal', 'Attainment', 'Movement', 'YTD']
    .map((h) => `<th style="padding:4px 8px;text-align:left">${h}</th>`)
    .join('');
  const body = rows
    .map(
      (r) =>
        `<tr>${cell(r.rank)}${cell(r.name)}${cell(r.actual, 'right')}${cell(r.goal, 'right')}` +
        `${cell(r.attainment, 'right')}${cell(r.movement)}${cell(r.ytd, 'right')}</tr>`,
    )
    .join('');
  const link = options.url ? `<p><a href="${escapeHtml(options.url)}">Open in Rudder</a></p>` : '';
  const html = htmlDocument(
    subject,
    `<h2>${escapeHtml(subject)}</h2><table style="border-collapse:collapse">` +
      `<thead><tr>${header}</tr></thead><tbody>${body}</tbody></table>${link}`,
  );
  return { orgId: options.orgId, to: options.to, subject, text, html };
}
