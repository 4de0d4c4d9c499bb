import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, messageOf } from '../../api/client.js';
import { keys, useCommitments, useNotes } from '../../api/queries.js';
import type { Agenda, FinishedMeeting, Meeting, Stage } from '../../api/types.js';
import { useFormat } from '../../components/format.js';
import { Reasons, reached, StageContent, stageOrder, stageTitles } from './agenda-view.js';
import { CommitmentsPanel } from './commitments-panel.js';
import { type MakeCommitment, MakeCommitmentContext } from './deal-history.js';
import {
  type DraftStep,
  draftOf,
  draftText,
  forgetDraft,
  keepDraft,
  saveDraft,
  unsavedDrafts,
} from './drafts.js';
import { MeetingTimer } from './meeting-timer.js';
import { PreWorkAnswers } from './pre-work-answers.js';
import { ReviewCommitments } from './review-commitments.js';
import { StageBadge } from './stage-badge.js';
import { StageHeadingLevel } from './stage-heading.js';
import { StageNotes } from './stage-notes.js';
import { type Unsaved, UnsavedDialog } from './unsaved-dialog.js';

type Step = 'review' | Stage | 'commitments';
const steps: readonly Step[] = ['review', ...stageOrder, 'commitments'];
const draftSteps: readonly DraftStep[] = [...stageOrder, 'commitments'];
const isDraftStep = (s: Step): s is Step & DraftStep => s !== 'review';
const stepTitles: Record<Step, string> = {
  review: 'Last time’s commitments',
  ...stageTitles,
  commitments: 'New commitments',
};

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The running 1:1, one step at a time: last time's commitments, the stages the progression
 * reached (the others can still be opened), then new commitments and Finish. The agenda is
 * the frozen snapshot, so the numbers are the meeting's record.
 */
