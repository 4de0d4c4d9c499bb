import type { Agenda } from '../../api/types.js';
import { Chart } from '../../components/chart.js';
import { useFormat } from '../../components/format.js';
import { Stat } from '../../components/stat.js';
import { CheckList } from './check-list.js';
import { CloseMonthChart } from './close-month-chart.js';
import { DealTable } from './deal-table.js';
import { movementSteps } from './movement-steps.js';
import { StageHeading } from './stage-heading.js';

/**
 * What coverage divides, in the agenda's own figures, so the multiple can be checked at a
 * glance: "$768,000 closing Dec–Feb ÷ $202,100 left to goal".
 */
function CoverageParts({ coverage }: { coverage: Agenda['pipeline']['coverage'] }) {
  const f = useFormat();
  const months = coverage.horizon.months;
  const first = months[0];
  const last = months[months.length - 1];
  const span =
    first && last
      ? first === last
        ? f.monthShort(first)
        : `${f.monthShort(first)}–${f.monthShort(last)}`
      : '';
  const open = `${f.money(coverage.open.value)} closing ${span}`;
  const parts =
    coverage.status === 'measured'
      ? `${open} ÷ ${f.money(coverage.remainingGoal)} left to goal`
      : coverage.status === 'goal-met'
        ? `${open}; the goal of ${span} is already met`
        : `${open}; no goal set for ${span}`;
  return (
    <>
      {parts} · weighted {f.times(coverage.weighted)} · target {f.times(coverage.target)}
    </>
  );
}

/** Pipeline health: coverage, shape, movement since the last 1:1, the largest deals. */
export function PipelineSection({ agenda }: { agenda: Agenda }) {
  const f = useFormat();
  const { coverage, shape, movement, cycle, topDeals } = agenda.pipeline;
  return (
    <div className="section-body">
      <dl className="stats">
        <Stat
          label="Coverage"
          value={f.times(coverage.raw)}
          hint={<CoverageParts coverage={coverage} />}
        />
        <Stat
          label="Open pipeline"
          value={f.money(shape.open.value)}
          hint={`${shape.open.count} deals`}
        />
        <Stat label="Win rate" value={f.percent(cycle.winRate)} />
        {/* Won against won, over the same 12 months; the open average is a different thing. */}
        <Stat
          label="Average won deal"
          value={f.money(shape.averageWonDealSize)}
          hint={`team ${f.money(shape.teamAverageDealSize)} · open ${f.money(shape.averageDealSize)}`}
        />
      </dl>
      <CheckList checks={agenda.progression.pipelineVerdict.checks} caption="Pipeline checks" />
      <div className="chart-grid">
        <figure>
          <figcaption>Coverage against its target</figcaption>
          <Chart
            spec={{
              kind: 'coverage',
              raw: coverage.raw,
              weighted: coverage.weighted,
              target: coverage.target,
            }}
            label={`Coverage ${f.times(coverage.raw)} raw, ${f.times(coverage.weighted)} weighted, target ${f.times(coverage.target)}`}
            formatValue={f.times}
            height={140}
          />
        </figure>
        <figure>
          <figcaption>Open pipeline by stage</figcaption>
          <Chart
            spec={{
              kind: 'bars',
              horizontal: true,
              bars: shape.byStage.map((s) => ({ label: s.name, value: s.value })),
            }}
            label={`Open pipeline by stage: ${shape.byStage.map((s) => `${s.name} ${f.money(s.value)}`).join(', ')}`}
            formatValue={f.money}
            formatAxis={f.moneyShort}
          />
        </figure>
        <figure>
          <figcaption>Open pipeline by close month</figcaption>
          <CloseMonthChart agenda={agenda} />
        </figure>
        <figure>
          <figcaption>Movement since {f.day(movement.since)}</figcaption>
          <Chart
            spec={{ kind: 'waterfall', steps: movementSteps(agenda) }}
            label={`Since ${movement.since}: created ${f.money(movement.created.value)}, won ${f.money(movement.won.value)}, lost ${f.money(movement.lost.value)}`}
            formatValue={f.money}
            formatAxis={f.moneyShort}
          />
        </figure>
      </div>
      <StageHeading>Movement since the last 1:1</StageHeading>
      <ul className="chips">
        {(['created', 'advanced', 'slipped', 'stalled', 'won', 'lost'] as const).map((k) => (
          <li key={k}>
            <strong>{movement[k].count}</strong> {k}{' '}
            <span className="muted">{f.money(movement[k].value)}</span>
          </li>
        ))}
      </ul>
      <DealTable deals={topDeals} personId={agenda.person.id} />
    </div>
  );
}
