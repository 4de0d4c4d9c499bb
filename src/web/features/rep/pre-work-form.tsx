import { type FormEvent, useState } from 'react';
import { api, messageOf } from '../../api/client.js';
import { keys, useApiMutation, usePreWork } from '../../api/queries.js';
import type { PreWork, Question, Stage } from '../../api/types.js';
import { useFormat } from '../../components/format.js';

const stageOrder: readonly Stage[] = ['results', 'pipeline', 'activity'];
const stageLegends: Record<Stage, string> = {
  results: 'Your results',
  pipeline: 'Your pipeline',
  activity: 'Your activity',
};

/**
 * The rep's part before the 1:1: an answer to each question the agenda suggests, shared with
 * their manager, who sees it in the meeting. Saved on demand; what was saved shows first.
 * Up to a dozen questions on a phone: grouped by step of the 1:1, each optional, with a
 * count of those answered beside the button, which stays in reach at the bottom.
 */
export function PreWorkForm({
  meetingId,
  questions,
}: {
  meetingId: string;
  questions: readonly Question[];
}) {
  const f = useFormat();
  const saved = usePreWork(meetingId);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const answerTo = (q: string) =>
    typed[q] ?? saved.data?.answers.find((a) => a.question === q)?.answer ?? '';
  const save = useApiMutation(
    (answers: PreWork['answers']) =>
      api<PreWork>('PUT', `/meetings/${meetingId}/pre-work`, { body: { answers } }),
    [keys.preWork(meetingId)],
  );
  // Questions carry today's figures ("the remaining $37,500"): when they change, an answer
  // saved to yesterday's wording stays as its own field, so saving again never drops it.
  const asked = questions.map((q) => q.text);
  const earlier = (saved.data?.answers ?? [])
    .map((a) => a.question)
    .filter((q) => !asked.includes(q));
  const fields = [...asked, ...earlier];
  // By step of the 1:1, in meeting order: only the steps the progression reaches ask anything.
  const groups = [
    ...stageOrder
      .map((stage) => ({
        key: stage,
        legend: stageLegends[stage],
        texts: questions.filter((q) => q.stage === stage).map((q) => q.text),
      }))
      .filter((group) => group.texts.length > 0),
    ...(earlier.length > 0
      ? [{ key: 'earlier', legend: 'Answered before, worded otherwise', texts: earlier }]
      : []),
  ];
  const answered = fields.filter((q) => answerTo(q).trim() !== '').length;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      fields.map((q) => ({ question: q, answer: answerTo(q) })),
      { onSuccess: () => setTyped({}) },
    );
  };
  if (fields.length === 0) return null;
  return (
    <form className="pre-work" onSubmit={submit} aria-labelledby="pre-work-title">
      <h3 id="pre-work-title">Before the 1:1: your answers</h3>
      <p className="muted">
        Shared with your manager, who sees them in the meeting. Answer what you can: a line each is
        plenty, and none is required.
      </p>
      {groups.map((group) => (
        <fieldset key={group.key} className="pre-work-group">
          <legend>
            {group.legend}{' '}
            <span className="muted">
              · {group.texts.length} {group.texts.length === 1 ? 'question' : 'questions'}
            </span>
          </legend>
          {group.texts.map((q) => (
            <label key={q}>
              {q}
              <textarea
                rows={2}
                value={answerTo(q)}
                onChange={(e) => setTyped({ ...typed, [q]: e.target.value })}
              />
            </label>
          ))}
        </fieldset>
      ))}
      <div className="button-row pre-work-save">
        <button type="submit" className="primary" disabled={save.isPending}>
          Save my answers
        </button>
        <span className="muted">
          {answered} of {fields.length} answered
        </span>
        {saved.data?.updatedAt ? (
          <span className="muted" role="status">
            Saved {f.dateTime(saved.data.updatedAt)}
          </span>
        ) : null}
      </div>
      {save.error ? (
        <p className="form-error" role="alert">
          Not saved: {messageOf(save.error)}
        </p>
      ) : null}
    </form>
  );
}
