import type { Queryable } from '../db/database.js';
import type { CrmKind } from '../db/schema/operations.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import { recordAudit } from '../organization/record-audit.js';
import { AppError } from '../shared/app-error.js';

/** The job kind of a sync run (see src/jobs/create-job-handlers.ts). */
export const SYNC_JOB = 'crm-sync';

/**
 * "Sync now": queues a sync job that runs at once on whichever server's job loop claims it
 * (exactly once). Asking again within the same minute queues nothing more. A stopped
 * connection is refused with its reason: only reconnecting starts it again.
 */
export async function requestSync(
  db: Queryable,
  options: {
    orgId: string;
    crm: CrmKind;
    actorId: string | null;
    now: Date;
    full?: boolean;
    /**
     * Whether this server's job loop runs syncs: without CRM_SECRET_KEY it has no `crm-sync`
     * handler, and a queued job would wait forever. Refused then, with what to do.
     */
    syncsRun?: boolean;
  },
): Promise<{ queued: boolean; jobId: string | null }> {
  if (options.syncsRun === false) {
    throw new AppError(
      'CONFLICT',
      'This Rudder server has no CRM_SECRET_KEY, so it cannot open the stored CRM tokens or ' +
        'run a sync. Set CRM_SECRET_KEY (the key the connection was stored with) in the ' +
        'environment of every Rudder process and restart; nothing was queued.',
    );
  }
  const [connection] = await db.query<{
    id: string;
    status: string;
    status_message: string | null;
  }>('select id, status, status_message from crm_connection where org_id = $1 and kind = $2', [
    options.orgId,
    options.crm,
  ]);
  if (connection === undefined)
    throw new AppError('NOT_FOUND', `${options.crm} is not connected for this organization.`);
  if (connection.status === 'stopped') {
    throw new AppError(
      'CONFLICT',
      connection.status_message ?? `The ${options.crm} sync is stopped; connect it again.`,
    );
  }
  const minute = Math.floor(options.now.getTime() / 60_000);
  const jobId = await enqueueJob(db, {
    orgId: options.orgId,
    kind: SYNC_JOB,
    dedupeKey: `${options.crm}:now:${minute}`,
    payload: { crm: options.crm, full: options.full === true },
    runAt: options.now,
  });
  await recordAudit(db, {
    orgId: options.orgId,
    actorId: options.actorId,
    action: 'crm.sync_requested',
    subjectType: 'crm_connection',
    subjectId: connection.id,
    details: { crm: options.crm, queued: jobId !== null },
    at: options.now,
  });
  return { queued: jobId !== null, jobId };
}
