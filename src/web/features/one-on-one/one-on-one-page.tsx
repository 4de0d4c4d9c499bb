import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, messageOf } from '../../api/client.js';
import type { Meeting } from '../../api/pending-shapes.js';
import { keys, useAgenda, useApiMutation, useCommitments, useNotes } from '../../api/queries.js';
import type { Agenda } from '../../api/types.js';
import { useFormat } from '../../components/format.js';
import { ErrorState, Loading } from '../../components/states.js';
import { AgendaView, Reasons } from './agenda-view.js';
import { CommitmentsPanel, PreviousCommitments } from './commitments-panel.js';
import { MeetingTimer } from './meeting-timer.js';
import { StageBadge } from './stage-badge.js';
import { StageNotes } from './stage-notes.js';
import { useCurrentMeeting } from './use-current-meeting.js';

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The product's centre: the guided 1:1, Results → Pipeline → Activity, then Finish. */
export default function OneOnOnePage() {
  const { personId = '' } = useParams();
  const agenda = useAgenda(personId);
  const current = useCurrentMeeting(personId);
  if (agenda.isPending || current.meetings.isPending) return <Loading what="the agenda" />;
  if (agenda.error || !agenda.data)
    return <ErrorState error={agenda.error} retry={() => agenda.refetch()} />;
  if (current.meetings.error) return <ErrorState error={current.meetings.error} />;
  const meeting = current.meeting;
  return (
    <section className="page one-on-one" aria-labelledby="oo-title">
      <p className="breadcrumb">
        <Link to="/">Home</Link> / 1:1
      </p>
      {meeting ? (
        <Meeting1on1 agenda={agenda.data} meeting={meeting} />
      ) : (
        <NoMeeting
          agenda={agenda.data}
          onStart={() => current.start.mutate(undefined)}
          error={current.start.error}
        />
      )}
    </section>
  );
}

function NoMeeting({
  agenda,
  onStart,
  error,
}: {
  agenda: Agenda;
  onStart: () => void;
  error: unknown;
}) {
  return (
    <>
      <h1 id="oo-title">1:1 with {agenda.person.name}</h1>
      <div className="state state-empty">
        <p className="state-title">No 1:1 is scheduled with {agenda.person.name}.</p>
        <p>Start one now; the agenda below is ready.</p>
        <button type="button" className="primary" onClick={onStart}>
          Start a 1:1 now
        </button>
        {error ? <p className="form-error">{messageOf(error)}</p> : null}
      </div>
      <Reasons agenda={agenda} />
      <AgendaView agenda={agenda} />
    </>
  );
}

function Meeting1on1({ agenda, meeting }: { agenda: Agenda; meeting: Meeting }) {
  const f = useFormat();
  const [startedAt] = useState(() => Date.now());
  const notes = useNotes(meeting.id);
  const commitments = useCommitments({ rep: agenda.person.id });
  const finish = useApiMutation(
    () =>
      api<Meeting>('POST', `/meetings/${meeting.id}/finish`, {
        body: { stageReached: agenda.progression.stage },
      }),
    [keys.meetings({ rep: agenda.person.id }), keys.meetings({})],
  );
  const onPlan = agenda.progression.stage === 'results' && agenda.progression.resultsVerdict.onPlan;
  if (finish.isSuccess) {
    return (
      <div className="card finished" role="status">
        <h1 id="oo-title">1:1 with {agenda.person.name} held</h1>
        <p>
          The agenda is frozen as it stood today; {agenda.person.name} gets the summary with both
          sides' commitments.
        </p>
        <Link to="/" className="button primary">
          Back to the team
        </Link>
      </div>
    );
  }
  const all = commitments.data?.items ?? [];
  return (
    <>
      <header className="oo-header">
        <div>
          <h1 id="oo-title">1:1 with {agenda.person.name}</h1>
          <p className="muted">
            {agenda.team?.name ?? 'No team'} · scheduled {f.dateTime(meeting.scheduledAt)} · data as
            of {f.day(agenda.asOf)}
          </p>
        </div>
        <StageBadge stage={agenda.progression.stage} />
        <MeetingTimer startedAt={startedAt} minutes={agenda.meeting.minutes} />
      </header>
      {onPlan ? (
        <p className="banner good">
          Beating the goal with a healthy pipeline: a short meeting. Recognise it, check momentum,
          agree next steps.
        </p>
      ) : null}
      <Reasons agenda={agenda} />
      <PreviousCommitments repId={agenda.person.id} meetingId={meeting.id} commitments={all} />
      <AgendaView
        agenda={agenda}
        extra={(stage) => (
          <StageNotes meetingId={meeting.id} section={stage} notes={notes.data?.items ?? []} />
        )}
      />
      <CommitmentsPanel
        meetingId={meeting.id}
        repId={agenda.person.id}
        commitments={all}
        defaultDue={addDays(agenda.asOf, 30)}
      />
      <div className="finish-bar">
        <button
          type="button"
          className="primary"
          onClick={() => finish.mutate(undefined)}
          disabled={finish.isPending}
        >
          Finish the 1:1
        </button>
        {finish.error ? (
          <p className="form-error" role="alert">
            {messageOf(finish.error)}
          </p>
        ) : null}
      </div>
    </>
  );
}
