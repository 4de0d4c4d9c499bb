import { useActivityStreaks, useHeatmap } from '../../api/queries.js';
import { useFormat } from '../../components/format.js';
import { QueryView } from '../../components/states.js';

const letter = { results: 'R', pipeline: 'P', activity: 'A' } as const;

/** Rep × month → the stage the 1:1 reached; reps at activity several months running flagged. */
export function ProgressionHeatMap({ toMonth }: { toMonth: string }) {
  const f = useFormat();
  const heatmap = useHeatmap(toMonth);
  const streaks = useActivityStreaks(toMonth);
  return (
    <section aria-labelledby="heat-title">
      <h2 id="heat-title">Progression history</h2>
      <QueryView query={streaks} what="the activity streaks">
        {({ items }) =>
          items.length > 0 ? (
            <p className="banner warn">
              At the activity stage several months running:{' '}
              {items
                .map((r) => `${r.repName} (${r.periods} months since ${f.month(r.sinceMonth)})`)
                .join(', ')}
            </p>
          ) : (
            <p className="muted">No rep has stayed at the activity stage two months running.</p>
          )
        }
      </QueryView>
      <QueryView query={heatmap} what="the progression history">
        {(h) => (
          <div className="table-scroll">
            <table className="heat-map">
              <caption>
                Stage reached in each month's 1:1 (R results, P pipeline, A activity, · none held)
              </caption>
              <thead>
                <tr>
                  <th scope="col">Rep</th>
                  {h.months.map((m) => (
                    <th key={m} scope="col">
                      {f.month(m)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {h.rows.map((row) => (
                  <tr key={row.repId}>
                    <th scope="row">{row.repName}</th>
                    {row.stages.map((stage, i) => (
                      <td
                        key={h.months[i]}
                        className={stage ? `heat heat-${stage}` : 'heat heat-none'}
                      >
                        <span aria-hidden="true">{stage ? letter[stage] : '·'}</span>
                        <span className="visually-hidden">{stage ?? 'no 1:1 held'}</span>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </section>
  );
}
