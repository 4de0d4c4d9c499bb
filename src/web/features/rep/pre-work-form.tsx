import { type FormEvent, useState } from 'react';
import { api, messageOf } from '../../api/client.js';
import { keys, useApiMutation, usePreWork } from '../../api/queries.js';
import type { PreWork, Question } from '../../api/types.js';
import { useFormat } from '../../components/format.js';

/**
 * The rep's part before the 1:1: an answer to each question the agenda suggests, shared with
 * their manager, who sees it in the meeting. Saved on demand; what was saved shows first.
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
      <p className="muted">Shared with your manager, who sees them in the meeting.</p>
      {fields.map((q) => (
        <label key={q}>
          {q}
          <textarea
            rows={2}
            value={answerTo(q)}
            onChange={(e) => setTyped({ ...typed, [q]: e.target.value })}
          />
        </label>
      ))}
      <div className="button-row">
        <button type="submit" className="primary" disabled={save.isPending}>
          Save my answers
        </button>
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
