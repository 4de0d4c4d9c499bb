import { type ReactNode, useState } from 'react';
import type { Agenda, Stage } from '../../api/types.js';
import { ActivitySection } from './activity-section.js';
import { CheckList } from './check-list.js';
import { PipelineSection } from './pipeline-section.js';
import { ResultsSection } from './results-section.js';
import { StageHeading } from './stage-heading.js';

export const stageOrder: readonly Stage[] = ['results', 'pipeline', 'activity'];
export const stageTitles: Record<Stage, string> = {
  results: '1 · Results',
  pipeline: '2 · Pipeline',
  activity: '3 · Activity',
};

export function reached(agenda: Agenda, stage: Stage): boolean {
  return stageOrder.indexOf(stage) <= stageOrder.indexOf(agenda.progression.stage);
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

/** One stage's figures, then the questions the progression suggests for it. */
export function StageContent({ agenda, stage }: { agenda: Agenda; stage: Stage }) {
  const questions = agenda.questions.filter((q) => q.stage === stage);
  return (
    <>
      {!reached(agenda, stage) && stage === 'pipeline' ? (
        <CheckList checks={agenda.shortPipelineCheck} caption="Short pipeline check" />
      ) : null}
      {stage === 'results' ? <ResultsSection agenda={agenda} /> : null}
      {stage === 'pipeline' ? <PipelineSection agenda={agenda} /> : null}
      {stage === 'activity' ? <ActivitySection agenda={agenda} /> : null}
      {questions.length > 0 ? (
        <div className="questions">
          <StageHeading>Questions to ask</StageHeading>
          <ul>
            {questions.map((q) => (
              <li key={q.text}>{q.text}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

/**
 * The agenda in the progression's order, read before the meeting. Stages the progression
 * reached are open; the others are closed (with the short pipeline check) and may be opened.
 */
export function AgendaView({ agenda, extra }: { agenda: Agenda; extra?: ReactNode }) {
  const [open, setOpen] = useState<Record<Stage, boolean>>({
    results: true,
    pipeline: reached(agenda, 'pipeline'),
    activity: reached(agenda, 'activity'),
  });
  return (
    <div className="agenda">
      {stageOrder.map((stage) => (
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
              <span>{stageTitles[stage]}</span>
              <span className="stage-state">
                {reached(agenda, stage) ? 'reached' : 'not reached'}
              </span>
            </button>
          </h3>
          {open[stage] ? (
            <StageContent agenda={agenda} stage={stage} />
          ) : !reached(agenda, stage) && stage === 'pipeline' ? (
            <CheckList checks={agenda.shortPipelineCheck} caption="Short pipeline check" />
          ) : null}
        </section>
      ))}
      {extra}
    </div>
  );
}
