import { Link } from 'react-router';
import { useAgenda, useCommitments, useMeetings } from '../../api/queries.js';
import { useSession } from '../../app/session.js';
import { useFormat } from '../../components/format.js';
import { Movement, ordinal, Stat } from '../../components/stat.js';
import { QueryView } from '../../components/states.js';
import { GoalProposals } from '../goals/goal-proposals.js';
import { Reasons } from '../meetings/agenda-view.js';
import { StageBadge } from '../meetings/stage-badge.js';
import { CommitmentColumns } from './commitment-columns.js';
import { LastMeetingSummary } from './last-meeting-summary.js';
import { PreWorkForm } from './pre-work-form.js';

/** A rep's home: results and rank, the next 1:1's agenda in advance, commitments both ways. */
export default function RepHome() {
  const { person } = useSession();
  const f = useFormat();
  const agenda = useAgenda(person.id);
  const meetings = useMeetings({ rep: person.id });
  const commitments = useCommitments({ rep: person.id });
  const items = meetings.data?.items ?? [];
  const next = items
    .filter((m) => m.status === 'scheduled')
    .sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt))[0];
  const lastHeld = items
    .filter((m) => m.status === 'held')
    .sort((a, b) => (b.heldAt ?? '').localeCompare(a.heldAt ?? ''))[0];
  return (
    <section className="page" aria-labelledby="home-title">
      <h1 id="home-title">Your month, {person.name.split(' ')[0]}</h1>
      <QueryView query={agenda} what="your results">
        {(a) => (
          <>
            <dl className="stats">
              <Stat
                label={`${a.results.review.period.label} bookings`}
                value={f.money(a.results.review.actual)}
                hint={`${f.percent(a.results.review.attainment)} of ${f.money(a.results.review.goal?.target)}`}
              />
              <Stat
                label="Year to date"
                value={f.percent(a.results.yearToDate.attainment)}
                hint={f.money(a.results.yearToDate.actual)}
              />
              <Stat
                label="Rank in team"
                value={ordinal(a.results.ranking.rank, a.results.ranking.of)}
                hint={<Movement movement={a.results.ranking.movement} />}
              />
              <Stat
                label={`${a.results.current.period.label} so far`}
                value={f.money(a.results.current.actual)}
                hint={`pace ${f.percent(a.results.current.pace)}`}
              />
            </dl>
            <section className="card" aria-labelledby="next-title">
              <h2 id="next-title">
                Your next 1:1{' '}
                {next ? <span className="muted">· {f.dateTime(next.scheduledAt)}</span> : null}
              </h2>
              {next ? null : (
                <p className="muted">
                  Nothing scheduled yet: your manager plans it; the agenda is already here.
                </p>
              )}
              <p>
                On today’s figures ({f.day(a.asOf)}), it goes as far as{' '}
                <StageBadge stage={a.progression.stage} />, because:
              </p>
              <Reasons agenda={a} />
              <Link className="button" to={`/people/${person.id}`}>
                See the whole agenda, with every check and threshold
              </Link>
              {next ? <PreWorkForm meetingId={next.id} questions={a.questions} /> : null}
            </section>
          </>
        )}
      </QueryView>
      <div className="two-columns">
        <QueryView query={commitments} what="commitments">
          {(page) => <CommitmentColumns commitments={page.items} viewerId={person.id} />}
        </QueryView>
        <GoalProposals personId={person.id} />
      </div>
      {lastHeld ? (
        <LastMeetingSummary meeting={lastHeld} commitments={commitments.data?.items ?? []} />
      ) : null}
    </section>
  );
}
