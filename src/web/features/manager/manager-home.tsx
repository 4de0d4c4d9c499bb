import { Link } from 'react-router';
import type { Meeting } from '../../api/pending-shapes.js';
import { useCommitments, useMeetings, useScorecard, useTeams } from '../../api/queries.js';
import type { ScorecardRow, TeamView } from '../../api/types.js';
import { useSession } from '../../app/session.js';
import { useFormat } from '../../components/format.js';
import { Movement, ordinal } from '../../components/stat.js';
import { Empty, QueryView } from '../../components/states.js';
import { monthOf, todayIn } from '../../components/today.js';
import { meetingStateOf, type RepMeetingState, stateWords } from './meeting-status.js';

const urgency: Record<RepMeetingState, number> = { overdue: 0, due: 1, scheduled: 2, held: 3 };

/** A manager's month: who is due a 1:1, the team at a glance, what to do next. */
export default function ManagerHome() {
  const { person, org } = useSession();
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
          return mine.map((team) => (
            <TeamMonth key={team.id} team={team} timeZone={org.timeZone} />
          ));
        }}
      </QueryView>
    </section>
  );
}

function TeamMonth({ team, timeZone }: { team: TeamView; timeZone: string }) {
  const f = useFormat();
  const { person } = useSession();
  const month = monthOf(todayIn(timeZone));
  const meetings = useMeetings({});
  const scorecard = useScorecard(team.id);
  const commitments = useCommitments({});
  const now = new Date();
  const byRep = new Map<string, Meeting[]>();
  for (const m of (meetings.data?.items ?? []).filter((x) => inMonth(x, month)))
    byRep.set(m.repId, [...(byRep.get(m.repId) ?? []), m]);
  const rows = team.members
    .filter((m) => m.personId !== team.managerId)
    .map((member) => ({ member, ...meetingStateOf(byRep.get(member.personId) ?? [], now) }))
    .sort(
      (a, b) => urgency[a.state] - urgency[b.state] || a.member.name.localeCompare(b.member.name),
    );
  const count = (s: RepMeetingState) => rows.filter((r) => r.state === s).length;
  const scoreOf = (id: string): ScorecardRow | undefined =>
    scorecard.data?.rows.find((r) => r.personId === id);
  const myOpen = (commitments.data?.items ?? []).filter(
    (c) => c.ownerId === person.id && c.status === 'open',
  );
  return (
    <div className="team-month">
      <h2>
        {team.name} <span className="muted">· {f.month(month.key)}</span>
      </h2>
      <dl className="counters">
        {(['due', 'scheduled', 'held', 'overdue'] as const).map((s) => (
          <div key={s} className={`counter counter-${s}`}>
            <dt>{stateWords[s]}</dt>
            <dd>{meetings.isPending ? '…' : count(s)}</dd>
          </div>
        ))}
      </dl>
      <div className="two-columns">
        <QueryView query={meetings} what="this month's 1:1s">
          {() => (
            <table className="data">
              <caption>1:1s and results, most urgent first</caption>
              <thead>
                <tr>
                  <th scope="col">Rep</th>
                  <th scope="col">1:1 this month</th>
                  <th scope="col" className="num">
                    Attainment
                  </th>
                  <th scope="col">Rank</th>
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ member, state, meeting }) => {
                  const score = scoreOf(member.personId);
                  return (
                    <tr key={member.personId}>
                      <th scope="row">{member.name}</th>
                      <td>
                        <span className={`badge state-${state}`}>{stateWords[state]}</span>{' '}
                        {meeting ? (
                          <span className="muted">{f.dateTime(meeting.scheduledAt)}</span>
                        ) : null}
                      </td>
                      <td className="num">{f.percent(score?.attainment)}</td>
                      <td>
                        {ordinal(score?.rank ?? null)}{' '}
                        <Movement movement={score?.movement ?? null} />
                      </td>
                      <td>
                        <Link className="button" to={`/one-on-one/${member.personId}`}>
                          {state === 'held' ? 'Review' : 'Open 1:1'}
                          <span className="visually-hidden"> with {member.name}</span>
                        </Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </QueryView>
        <aside className="card" aria-labelledby="next-title">
          <h3 id="next-title">Next actions</h3>
          <ul className="next-actions">
            {rows
              .filter((r) => r.state === 'overdue' || r.state === 'due')
              .slice(0, 5)
              .map((r) => (
                <li key={r.member.personId}>
                  <Link to={`/one-on-one/${r.member.personId}`}>
                    Hold the 1:1 with {r.member.name}
                  </Link>{' '}
                  <span className="muted">({stateWords[r.state].toLowerCase()})</span>
                </li>
              ))}
            {myOpen.slice(0, 5).map((c) => (
              <li key={c.id}>
                Your commitment: {c.text} <span className="muted">by {f.day(c.dueOn)}</span>
              </li>
            ))}
            <li>
              <Link to={`/scorecard?team=${team.id}`}>Publish the team scorecard</Link>
            </li>
          </ul>
        </aside>
      </div>
    </div>
  );
}

function inMonth(meeting: Meeting, month: { start: string; end: string }): boolean {
  const day = meeting.scheduledAt.slice(0, 10);
  return day >= month.start && day < month.end;
}
