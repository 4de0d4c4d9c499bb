import { prepareAgenda } from '../agenda/prepare-agenda.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Agenda } from '../core/agenda-schema.js';
import { dayInZone } from '../core/days.js';
import type { Day } from '../core/facts.js';
import { readDataVersion } from '../db/data-version.js';
import type { Queryable } from '../db/database.js';
import { loadOrgContext } from '../db/facts/org-context.js';
import { isActivityShared } from '../people/set-activity-sharing.js';
import type { VersionedCache } from '../shared/versioned-cache.js';

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
 * With a cache, an agenda computed earlier is served while the data has not changed (the
 * audit still records every view).
 */
export async function viewAgenda(
  db: Queryable,
  options: ViewAgendaOptions,
  cache: VersionedCache<Agenda> | null = null,
): Promise<Agenda> {
  // The version is read before any fact: see readDataVersion.
  const version = cache === null ? 0 : await readDataVersion(db);
  const [activityShared, org] = await Promise.all([
    isActivityShared(db, { orgId: options.orgId, personId: options.repId }),
    loadOrgContext(db, options.orgId),
  ]);
  const asOf = options.asOf ?? dayInZone(options.now, org.timeZone);
  const prepare = () =>
    prepareAgenda(db, {
      orgId: options.orgId,
      personId: options.repId,
      now: options.now,
      activityShared,
      org,
      asOf,
      ...(options.since ? { since: options.since } : {}),
    });
  // Everything the agenda depends on besides the data: who, which day, since when, sharing.
  const key = [options.orgId, options.repId, asOf, options.since ?? '', activityShared].join(' ');
  const agenda = cache === null ? await prepare() : await cache.get(key, version, prepare);
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
