import { Link, useParams } from 'react-router';
import { useAgenda } from '../../api/queries.js';
import { useSession } from '../../app/session.js';
import { useFormat } from '../../components/format.js';
import { QueryView } from '../../components/states.js';
import { GoalProposals } from '../goals/goal-proposals.js';
import { AgendaView, Reasons } from '../meetings/agenda-view.js';
import { StageBadge } from '../meetings/stage-badge.js';

/** A rep's agenda read in advance: the rep's own (no surprises), or a manager preparing. */
export default function PersonPage() {
  const { personId = '' } = useParams();
  const { person } = useSession();
  const f = useFormat();
  const agenda = useAgenda(personId);
  return (
    <section className="page" aria-labelledby="person-title">
      <p className="breadcrumb">
        <Link to="/">Home</Link> / Agenda
      </p>
      <QueryView query={agenda} what="the agenda">
        {(a) => (
          <>
            <header className="oo-header">
              <div>
                <h1 id="person-title">
                  {a.person.id === person.id
                    ? 'Your next 1:1 agenda'
                    : `Agenda of ${a.person.name}`}
                </h1>
                <p className="muted">
                  {a.team?.name ?? 'No team'} · as of {f.day(a.asOf)} · {a.meeting.minutes} minutes
                  planned
                </p>
              </div>
              <StageBadge stage={a.progression.stage} />
            </header>
            <Reasons agenda={a} />
            <AgendaView agenda={a} />
            {/* The manager's side of the goals: answer the rep's proposals and changes. */}
            {a.person.id !== person.id && person.role === 'manager' ? (
              <GoalProposals personId={a.person.id} repName={a.person.name} />
            ) : null}
          </>
        )}
      </QueryView>
    </section>
  );
}
