import type { Agenda, PeriodResult } from '../../api/types.js';
import { Chart } from '../../components/chart.js';
import { useFormat } from '../../components/format.js';
import { Movement, ordinal, Stat } from '../../components/stat.js';
import { CheckList } from './check-list.js';
import { StageHeading } from './stage-heading.js';

function GoalNote({ result }: { result: PeriodResult }) {
  if (result.goalStatus === 'agreed') return null;
  const words = {
    proposed: 'Goal proposed, not agreed yet: not held against the rep.',
    rejected: 'Goal rejected: agree a goal before holding anyone to it.',
    missing: 'No goal for this period: agree one.',
  } as const;
  return <p className="goal-note">{words[result.goalStatus]}</p>;
}

/** Results: the review period and year to date against the goal, the pace, the rank. */
export function ResultsSection({ agenda }: { agenda: Agenda }) {
  const f = useFormat();
  const { review, current, yearToDate, ranking, trend } = agenda.results;
  return (
    <div className="section-body">
      <dl className="stats">
        <Stat
          label={`${review.period.label} bookings`}
          value={f.money(review.actual)}
          hint={`goal ${f.money(review.goal?.target)}`}
        />
        <Stat label="Attainment" value={f.percent(review.attainment)} />
        <Stat
          label="Year to date"
          value={f.percent(yearToDate.attainment)}
          hint={`${f.money(yearToDate.actual)} of ${f.money(yearToDate.goal)}`}
        />
        <Stat
          label="Rank in team"
          value={ordinal(ranking.rank, ranking.of)}
          hint={<Movement movement={ranking.movement} />}
        />
        <Stat
          label={`${current.period.label} so far`}
          value={f.money(current.actual)}
          hint={`pace ${f.percent(current.pace)} of prorated goal`}
        />
      </dl>
      <GoalNote result={review} />
      {(agenda.results.dataQuality ?? []).map((note) => (
        <p key={note.kind} className="goal-note" role="note">
          Data: {note.text}.
        </p>
      ))}
      <CheckList checks={agenda.progression.resultsVerdict.checks} caption="Results checks" />
      <StageHeading>Attainment, last {trend.length} periods</StageHeading>
      <Chart
        spec={{
          kind: 'attainment',
          points: trend.map((p) => ({ label: p.label, attainment: p.attainment })),
        }}
        label={`Attainment over ${trend.length} periods: ${trend
          .map((p) => `${p.label} ${f.percent(p.attainment)}`)
          .join(', ')}`}
        formatValue={f.percent}
      />
    </div>
  );
}
