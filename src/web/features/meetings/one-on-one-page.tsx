import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { messageOf } from '../../api/client.js';
import { useAgenda } from '../../api/queries.js';
import type { Agenda, FinishedMeeting } from '../../api/types.js';
import { useFormat } from '../../components/format.js';
import { ErrorState, Loading } from '../../components/states.js';
import { AgendaView, Reasons } from './agenda-view.js';
import { MeetingRoom } from './meeting-room.js';
import { PreWorkAnswers } from './pre-work-answers.js';
import { StageBadge } from './stage-badge.js';
import { useCurrentMeeting } from './use-current-meeting.js';

/** The product's centre: prepare, start, walk Results → Pipeline → Activity, then finish. */
export default function OneOnOnePage() {
  const { personId = '' } = useParams();
  const agenda = useAgenda(personId);
  const current = useCurrentMeeting(personId);
  const [finished, setFinished] = useState<FinishedMeeting | null>(null);
  if (agenda.isPending || current.meetings.isPending) return <Loading what="the agenda" />;
  if (agenda.error || !agenda.data)
    return <ErrorState error={agenda.error} retry={() => agenda.refetch()} />;
  if (current.meetings.error) return <ErrorState error={current.meetings.error} />;
  if (current.meeting && current.snapshot.isPending) return <Loading what="the 1:1" />;
  const frozen = current.snapshot.data?.agenda ?? null;
  return (
    <section className="page one-on-one" aria-labelledby="oo-title">
      <p className="breadcrumb">
        <Link to="/">Home</Link> / 1:1
      </p>
      {finished ? (
        <Finished name={agenda.data.person.name} finished={finished} />
      ) : current.meeting && frozen && current.snapshot.data?.frozenAt ? (
        <MeetingRoom
          agenda={frozen}
          meeting={current.meeting}
          startedAt={current.snapshot.data.frozenAt}
          onFinished={setFinished}
        />
      ) : (
        <Prepare
          agenda={agenda.data}
          scheduledAt={current.meeting?.scheduledAt ?? null}
          meetingId={current.meeting?.id ?? null}
          minutes={current.meeting?.durationMinutes ?? agenda.data.meeting.minutes}
          onStart={() => current.start.mutate()}
          starting={current.start.isPending}
          error={current.start.error}
        />
      )}
    </section>
  );
}

function Prepare({
  agenda,
  scheduledAt,
  meetingId,
  minutes,
  onStart,
  starting,
  error,
}: {
  agenda: Agenda;
  scheduledAt: string | null;
  /** The scheduled 1:1, whose pre-work the rep may have written; null: none scheduled. */
  meetingId: string | null;
  /** The scheduled 1:1's length, else the organization's default. */
  minutes: number;
  onStart: () => void;
  starting: boolean;
  error: unknown;
}) {
  const f = useFormat();
  return (
    <>
      <header className="oo-header">
        <div>
          <h1 id="oo-title">1:1 with {agenda.person.name}</h1>
          <p className="muted">
            {agenda.team?.name ?? 'No team'} ·{' '}
            {scheduledAt ? `scheduled ${f.dateTime(scheduledAt)}` : 'nothing scheduled'} · data as
            of {f.day(agenda.asOf)} · {minutes} minutes planned
          </p>
        </div>
        <StageBadge stage={agenda.progression.stage} />
      </header>
      <div className="start-card card">
        <p>
          {scheduledAt
            ? 'The agenda below is ready. Starting the 1:1 freezes it as the meeting’s record.'
            : `No 1:1 is in the calendar with ${agenda.person.name}: starting one now puts it there and freezes the agenda.`}
        </p>
        <button type="button" className="primary" onClick={onStart} disabled={starting}>
          {starting ? 'Starting…' : 'Start the 1:1'}
        </button>
        {error ? (
          <p className="form-error" role="alert">
            {messageOf(error)}
          </p>
        ) : null}
      </div>
      <h2 className="section-title">Why the meeting goes this far</h2>
      <Reasons agenda={agenda} />
      {meetingId ? <PreWorkAnswers meetingId={meetingId} repName={agenda.person.name} /> : null}
      <AgendaView agenda={agenda} />
    </>
  );
}

function Finished({ name, finished }: { name: string; finished: FinishedMeeting }) {
  const f = useFormat();
  return (
    <div className="card finished" role="status">
      <h1 id="oo-title">1:1 with {name} held</h1>
      <p>
        The agenda is frozen as it stood at the start; {name} gets the summary with the shared notes
        and both sides' commitments.
      </p>
      <p>
        {finished.nextMeeting
          ? `Next 1:1: ${f.dateTime(finished.nextMeeting.scheduledAt)}.`
          : 'No next 1:1 in the calendar yet: set up a series for this rep.'}
      </p>
      <Link to="/" className="button primary">
        Back to the team
      </Link>
    </div>
  );
}
