import { useCompliance, useFollowThrough } from '../../api/queries.js';
import type { FollowThrough } from '../../api/types.js';
import { useSession } from '../../app/session.js';
import { useFormat } from '../../components/format.js';
import { Empty, QueryView } from '../../components/states.js';
import { reviewMonths } from '../../components/today.js';
import { OrganizationRanking } from '../scorecard/scorecard-page.js';
import { ProgressionHeatMap } from './progression-heat-map.js';

/** A leader's view: are the 1:1s held, who keeps their commitments, who is stuck at activity. */
export default function LeaderHome() {
  const { org } = useSession();
  const f = useFormat();
  const months = reviewMonths(org.timeZone);
  const compliance = useCompliance(months.current);
  const followThrough = useFollowThrough(months.current);
  return (
    <section className="page" aria-labelledby="home-title">
      <h1 id="home-title">The organization this month</h1>
      <QueryView query={compliance} what="1:1 compliance">
        {(c) =>
          c.managers.length === 0 ? (
            <Empty
              title="No manager reports to you yet."
              next="Ask your admin to set you as the leader of teams."
            />
          ) : (
            <div className="table-scroll">
              <table className="data">
                <caption>1:1 compliance per manager, {f.month(months.current)} so far</caption>
                <thead>
                  <tr>
                    <th scope="col">Manager</th>
                    <th scope="col" className="num">
                      Reps met
                    </th>
                    <th scope="col" className="num">
                      Compliance
                    </th>
                    <th scope="col" className="num">
                      Overdue reps
                    </th>
                    <th scope="col" className="num">
                      Missed 1:1s
                    </th>
                    <th scope="col" className="num">
                      Minutes (planned)
                    </th>
                    <th scope="col" className="num">
                      Own commitments kept
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {c.managers.map((m) => (
                    <tr key={m.managerId}>
                      <th scope="row">{m.managerName}</th>
                      <td className="num">
                        {m.repsWithHeld} of {m.reps}
                      </td>
                      <td className="num">{f.percent(m.share)}</td>
                      <td className="num">{m.overdueReps}</td>
                      <td className="num">{m.missedMeetings}</td>
                      <td className="num">
                        {m.heldMeetings === 0
                          ? '—'
                          : `${f.number(m.actualMinutes)} (${f.number(m.plannedMinutes)})`}
                      </td>
                      <td className="num">
                        <KeptRate rates={followThrough.data} personId={m.managerId} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
      <ProgressionHeatMap toMonth={months.current} />
      <OrganizationRanking period={months.review} />
    </section>
  );
}

function KeptRate({ rates, personId }: { rates: FollowThrough | undefined; personId: string }) {
  const f = useFormat();
  const row = rates?.managers.find((m) => m.personId === personId);
  if (!row || row.reviewed === 0) return <span className="muted">none reviewed yet</span>;
  return (
    <>
      {f.percent(row.rate)}{' '}
      <span className="muted">
        ({row.kept} of {row.reviewed})
      </span>
    </>
  );
}
