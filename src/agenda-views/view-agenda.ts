import { prepareAgenda } from '../agenda/prepare-agenda.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Agenda } from '../core/agenda-schema.js';
import type { Day } from '../core/facts.js';
import type { Queryable } from '../db/database.js';
import { isActivityShared } from '../people/set-activity-sharing.js';

export interface ViewAgendaOptions {
  orgId: string;
  repId: string;
  viewerId: string;
  now: Date;
  asOf?: Day | undefined;
  since?: Day | undefined;
  ip?: string | undefined;
}

/**
 * A rep's agenda as a viewer sees it. Under the organization's activity gate, activity is shown
 * only when the progression reached the activity stage or the rep shared it (prepareAgenda
 * decides); each time someone other than the rep sees it that way, the view is audited.
 */
export async function viewAgenda(db: Queryable, options: ViewAgendaOptions): Promise<Agenda> {
  const activityShared = await isActivityShared(db, {
    orgId: options.orgId,
    personId: options.repId,
  });
  const agenda = await prepareAgenda(db, {
    orgId: options.orgId,
    personId: options.repId,
    now: options.now,
    activityShared,
    ...(options.asOf ? { asOf: options.asOf } : {}),
    ...(options.since ? { since: options.since } : {}),
  });
  if (
    agenda.settings.activityGate &&
    agenda.activity !== null &&
    options.viewerId !== options.repId
  ) {
    await recordAudit(db, {
      orgId: options.orgId,
      actorId: options.viewerId,
      action: 'activity.viewed',
      subjectType: 'person',
      subjectId: options.repId,
      details: { asOf: agenda.asOf, stage: agenda.progression.stage, shared: activityShared },
      ...(options.ip ? { ip: options.ip } : {}),
      at: options.now,
    });
  }
  return agenda;
}
