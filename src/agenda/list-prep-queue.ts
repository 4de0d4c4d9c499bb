import { decidingReason, orderPrepQueue, type PrepQueueEntry } from '../core/prep-queue.js';
import type { Queryable } from '../db/database.js';
import { listMeetingsDue } from '../meetings/list-meetings-due.js';
import { type AgendaCaches, viewAgenda } from './view-agenda.js';

export interface ListPrepQueueOptions {
  orgId: string;
  managerId: string;
  now: Date;
}

/**
 * The manager's prep queue: every rep of the teams they manage now, with the stage their
 * agenda reaches today and its deciding reason, the last 1:1 held and the next due (the
 * cadence's rule, `listMeetingsDue`), late ones first. The agendas are the ones the prep
 * screen shows (the same cache); only the stage and a sentence leave here, never activity,
 * so reading them is not an activity view to audit.
 */
export async function listPrepQueue(
  db: Queryable,
  options: ListPrepQueueOptions,
  caches: AgendaCaches | null = null,
): Promise<PrepQueueEntry[]> {
  const due = await listMeetingsDue(db, {
    orgId: options.orgId,
    managerId: options.managerId,
    now: options.now,
    includeScheduled: true,
  });
  const entries: PrepQueueEntry[] = [];
  // One at a time: a manager has a handful of reps, and the embedded database has one connection.
  for (const d of due) {
    const agenda = await viewAgenda(
      db,
      {
        orgId: options.orgId,
        repId: d.repId,
        viewerId: options.managerId,
        now: options.now,
        auditActivityView: false,
      },
      caches,
    );
    entries.push({
      repId: d.repId,
      repName: d.repName,
      teamName: d.teamName,
      stage: agenda.progression.stage,
      reason: decidingReason(agenda.progression),
      lastHeldAt: d.lastHeldAt,
      dueOn: d.dueOn,
      nextMeeting: d.nextMeeting,
      state: d.state,
      daysOverdue: d.daysOverdue,
    });
  }
  return orderPrepQueue(entries);
}
