import type { Queryable } from '../db/database.js';
import { type CrmKind, crmKinds } from '../db/schema/operations.js';
import { type CrmEntry, crmCatalog } from './crm-catalog.js';
import { type CrmConnectionView, viewCrmConnection } from './crm-connection.js';
import { SYNC_JOB } from './request-sync.js';

export interface CrmListing extends CrmEntry {
  kind: CrmKind;
  connection: CrmConnectionView | null;
  /** A run holds the connection now. */
  running: boolean;
  /** A sync job is due and not yet done (queued by "Sync now" or the schedule). */
  queued: boolean;
}

/**
 * Every CRM the organization can connect (the catalog), and any other it has a connection
 * to, each with its connection (never its secrets) and whether a run is queued or running.
 */
export async function listCrms(
  q: Queryable,
  options: { orgId: string; now: Date },
): Promise<CrmListing[]> {
  const pending = await q.query<{ crm: string }>(
    `select distinct payload->>'crm' as crm from job
      where org_id = $1 and kind = $2 and done_at is null and run_at <= $3::timestamptz`,
    [options.orgId, SYNC_JOB, options.now.toISOString()],
  );
  const queued = new Set(pending.map((row) => row.crm));
  const listings: CrmListing[] = [];
  for (const kind of crmKinds) {
    const connection = await viewCrmConnection(q, options.orgId, kind);
    const entry = crmCatalog[kind];
    if (entry === undefined && connection === null) continue;
    const runningUntil = connection?.runningUntil ?? null;
    listings.push({
      kind,
      ...(entry ?? {
        label: kind,
        connectInBrowser: false,
        connectCommand: `rudder sync connect ${kind}`,
      }),
      connection,
      running: runningUntil !== null && Date.parse(runningUntil) > options.now.getTime(),
      queued: connection !== null && queued.has(kind),
    });
  }
  return listings;
}
