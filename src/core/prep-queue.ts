import { z } from 'zod';
import type { Progression, Stage } from './agenda-schema.js';
import { DaySchema as day } from './schema-primitives.js';

/**
 * The manager's prep queue: per rep, where the progression goes and why in one line, the
 * last 1:1 held and the next one due, the late ones first.
 */

export const PrepQueueEntrySchema = z.object({
  repId: z.string(),
  repName: z.string(),
  teamName: z.string(),
  stage: z.enum(['results', 'pipeline', 'activity']),
  reason: z.string().describe('the sentence of the progression that decided the stage'),
  lastHeldAt: z.string().nullable(),
  dueOn: day.nullable().describe('last held day + the cadence; null when none was ever held'),
  nextMeeting: z.object({ id: z.string(), scheduledAt: z.string() }).nullable(),
  state: z.enum(['overdue', 'due', 'scheduled']),
  daysOverdue: z.number().int(),
});

export type PrepQueueEntry = z.infer<typeof PrepQueueEntrySchema>;

/**
 * The one line that decided the stage: on plan, the results sentence; behind, the pipeline
 * sentence (healthy → pipeline review, unhealthy → activity review), which follows from it.
 */
export function decidingReason(progression: Pick<Progression, 'stage' | 'reasons'>): string {
  const at = progression.stage === 'results' ? 0 : 1;
  return progression.reasons[at] ?? progression.reasons[0] ?? '';
}

const stateOrder: Record<PrepQueueEntry['state'], number> = { overdue: 0, due: 1, scheduled: 2 };
const stageOrder: Record<Stage, number> = { activity: 0, pipeline: 1, results: 2 };

/**
 * Late first (the most days late first), then due (the earliest due day first; never held
 * before any day), then scheduled (the soonest first); within a tie, the deeper stage first
 * (activity, pipeline, results), then by name.
 */
export function orderPrepQueue(entries: readonly PrepQueueEntry[]): PrepQueueEntry[] {
  const when = (e: PrepQueueEntry) =>
    e.state === 'scheduled' ? (e.nextMeeting?.scheduledAt ?? '') : (e.dueOn ?? '');
  return [...entries].sort(
    (a, b) =>
      stateOrder[a.state] - stateOrder[b.state] ||
      b.daysOverdue - a.daysOverdue ||
      when(a).localeCompare(when(b)) ||
      stageOrder[a.stage] - stageOrder[b.stage] ||
      a.repName.localeCompare(b.repName) ||
      a.repId.localeCompare(b.repId),
  );
}
