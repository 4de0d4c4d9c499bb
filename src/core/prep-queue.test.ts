import { describe, expect, it } from 'vitest';
import { decidingReason, orderPrepQueue, type PrepQueueEntry } from './prep-queue.js';

const entry = (over: Partial<PrepQueueEntry> & { repName: string }): PrepQueueEntry => ({
  repId: over.repName,
  teamName: 'T',
  stage: 'results',
  reason: '',
  lastHeldAt: null,
  dueOn: null,
  nextMeeting: null,
  state: 'due',
  daysOverdue: 0,
  ...over,
});

describe('orderPrepQueue', () => {
  it('puts the latest first, then due by day, then scheduled by the soonest, deeper stage on a tie', () => {
    const queue = orderPrepQueue([
      entry({
        repName: 'Sched late',
        state: 'scheduled',
        nextMeeting: { id: 'x', scheduledAt: '2026-03-20T10:00:00Z' },
      }),
      entry({
        repName: 'Sched soon',
        state: 'scheduled',
        nextMeeting: { id: 'y', scheduledAt: '2026-03-16T10:00:00Z' },
      }),
      entry({ repName: 'Due 20', dueOn: '2026-03-20' }),
      entry({ repName: 'Due never' }),
      entry({ repName: 'Late 2', state: 'overdue', daysOverdue: 2, dueOn: '2026-03-13' }),
      entry({ repName: 'Late 9', state: 'overdue', daysOverdue: 9, dueOn: '2026-03-06' }),
      entry({ repName: 'Due 18 b', dueOn: '2026-03-18' }),
      entry({ repName: 'Due 18 a', dueOn: '2026-03-18', stage: 'activity' }),
    ]);
    expect(queue.map((e) => e.repName)).toEqual([
      'Late 9',
      'Late 2',
      'Due never',
      'Due 18 a',
      'Due 18 b',
      'Due 20',
      'Sched soon',
      'Sched late',
    ]);
  });
});

describe('decidingReason', () => {
  it('is the results sentence on plan, the pipeline sentence when behind', () => {
    const reasons = [
      'Results behind: … → pipeline check.',
      'Pipeline healthy: … → no activity review.',
    ];
    expect(decidingReason({ stage: 'pipeline', reasons })).toBe(reasons[1]);
    expect(decidingReason({ stage: 'activity', reasons })).toBe(reasons[1]);
    expect(decidingReason({ stage: 'results', reasons: ['Results on plan: …', 'Short …'] })).toBe(
      'Results on plan: …',
    );
  });
});