export function MeetingRoom({
  agenda,
  meeting,
  startedAt,
  onFinished,
}: {
  agenda: Agenda;
  meeting: Meeting;
  startedAt: string;
  onFinished: (finished: FinishedMeeting) => void;
}) {
  const f = useFormat();
  const [step, setStep] = useState<Step>('review');
  const notes = useNotes(meeting.id);
  const commitments = useCommitments({ rep: agenda.person.id });
  const client = useQueryClient();
  // The page shows the outcome first; only then are the lists refreshed (the held 1:1 leaves
  // them, which unmounts this screen).
  const finish = useMutation({
    mutationFn: () => api<FinishedMeeting>('POST', `/meetings/${meeting.id}/finish`),
    onSuccess: async (finished) => {
      onFinished(finished);
      for (const queryKey of [keys.meetings({}), keys.due, keys.commitments({})])
        await client.invalidateQueries({ queryKey });
    },
  });
  const inPlay = (s: Step) => s === 'review' || s === 'commitments' || reached(agenda, s);
  const next = steps.slice(steps.indexOf(step) + 1).find(inPlay);
  const onPlan = agenda.progression.stage === 'results' && agenda.progression.resultsVerdict.onPlan;
  const moveTo = (s: Step) => {
    setStep(s);
    document.getElementById('step-title')?.focus();
  };
  // Leaving a step or finishing with text typed but not saved asks first.
  const [asking, setAsking] = useState<{ unsaved: Unsaved[]; to: Step | 'finish' } | null>(null);
  const go = (s: Step) => {
    const unsaved = isDraftStep(step) && s !== step ? unsavedDrafts(meeting.id, [step]) : [];
    if (unsaved.length > 0) setAsking({ unsaved, to: s });
    else moveTo(s);
  };
  const tryFinish = () => {
    const unsaved = unsavedDrafts(meeting.id, draftSteps);
    if (unsaved.length > 0) setAsking({ unsaved, to: 'finish' });
    else finish.mutate();
  };
  // A deal's suggested commitment becomes the draft of "New commitments", to edit and add
  // there; a commitment already being typed is never overwritten.
  const makeCommitment: MakeCommitment = (suggestion) => {
    if (!draftText('commitments', draftOf(meeting.id, 'commitments')))
      keepDraft(meeting.id, 'commitments', {
        text: suggestion.text,
        owner: 'rep',
        dueOn: suggestion.dueOn,
      });
    go('commitments');
  };
  const proceed = (to: Step | 'finish') => {
    setAsking(null);
    if (to === 'finish') finish.mutate();
    else moveTo(to);
  };
  return (
    <>
      <header className="oo-header">
        <div>
          <h1 id="oo-title">1:1 with {agenda.person.name}</h1>
          <p className="muted">
            {agenda.team?.name ?? 'No team'} · started {f.dateTime(startedAt)} · figures frozen as
            of {f.day(agenda.asOf)}
          </p>
        </div>
        <StageBadge stage={agenda.progression.stage} />
        {/* The meeting's own length (its series' or its own), not the organization's default. */}
        <MeetingTimer startedAt={Date.parse(startedAt)} minutes={meeting.durationMinutes} />
      </header>
      {onPlan ? (
        <p className="banner good">
          Beating the goal with a healthy pipeline: a short meeting. Recognise it, check momentum,
          agree next steps.
        </p>
      ) : null}
      <Reasons agenda={agenda} />
      <nav aria-label="Steps of the 1:1" className="stepper">
        <ol>
          {steps.map((s) => (
            <li key={s} className={inPlay(s) ? 'in-play' : 'skipped'}>
              <button
                type="button"
                aria-current={s === step ? 'step' : undefined}
                onClick={() => go(s)}
              >
                {stepTitles[s]}
                {inPlay(s) ? null : <span className="step-note"> (not reached)</span>}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <section className="card step" aria-labelledby="step-title">
        <h2 id="step-title" tabIndex={-1}>
          {stepTitles[step]}
        </h2>
        {step === 'review' ? (
          <>
            <PreWorkAnswers meetingId={meeting.id} repName={agenda.person.name} />
            <h3>Commitments to review</h3>
            <ReviewCommitments meetingId={meeting.id} />
          </>
        ) : step === 'commitments' ? (
          <CommitmentsPanel
            meetingId={meeting.id}
            repId={agenda.person.id}
            commitments={commitments.data?.items ?? []}
            defaultDue={addDays(agenda.asOf, 30)}
          />
        ) : (
          <>
            {reached(agenda, step) ? null : (
              <p className="banner">
                The progression did not reach this stage: it stays closed unless you need it.
              </p>
            )}
            <StageHeadingLevel.Provider value={3}>
              <MakeCommitmentContext.Provider value={makeCommitment}>
                <StageContent agenda={agenda} stage={step} />
              </MakeCommitmentContext.Provider>
            </StageHeadingLevel.Provider>
            {/* Keyed by stage: a draft or the "private" box never carries over to the next. */}
            <StageNotes
              key={step}
              meetingId={meeting.id}
              section={step}
              notes={notes.data?.items ?? []}
            />
          </>
        )}
        <div className="step-actions">
          {next ? (
            <button type="button" className="primary" onClick={() => go(next)}>
              Next: {stepTitles[next]}
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              onClick={tryFinish}
              disabled={finish.isPending}
            >
              Finish the 1:1
            </button>
          )}
          {asking ? (
            <UnsavedDialog
              unsaved={asking.unsaved}
              leaving={asking.to === 'finish' ? 'finishing the 1:1' : 'leaving this step'}
              onSave={async () => {
                for (const u of asking.unsaved) await saveDraft(meeting.id, u.step, u.draft);
                await Promise.all(
                  [keys.notes(meeting.id), keys.commitments({ rep: agenda.person.id })].map(
                    (queryKey) => client.invalidateQueries({ queryKey }),
                  ),
                );
                proceed(asking.to);
              }}
              onKeep={asking.to === 'finish' ? undefined : () => proceed(asking.to)}
              onDiscard={() => {
                for (const u of asking.unsaved) forgetDraft(meeting.id, u.step);
                proceed(asking.to);
              }}
              onStay={() => setAsking(null)}
            />
          ) : null}
          {finish.error ? (
            <p className="form-error" role="alert">
              {messageOf(finish.error)}
            </p>
          ) : null}
        </div>
      </section>
    </>
  );
}
