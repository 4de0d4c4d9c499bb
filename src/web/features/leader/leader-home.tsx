import { useCommitments, useMeetings, usePeople, useTeams } from '../../api/queries.js';
import { useSession } from '../../app/session.js';
import { useFormat } from '../../components/format.js';
import { Empty, QueryView } from '../../components/states.js';
import { monthOf, todayIn } from '../../components/today.js';
import { OrganizationRanking } from '../scorecard/scorecard-page.js';
import { complianceOf, followThroughOf, monthsBack } from './leader-figures.js';
import { ProgressionHeatMap } from './progression-heat-map.js';

/** A leader's view: are the 1:1s held, who ranks where, who is stuck at activity. */
export default function LeaderHome() {
  const { org } = useSession();
  const f = useFormat();
  const today = todayIn(org.timeZone);
  const months = monthsBack(today, 6);
  const teams = useTeams();
  const meetings = useMeetings({});
  const commitments = useCommitments({});
  const people = usePeople();
  const nameOf = (id: string) => people.data?.items.find((p) => p.id === id)?.name ?? 'No manager';
  return (
    <section className="page" aria-labelledby="home-title">
      <h1 id="home-title">The organization this month</h1>
      <QueryView query={teams} what="teams">
        {(t) =>
          t.items.length === 0 ? (
            <Empty
              title="No team reports to you yet."
              next="Ask your admin to set you as the leader of teams."
            />
          ) : (
            <QueryView query={meetings} what="1:1s">
              {(m) => {
                const rows = complianceOf({
                  teams: t.items,
                  meetings: m.items,
                  month: monthOf(today),
                  now: new Date(),
                  nameOf,
                });
                const follow = followThroughOf(commitments.data?.items ?? []);
                return (
                  <>
                    <table className="data">
                      <caption>1:1 compliance per manager, {f.month(today)}</caption>
                      <thead>
                        <tr>
                          <th scope="col">Manager</th>
                          <th scope="col">Team</th>
                          <th scope="col" className="num">
                            Reps
                          </th>
                          <th scope="col" className="num">
                            Held
                          </th>
                          <th scope="col" className="num">
                            Compliance
                          </th>
                          <th scope="col" className="num">
                            Overdue
                          </th>
                          <th scope="col" className="num">
                            Minutes
                          </th>
                          <th scope="col" className="num">
                            Commitments kept
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {rows.map((r) => (
                          <tr key={r.teamId}>
                            <th scope="row">{r.managerName}</th>
                            <td>{r.teamName}</td>
                            <td className="num">{r.reps}</td>
                            <td className="num">{r.held}</td>
                            <td className="num">{f.percent(r.reps ? r.held / r.reps : null)}</td>
                            <td className="num">{r.overdue}</td>
                            <td className="num">{r.minutes}</td>
                            <td className="num">{f.percent(follow.get(r.managerId) ?? null)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    <ProgressionHeatMap teams={t.items} meetings={m.items} months={months} />
                  </>
                );
              }}
            </QueryView>
          )
        }
      </QueryView>
      <OrganizationRanking />
    </section>
  );
}
