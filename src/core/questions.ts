import { unreachable } from '../shared/app-error.js';
import type { Pipeline, Progression, Question, Results, Stage } from './agenda-schema.js';
import type { FormatMoney } from './format.js';
import { listOf, plural } from './format.js';

export interface SuggestQuestionsOptions {
  progression: Progression;
  results: Results;
  pipeline: Pipeline;
  formatMoney: FormatMoney;
}

function resultsQuestions(options: SuggestQuestionsOptions): string[] {
  const { progression, results, formatMoney } = options;
  const { current } = results;
  const questions: string[] = [];
  if (!progression.resultsVerdict.judged || current.goalStatus !== 'agreed') {
    questions.push(`What goal for ${current.period.label} can we both agree on?`);
  }
  if (progression.resultsVerdict.onPlan) {
    questions.push('What will keep the momentum going?');
    questions.push(`What could put ${current.period.label} at risk?`);
  } else {
    const gap = current.goal ? current.goal.target - current.actual : 0;
    questions.push(
      gap > 0
        ? `What is your plan to close the remaining ${formatMoney(gap)} in ${current.period.label}?`
        : `What will you do differently in ${current.period.label}?`,
    );
  }
  questions.push('What do you need from me?');
  return questions;
}

function pipelineQuestions(options: SuggestQuestionsOptions): string[] {
  const { movement, shape } = options.pipeline;
  const questions = [
    'What have you added to your pipeline since we last met?',
    'What have you advanced?',
  ];
  if (movement.slipped.count > 0) {
    questions.push(`What moved the close dates of ${plural(movement.slipped.count, 'deal')} out?`);
  }
  if (movement.stalled.count > 0) {
    questions.push(
      `What will move your ${plural(movement.stalled.count, 'stalled deal')} forward?`,
    );
  }
  if (shape.pastDue.count > 0) {
    questions.push('Which past-due deals are still real, and when will they close?');
  }
  if (shape.emptyStages.length > 0) {
    questions.push(`How will you get deals into ${listOf(shape.emptyStages)}?`);
  }
  return questions;
}

const ACTIVITY_QUESTIONS = [
  'What is on your calendar for the next two weeks?',
  'How many new prospects will you contact before we meet again?',
  'Which activities do you commit to before we meet again?',
];

/** Suggested questions for every stage the meeting goes through, in meeting order. */
export function suggestQuestions(options: SuggestQuestionsOptions): Question[] {
  const stages: Stage[] = ['results', 'pipeline', 'activity'];
  const reached = stages.slice(0, stages.indexOf(options.progression.stage) + 1);
  return reached.flatMap((stage) => {
    let texts: string[];
    switch (stage) {
      case 'results':
        texts = resultsQuestions(options);
        break;
      case 'pipeline':
        texts = pipelineQuestions(options);
        break;
      case 'activity':
        texts = ACTIVITY_QUESTIONS;
        break;
      default:
        texts = unreachable(stage);
    }
    return texts.map((text) => ({ stage, text }));
  });
}
