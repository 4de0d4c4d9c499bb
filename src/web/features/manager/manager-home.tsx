import { Link } from 'react-router';
import {
  useCommitments,
  useMeetings,
  useMeetingsDue,
  useScorecard,
  useTeams,
} from '../../api/queries.js';
import type { TeamView } from '../../api/types.js';
import { useSession } from '../../app/session.js';
import { useFormat } from '../../components/format.js';
import { Empty, QueryView } from '../../components/states.js';
import { reviewMonths } from '../../components/today.js';
import { PrepQueue } from './prep-queue.js';
import { type RepMeetingState, rowsOf, stateWords } from './team-rows.js';
import { TeamTable } from './team-table.js';

/** A manager's month: who is due a 1:1, the team at a glance, what to do next. */
export default function ManagerHome() {
  const { person } = useSession();
  const teams = useTeams();
  return (
    <section className="page" aria-labelledby="home-title">
      <h1 id="home-title">Your team this month</h1>
      <QueryView query={teams} what="your teams">
        {(page) => {
          const mine = page.items.filter((t) => t.managerId === person.id);
          if (mine.length === 0)
            return (
              <Empty
                title="You manage no team yet."
                next="Ask your admin to make you the manager of a team."
              />
            );
          return (
            <>
              <PrepQueue />
              {mine.map((team) => (
                <TeamMonth key={team.id} team={team} />
              ))}
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

function TeamMonth({ team }: { team: TeamView }) {
  const f = useFormat();
  const { person, org } = useSession();
  const months = reviewMonths(org.timeZone);
  const due = useMeetingsDue();
  const meetings = useMeetings({});
  const lastMonth = useScorecard(team.id, months.review);
  const thisMonth = useScorecard(team.id, months.current);
  const commitments = useCommitments({});
  const rows = rowsOf({
    team,
    due: due.data?.items ?? [],
    meetings: meetings.data?.items ?? [],
    month: months.current,
    timeZone: org.timeZone,
  });
  const count = (s: RepMeetingState) => rows.filter((r) => r.state === s).length;
  const myOpen = (commitments.data?.items ?? []).filter(
    (c) => c.ownerId === person.id && c.status === 'open',
  );
  return (
    <div className="team-month">
      <h2>
        {team.name} <span className="muted">· 1:1s of {f.month(months.current)}</span>
      </h2>
      <dl className="counters">
        {(['overdue', 'due', 'scheduled', 'held'] as const).map((s) => (
          <div key={s} className={`counter counter-${s}`}>
            <dt>{stateWords[s]}</dt>
            <dd>{due.isPending || meetings.isPending ? '…' : count(s)}</dd>
          </div>
        ))}
      </dl>
      <div className="two-columns wide-left">
        <QueryView query={due} what="who is due a 1:1">
          {() => (
            <TeamTable
              rows={rows}
              lastMonth={lastMonth.data}
              thisMonth={thisMonth.data}
              months={months}
            />
          )}
        </QueryView>
        <aside className="card" aria-labelledby="next-title">
          <h3 id="next-title">Next actions</h3>
          <ul className="next-actions">
            {rows
              .filter((r) => r.state === 'overdue' || r.state === 'due')
              .slice(0, 5)
              .map((r) => (
                <li key={r.repId}>
                  <Link to={`/one-on-one/${r.repId}`}>Hold the 1:1 with {r.name}</Link>{' '}
                  <span className="muted">({stateWords[r.state].toLowerCase()})</span>
                </li>
              ))}
            {myOpen.slice(0, 5).map((c) => (
              <li key={c.id}>
                Your commitment to{' '}
                {team.members.find((m) => m.personId === c.repId)?.name ?? 'a former rep'}: {c.text}{' '}
                <span className="muted">by {f.day(c.dueOn)}</span>
              </li>
            ))}
            <li>
              <Link to={`/scorecard?team=${team.id}`}>
                Publish the {f.month(months.review)} scorecard
              </Link>
            </li>
          </ul>
        </aside>
      </div>
    </div>
  );
}
