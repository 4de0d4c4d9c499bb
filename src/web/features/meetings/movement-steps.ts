import type { Agenda } from '../../api/types.js';

/**
 * The open pipeline since the last 1:1 as a waterfall: where it stood, what was created,
 * won and lost, where it stands. "Where it stood" is derived (now − created + won + lost),
 * so amount changes of deals that stayed open are folded into it.
 */
export function movementSteps(agenda: Agenda) {
  const { movement, shape } = agenda.pipeline;
  const now = shape.open.value;
  const before = now - movement.created.value + movement.won.value + movement.lost.value;
  return [
    { label: 'Last 1:1', value: before, total: true },
    { label: 'Created', value: movement.created.value },
    { label: 'Won', value: -movement.won.value },
    { label: 'Lost', value: -movement.lost.value },
    { label: 'Now', value: now, total: true },
  ];
}
