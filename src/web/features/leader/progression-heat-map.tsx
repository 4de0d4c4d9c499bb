import type { Meeting } from '../../api/pending-shapes.js';
import type { TeamView } from '../../api/types.js';
import { useFormat } from '../../components/format.js';
import { activityRun, stagesByRep } from './leader-figures.js';

const letter = { results: 'R', pipeline: 'P', activity: 'A' } as const;

/** Rep × month → the stage the 1:1 reached; reps at activity several months running flagged. */
export function ProgressionHeatMap({
  teams,
  meetings,
  months,
}: {
  teams: readonly TeamView[];
  meetings: readonly Meeting[];
  months: readonly string[];
}) {
  const f = useFormat();
  const stages = stagesByRep(meetings);
  const reps = teams.flatMap((t) =>
    t.members.filter((m) => m.personId !== t.managerId).map((m) => ({ ...m, team: t.name })),
  );
  const stuck = reps.filter((r) => activityRun(stages.get(r.personId), months) >= 2);
  return (
    <section aria-labelledby="heat-title">
      <h2 id="heat-title">Progression history</h2>
      {stuck.length > 0 ? (
        <p className="banner warn">
          At the activity stage several months running:{' '}
          {stuck
            .map((r) => `${r.name} (${activityRun(stages.get(r.personId), months)} months)`)
            .join(', ')}
        </p>
      ) : (
        <p className="muted">No rep has stayed at the activity stage two months running.</p>
      )}
      <div className="table-scroll">
        <table className="heat-map">
          <caption>Stage reached in each month's 1:1 (R results, P pipeline, A activity)</caption>
          <thead>
            <tr>
              <th scope="col">Rep</th>
              {months.map((m) => (
                <th key={m} scope="col">
                  {f.month(m)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {reps.map((rep) => (
              <tr key={rep.personId}>
                <th scope="row">
                  {rep.name} <span className="muted">{rep.team}</span>
                </th>
                {months.map((m) => {
                  const stage = stages.get(rep.personId)?.get(m);
                  return (
                    <td key={m} className={stage ? `heat heat-${stage}` : 'heat heat-none'}>
                      {stage ? letter[stage] : '·'}
                      <span className="visually-hidden">{stage ?? 'no 1:1 held'}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
