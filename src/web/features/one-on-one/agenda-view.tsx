import { type ReactNode, useState } from 'react';
import type { Agenda, Stage } from '../../api/types.js';
import { ActivitySection } from './activity-section.js';
import { CheckList } from './check-list.js';
import { PipelineSection } from './pipeline-section.js';
import { ResultsSection } from './results-section.js';

const order: readonly Stage[] = ['results', 'pipeline', 'activity'];
const titles: Record<Stage, string> = {
  results: '1 · Results',
  pipeline: '2 · Pipeline',
  activity: '3 · Activity',
};

export function reached(agenda: Agenda, stage: Stage): boolean {
  return order.indexOf(stage) <= order.indexOf(agenda.progression.stage);
}

/** The progression's decision in words, as the manager and the rep both see it. */
export function Reasons({ agenda }: { agenda: Agenda }) {
  return (
    <ol className="reasons" aria-label="Why the meeting goes this far">
      {agenda.progression.reasons.map((reason) => (
        <li key={reason}>{reason}</li>
      ))}
    </ol>
  );
}

/**
 * The agenda in the progression's order. Stages the progression reached are open; the
 * others are closed with a one-line reason and may still be opened. `extra` renders the
 * meeting tools (notes) under each stage.
 */
export function AgendaView({
  agenda,
  extra,
}: {
  agenda: Agenda;
  extra?: (stage: Stage) => ReactNode;
}) {
  const [open, setOpen] = useState<Record<Stage, boolean>>({
    results: true,
    pipeline: reached(agenda, 'pipeline'),
    activity: reached(agenda, 'activity'),
  });
  const body: Record<Stage, ReactNode> = {
    results: <ResultsSection agenda={agenda} />,
    pipeline: <PipelineSection agenda={agenda} />,
    activity: <ActivitySection agenda={agenda} />,
  };
  const questions = (stage: Stage) => agenda.questions.filter((q) => q.stage === stage);
  return (
    <div className="agenda">
      {order.map((stage) => (
        <section
          key={stage}
          className={`stage-panel ${reached(agenda, stage) ? 'reached' : 'skipped'}`}
        >
          <h3>
            <button
              type="button"
              className="stage-toggle"
              aria-expanded={open[stage]}
              onClick={() => setOpen({ ...open, [stage]: !open[stage] })}
            >
              <span>{titles[stage]}</span>
              <span className="stage-state">
                {reached(agenda, stage) ? 'reached' : 'not reached'}
              </span>
            </button>
          </h3>
          {!reached(agenda, stage) && stage === 'pipeline' ? (
            <CheckList checks={agenda.shortPipelineCheck} caption="Short pipeline check" />
          ) : null}
          {open[stage] ? (
            <>
              {body[stage]}
              {questions(stage).length > 0 ? (
                <div className="questions">
                  <h4>Questions to ask</h4>
                  <ul>
                    {questions(stage).map((q) => (
                      <li key={q.text}>{q.text}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {extra?.(stage)}
            </>
          ) : null}
        </section>
      ))}
    </div>
  );
}
