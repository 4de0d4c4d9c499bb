import { usePreWork } from '../../api/queries.js';
import { useFormat } from '../../components/format.js';
import { QueryView } from '../../components/states.js';

/** What the rep answered before the 1:1, shown to the manager in it. */
export function PreWorkAnswers({ meetingId, repName }: { meetingId: string; repName: string }) {
  const f = useFormat();
  const preWork = usePreWork(meetingId);
  return (
    <section className="pre-work-answers" aria-labelledby="pre-work-answers-title">
      <h3 id="pre-work-answers-title">{repName}’s answers before the 1:1</h3>
      <QueryView query={preWork} what="the rep's answers">
        {(p) =>
          p.answers.length === 0 ? (
            <p className="muted">No answers written before the 1:1.</p>
          ) : (
            <>
              <dl className="pre-work-list">
                {p.answers.map((a) => (
                  <div key={a.question}>
                    <dt>{a.question}</dt>
                    <dd>{a.answer}</dd>
                  </div>
                ))}
              </dl>
              {p.updatedAt ? <p className="muted">Written {f.dateTime(p.updatedAt)}</p> : null}
            </>
          )
        }
      </QueryView>
    </section>
  );
}
