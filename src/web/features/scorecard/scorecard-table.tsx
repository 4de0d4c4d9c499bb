import type { Scorecard } from '../../api/types.js';
import { useSession } from '../../app/session.js';
import { Chart } from '../../components/chart.js';
import { useFormat } from '../../components/format.js';
import { Movement, ordinal } from '../../components/stat.js';
import { Empty } from '../../components/states.js';
import { TableScroll } from '../../components/table-scroll.js';
import { todayIn } from '../../components/today.js';

/** "March 2026", or "March 2026 so far" while the month is still running: partial figures. */
export function usePeriodTitle(period: Scorecard['period']): string {
  const { org } = useSession();
  const today = todayIn(org.timeZone);
  return today >= period.start && today < period.end ? `${period.label} so far` : period.label;
}

/**
 * The publishable scorecard: rank, name, attainment and movement first (what a phone shows
 * without scrolling), then bookings, goal, year to date and trend.
 * Its type (ScorecardSchema, strict) cannot carry pipeline, activity, stage or notes.
 */
export function ScorecardTable({
  scorecard,
  large = false,
}: {
  scorecard: Scorecard;
  large?: boolean;
}) {
  const f = useFormat();
  const title = usePeriodTitle(scorecard.period);
  // The organization-wide ranking carries no trend (by design): no empty column then.
  const withTrend = scorecard.rows.some((r) => r.trend.length > 1);
  if (scorecard.rows.length === 0)
    return (
      <Empty
        title={`Nobody is ranked for ${scorecard.period.label}.`}
        next="Ranks need goals and results for the month: import them under Imports."
      />
    );
  return (
    <TableScroll label={`Scorecard, ${title}`}>
      <table className={large ? 'data scorecard large' : 'data scorecard'}>
        <caption>
          {scorecard.team.name} · {title} · {scorecard.of} ranked
        </caption>
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Name</th>
            <th scope="col" className="num">
              Attainment
            </th>
            <th scope="col">Movement</th>
            <th scope="col" className="num">
              Bookings
            </th>
            <th scope="col" className="num">
              Goal
            </th>
            <th scope="col" className="num">
              Year to date
            </th>
            {withTrend ? (
              <th scope="col" className="trend-col">
                Trend
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {scorecard.rows.map((row) => (
            <tr key={row.personId}>
              <td>{ordinal(row.rank)}</td>
              <th scope="row">{row.name}</th>
              <td className="num">{f.percent(row.attainment)}</td>
              <td className="nowrap">
                <Movement movement={row.movement} />
              </td>
              <td className="num">{f.money(row.actual)}</td>
              <td className="num">{f.money(row.goal)}</td>
              <td className="num">{f.percent(row.yearToDate?.attainment)}</td>
              {withTrend ? (
                <td className="trend-col">
                  <Sparkline
                    values={row.trend.map((p) => p.attainment)}
                    label={`${row.name}'s attainment, ${row.trend.map((p) => `${p.label} ${f.percent(p.attainment)}`).join(', ')}`}
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** A tiny inline SVG trend: no chart library needed for a sparkline. */
function Sparkline({ values, label }: { values: ReadonlyArray<number | null>; label: string }) {
  const points = values.map((v) => v ?? 0);
  const max = Math.max(1.2, ...points);
  const w = 96;
  const h = 24;
  const step = points.length > 1 ? w / (points.length - 1) : w;
  const path = points
    .map((v, i) => `${(i * step).toFixed(1)},${(h - (v / max) * h).toFixed(1)}`)
    .join(' ');
  const goalY = (h - (1 / max) * h).toFixed(1);
  return (
    <svg width={w} height={h} role="img" aria-label={label} className="sparkline">
      <line x1="0" x2={w} y1={goalY} y2={goalY} className="spark-goal" />
      <polyline points={path} className="spark-line" />
    </svg>
  );
}

export function AttainmentChart({ scorecard }: { scorecard: Scorecard }) {
  const f = useFormat();
  return (
    <figure className="scorecard-chart">
      <figcaption>Attainment by rep, against the goal</figcaption>
      <Chart
        spec={{
          kind: 'attainment',
          points: scorecard.rows.map((r) => ({
            label: r.name.split(' ')[0] ?? r.name,
            attainment: r.attainment,
          })),
        }}
        label={`Attainment by rep: ${scorecard.rows.map((r) => `${r.name} ${f.percent(r.attainment)}`).join(', ')}`}
        formatValue={f.percent}
      />
    </figure>
  );
}
