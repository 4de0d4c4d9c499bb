import type { Queryable } from '../db/database.js';
import type { CrmKind } from '../db/schema/operations.js';
import { recordAudit } from '../organization/record-audit.js';
import { AppError } from '../shared/app-error.js';
import { type ConnectionSettings, ConnectionSettingsSchema } from './connection-settings.js';
import { type CrmConnectionView, viewCrmConnection } from './crm-connection.js';

/** The admin's choices for a connection (the amount field, the schedule); a partial update. */
export const ConnectionSettingsPatchSchema = ConnectionSettingsSchema.partial().strict();

/**
 * Changes a connection's settings: what is not given stays. A changed amount field applies
 * from the next run on (a `--full` run re-reads every deal with it); the schedule from the
 * next slot.
 */
export async function updateConnectionSettings(
  db: Queryable,
  options: {
    orgId: string;
    crm: CrmKind;
    patch: Partial<ConnectionSettings>;
    actorId: string | null;
    now: Date;
  },
): Promise<CrmConnectionView> {
  const patch = ConnectionSettingsPatchSchema.parse(options.patch);
  const [row] = await db.query<{ id: string }>(
    `update crm_connection set settings = settings || $3::jsonb
      where org_id = $1 and kind = $2 returning id`,
    [options.orgId, options.crm, JSON.stringify(patch)],
  );
  if (row === undefined)
    throw new AppError('NOT_FOUND', `${options.crm} is not connected for this organization.`);
  await recordAudit(db, {
    orgId: options.orgId,
    actorId: options.actorId,
    action: 'settings.changed',
    subjectType: 'crm_connection',
    subjectId: row.id,
    details: { crm: options.crm, ...patch },
    at: options.now,
  });
  const view = await viewCrmConnection(db, options.orgId, options.crm);
  if (view === null) throw new AppError('NOT_FOUND', `${options.crm} is not connected.`);
  return view;
}
