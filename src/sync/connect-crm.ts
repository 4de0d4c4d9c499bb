import type { Queryable } from '../db/database.js';
import type { CrmKind } from '../db/schema/operations.js';
import { recordAudit } from '../organization/record-audit.js';
import type { ConnectionSettings } from './connection-settings.js';
import { type AuthKind, type CrmSecrets, secretsBinding } from './crm-connection.js';
import type { SecretBox } from './secret-box.js';

export interface ConnectCrmOptions {
  orgId: string;
  kind: CrmKind;
  instanceUrl: string;
  loginUrl?: string | null;
  authKind: AuthKind;
  clientId?: string | null;
  username?: string | null;
  secrets: CrmSecrets;
  settings?: Partial<ConnectionSettings>;
  /** The admin who connected; null from the CLI. */
  actorId: string | null;
  box: SecretBox;
  now: Date;
}

/**
 * Stores (or replaces) the organization's connection to a CRM, its secrets sealed. A new
 * connection is active again, and keeps the cursors of the one it replaces: reconnecting
 * after a revoked token resumes where the sync stopped. The audit log records who connected
 * which CRM, never a secret.
 */
export async function connectCrm(db: Queryable, options: ConnectCrmOptions): Promise<string> {
  const sealed = options.box.seal(
    JSON.stringify(options.secrets),
    secretsBinding(options.orgId, options.kind),
  );
  const [row] = await db.query<{ id: string }>(
    `insert into crm_connection (org_id, kind, instance_url, login_url, auth_kind, client_id,
                                 username, secrets, settings)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
     on conflict (org_id, kind) do update set
       instance_url = excluded.instance_url, login_url = excluded.login_url,
       auth_kind = excluded.auth_kind, client_id = excluded.client_id,
       username = excluded.username, secrets = excluded.secrets,
       settings = crm_connection.settings || excluded.settings,
       status = 'active', status_message = null
     returning id`,
    [
      options.orgId,
      options.kind,
      options.instanceUrl.replace(/\/+$/, ''),
      options.loginUrl?.replace(/\/+$/, '') ?? null,
      options.authKind,
      options.clientId ?? null,
      options.username ?? null,
      sealed,
      JSON.stringify(options.settings ?? {}),
    ],
  );
  if (row === undefined) throw new Error('crm_connection upsert returned no row');
  await recordAudit(db, {
    orgId: options.orgId,
    actorId: options.actorId,
    action: 'crm.connected',
    subjectType: 'crm_connection',
    subjectId: row.id,
    details: { kind: options.kind, instanceUrl: options.instanceUrl, authKind: options.authKind },
    at: options.now,
  });
  return row.id;
}
