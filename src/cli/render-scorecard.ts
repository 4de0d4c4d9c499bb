import { moneyFormatter, ordinal, percent } from '../core/format.js';
import type { Scorecard } from '../core/scorecard.js';
import { plainStyle, type Style } from './render-agenda.js';

const locale = 'en-US';

/** The published scorecard as a terminal table: rank, results, attainment, movement, YTD. */
export function renderScorecard(card: Scorecard, style: Style = plainStyle): string {
  const money = moneyFormatter({ currency: card.currency, locale });
  const pct = (ratio: number | null) => (ratio === null ? '—' : percent(ratio));
  const header = ['Rank', 'Name', 'Actual', 'Goal', 'Attain.', 'Move', 'YTD', 'YTD %', 'Trend'];
  const rows = card.rows.map((r) => [
    r.rank === null ? '—' : ordinal(r.rank),
    r.name,
    money(r.actual),
    r.goal === null ? 'no goal' : money(r.goal),
    pct(r.attainment),
    r.movement === null
      ? ''
      : r.movement > 0
        ? `▲${r.movement}`
        : r.movement < 0
          ? `▼${-r.movement}`
          : '=',
    r.yearToDate ? money(r.yearToDate.actual) : '—',
    pct(r.yearToDate?.attainment ?? null),
    r.trend.map((t) => pct(t.attainment)).join(' '),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const right = new Set([2, 3, 4, 6, 7]);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ');
  return [
    style.bold(`${card.team.name} — ${card.period.label} scorecard (${card.of} ranked)`),
    style.dim(line(header)),
    ...rows.map(line),
    '',
  ].join('\n');
}
