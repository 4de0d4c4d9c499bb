import type { Agenda } from '../core/agenda-schema.js';
import { dayInZone } from '../core/days.js';
import type { Day } from '../core/facts.js';
import { dataVersionSql } from '../db/data-version.js';
import type { Queryable } from '../db/database.js';
import { type OrgContext, type OrgRow, orgContextOf, orgRowSql } from '../db/facts/org-context.js';
import { recordAudit } from '../organization/record-audit.js';
import { activitySharedSql } from '../organization/set-activity-sharing.js';
import { AppError } from '../shared/app-error.js';
import type { VersionedCache } from '../shared/versioned-cache.js';
import { prepareAgenda } from './prepare-agenda.js';

/** What a server keeps for reuse while the data version stands (src/server/result-caches.ts). */
export interface AgendaCaches {
  agendas: VersionedCache<Agenda>;
  orgs: VersionedCache<OrgContext>;
}

export interface ViewAgendaOptions {
  orgId: string;
  repId: string;
  viewerId: string;
  now: Date;
  asOf?: Day | undefined;
  since?: Day | undefined;
  ip?: string | undefined;
  /**
   * False when only the stage and the reasons leave the caller (the prep queue): no activity
   * is shown, so there is no activity view to audit.
   */
  auditActivityView?: boolean;
  /**
   * The caller's right to see the rep, checked in the agenda's first statement (one round
   * trip fewer per request): an SQL boolean over $1 the organization, $2 the rep and
   * `params` as $3 on; false answers 404 before anything is computed. `variant` names the
   * shape of `sql` (its prepared statement).
   */
  reach?: { sql: string; params: readonly unknown[]; variant: string };
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
  caches: AgendaCaches | null = null,
): Promise<Agenda> {
  // The version is read before any fact (see readDataVersion), with the caller's reach, the
  // rep's sharing and the organization in the same round trip: every agenda request, served
  // from the cache or not, starts here.
  const reach = options.reach;
  const [state] = await db.query<{
    version: number;
    shared: boolean;
    org: OrgRow | null;
    reachable: boolean;
  }>(
    `select ${dataVersionSql} as version, ${activitySharedSql} as shared, ${orgRowSql} as org,
            ${reach?.sql ?? 'true'} as reachable`,
    [options.orgId, options.repId, ...(reach?.params ?? [])],
    { name: `rudder_agenda_state_${reach?.variant ?? 'open'}` },
  );
  if (state?.reachable !== true) throw new AppError('NOT_FOUND', 'No such person.');
  const version = state.version ?? 0;
  const activityShared = state.shared === true;
  const orgRow = state.org;
  const org =
    caches === null
      ? orgContextOf(options.orgId, orgRow)
      : await caches.orgs.get(options.orgId, version, async () =>
          orgContextOf(options.orgId, orgRow),
        );
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
  const agenda =
    caches === null ? await prepare() : await caches.agendas.get(key, version, prepare);
  if (
    options.auditActivityView !== false &&
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
