import type { Stage } from '../../api/types.js';

const words: Record<Stage, string> = {
  results: 'Results only',
  pipeline: 'Pipeline review',
  activity: 'Activity review',
};

/** How far the progression goes, in words and colour (never colour alone). */
export function StageBadge({ stage }: { stage: Stage }) {
  return <span className={`stage-badge stage-${stage}`}>{words[stage]}</span>;
}
