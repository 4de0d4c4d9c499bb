import type { Agenda, CloseMonthBucket } from '../../api/types.js';
import { Chart } from '../../components/chart.js';
import type { CloseMonthBar } from '../../components/charts/chart-spec.js';
import { type Formatters, useFormat } from '../../components/format.js';
import { unreachable } from '../../components/unreachable.js';

/**
 * Every open deal by close month, open and weighted, with the coverage horizon shaded: when
 * the pipeline is expected to land. Past-due, later and undated deals show only when there are
 * some (the pipeline checks count the past-due ones either way).
 */
export function CloseMonthChart({ agenda }: { agenda: Agenda }) {
  const f = useFormat();
  const { byCloseMonth, coverage } = agenda.pipeline;
  if (byCloseMonth === undefined)
    return (
      <p className="muted chart-note">
        Not in this agenda: it was frozen before Rudder kept the pipeline by close month.
      </p>
    );
  if (byCloseMonth.every((b) => b.count === 0))
    return <p className="muted chart-note">No open deal: nothing is expected to close.</p>;
  const bars = closeMonthBars({ buckets: byCloseMonth, horizon: coverage.horizon.months, f });
  return (
    <>
      <ul className="chart-legend" aria-hidden="true">
        <li>
          <span className="swatch open" /> open
        </li>
        <li>
          <span className="swatch weighted" /> weighted by probability
        </li>
        {bars.some((b) => b.tone === 'past-due') ? (
          <li>
            <span className="swatch past-due" /> past due
          </li>
        ) : null}
        <li>
          <span className="swatch horizon" /> coverage horizon
        </li>
      </ul>
      <Chart
        spec={{ kind: 'close-months', bars }}
        label={`Open pipeline by close month: ${bars
          .map(
            (b) =>
              `${b.label.replace('\n', ' ')} ${f.money(b.value)} (weighted ${f.money(b.weighted)})`,
          )
          .join(', ')}`}
        formatValue={f.money}
        formatAxis={f.moneyShort}
      />
    </>
  );
}

/** The buckets as bars: months named short, the year under the first month and each January. */
export function closeMonthBars(options: {
  buckets: readonly CloseMonthBucket[];
  horizon: readonly string[];
  f: Formatters;
}): CloseMonthBar[] {
  const { buckets, horizon, f } = options;
  let previousYear = '';
  const bars: CloseMonthBar[] = [];
  for (const b of buckets) {
    const bar = { value: b.value, weighted: b.weightedValue };
    switch (b.kind) {
      case 'past-due':
        if (b.count > 0) bars.push({ ...bar, label: 'Past due', tone: 'past-due' });
        break;
      case 'month': {
        const month = b.month ?? '';
        const year = month.slice(0, 4);
        const label =
          year === previousYear ? f.monthShort(month) : `${f.monthShort(month)}\n${year}`;
        previousYear = year;
        bars.push({ ...bar, label, tone: horizon.includes(month) ? 'horizon' : 'other' });
        break;
      }
      case 'later':
        if (b.count > 0) bars.push({ ...bar, label: 'Later', tone: 'other' });
        break;
      case 'no-close-date':
        if (b.count > 0) bars.push({ ...bar, label: 'No date', tone: 'other' });
        break;
      default:
        unreachable(b.kind);
    }
  }
  return bars;
}
