import type { ImportContext } from '../import-kind.js';
import type { RowCheck } from '../row-check.js';
import type { StageHints, StageRef } from '../stage-registry.js';

/**
 * The stage a row names, known or (with `addStages`) added. An unknown stage is a row
 * error that lists the organization's stages: a typo and a missing stage look alike.
 */
export function readStage(
  row: RowCheck,
  { stages, settings }: ImportContext,
  hints: StageHints,
): StageRef | null {
  const name = row.required('stage');
  if (name === null) return null;
  const stage = stages.resolve(name, hints, settings.addStages === true);
  if (stage !== undefined) return stage;
  row.fail(
    'stage',
    `unknown stage "${name}"; add it to the organization's stages or import with --add-stages`,
  );
  return null;
}
