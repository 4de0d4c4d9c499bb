import { z } from 'zod';
import type { Queryable } from '../db/database.js';
import type { CrmKind } from '../db/schema/operations.js';
import { type ConnectionSettings, ConnectionSettingsSchema } from './connection-settings.js';
import type { SecretBox } from './secret-box.js';

/** What a connection keeps sealed: never logged, answered, exported or audited. */
export const CrmSecretsSchema = z.object({
  accessToken: z.string().optional(),
  refreshToken: z.string().optional(),
  /** The connected app's consumer secret (the refresh-token grant needs it). */
  clientSecret: z.string().optional(),
  /** PEM private key of the JWT bearer flow (its certificate is in the connected app). */
  privateKey: z.string().optional(),
});
export type CrmSecrets = z.infer<typeof CrmSecretsSchema>;

export type AuthKind = 'refresh-token' | 'jwt-bearer' | 'access-token';

export interface CrmConnection {
  orgId: string;
  id: string;
  kind: CrmKind;
  instanceUrl: string;
  loginUrl: string | null;
  authKind: AuthKind;
  clientId: string | null;
  username: string | null;
  secrets: CrmSecrets;
  /** Per CRM object, the SystemModstamp the last committed batch reached. */
  cursors: Record<string, string>;
  settings: ConnectionSettings;
  status: 'active' | 'stopped';
  statusMessage: string | null;
}

/** One object's batch in the last run, as the admin's screen shows it. */
export const LastRunObjectSchema = z.object({
  object: z.string(),
  status: z.string().describe('succeeded, failed, unchanged'),
  rows: z.number().int(),
  new: z.number().int(),
  changed: z.number().int(),
  deleted: z.number().int().describe('records deleted in the CRM'),
});

/** What the last run did: kept on the connection so the screen can say it in words. */
export const LastRunSchema = z.object({
  status: z.enum(['succeeded', 'failed', 'stopped', 'rate-limited', 'busy']),
  message: z.string().nullable(),
  finishedAt: z.string(),
  objects: z.array(LastRunObjectSchema),
});
export type LastRun = z.infer<typeof LastRunSchema>;

/** What the admin API shows of a connection: everything but the secrets. */
export type CrmConnectionView = Omit<CrmConnection, 'secrets'> & {
  lastSyncAt: string | null;
  /** Until when a run holds the connection (in the past or null: none is running). */
  runningUntil: string | null;
  lastRun: LastRun | null;
};

/** The sealed blob is bound to its organization and CRM: moved to another row, it fails. */
export const secretsBinding = (orgId: string, kind: CrmKind) => `crm:${orgId}:${kind}`;

interface ConnectionRow {
  org_id: string;
  id: string;
  kind: CrmKind;
  instance_url: string;
  login_url: string | null;
  auth_kind: AuthKind;
  client_id: string | null;
  username: string | null;
  secrets: string;
  cursors: Record<string, string>;
  settings: unknown;
  status: 'active' | 'stopped';
  status_message: string | null;
  last_sync_at: string | null;
  running_until: string | null;
  last_run: unknown;
}

async function connectionRow(
  q: Queryable,
  orgId: string,
  kind: CrmKind,
): Promise<ConnectionRow | undefined> {
  const [row] = await q.query<ConnectionRow>(
    `select org_id, id, kind, instance_url, login_url, auth_kind, client_id, username, secrets,
            cursors, settings, status, status_message, last_sync_at, running_until, last_run
       from crm_connection where org_id = $1 and kind = $2`,
    [orgId, kind],
  );
  return row;
}

function viewOf(row: ConnectionRow): CrmConnectionView {
  return {
    orgId: row.org_id,
    id: row.id,
    kind: row.kind,
    instanceUrl: row.instance_url,
    loginUrl: row.login_url,
    authKind: row.auth_kind,
    clientId: row.client_id,
    username: row.username,
    cursors: row.cursors,
    // Settings an older version wrote fall back to the defaults rather than stop the sync.
    settings:
      ConnectionSettingsSchema.safeParse(row.settings).data ?? ConnectionSettingsSchema.parse({}),
    status: row.status,
    statusMessage: row.status_message,
    lastSyncAt: row.last_sync_at,
    runningUntil: row.running_until,
    lastRun: LastRunSchema.safeParse(row.last_run).data ?? null,
  };
}

/** The organization's connection to `kind` without its secrets, or null. */
export async function viewCrmConnection(
  q: Queryable,
  orgId: string,
  kind: CrmKind,
): Promise<CrmConnectionView | null> {
  const row = await connectionRow(q, orgId, kind);
  return row === undefined ? null : viewOf(row);
}

/** The connection with its secrets opened, for a run; null when there is none. */
export async function loadCrmConnection(
  q: Queryable,
  orgId: string,
  kind: CrmKind,
  box: SecretBox,
): Promise<CrmConnection | null> {
  const row = await connectionRow(q, orgId, kind);
  if (row === undefined) return null;
  const { lastSyncAt: _, runningUntil: _r, lastRun: _l, ...view } = viewOf(row);
  const secrets = CrmSecretsSchema.parse(
    JSON.parse(box.open(row.secrets, secretsBinding(orgId, kind))),
  );
  return { ...view, secrets };
}

/** Replaces the sealed secrets (a refreshed access token). */
export async function saveCrmSecrets(
  q: Queryable,
  connection: CrmConnection,
  box: SecretBox,
): Promise<void> {
  await q.query('update crm_connection set secrets = $3 where org_id = $1 and id = $2', [
    connection.orgId,
    connection.id,
    box.seal(JSON.stringify(connection.secrets), secretsBinding(connection.orgId, connection.kind)),
  ]);
}

/** Moves one object's cursor; called inside the transaction that merged its batch. */
export async function saveCursor(
  tx: Queryable,
  connection: Pick<CrmConnection, 'orgId' | 'id'>,
  object: string,
  reached: string,
): Promise<void> {
  await tx.query(
    `update crm_connection set cursors = cursors || jsonb_build_object($3::text, $4::text)
      where org_id = $1 and id = $2`,
    [connection.orgId, connection.id, object, reached],
  );
}

/** The CRM refused the credentials: no run starts again until the admin reconnects. */
export async function stopConnection(
  q: Queryable,
  connection: Pick<CrmConnection, 'orgId' | 'id'>,
  message: string,
): Promise<void> {
  await q.query(
    `update crm_connection set status = 'stopped', status_message = $3
      where org_id = $1 and id = $2`,
    [connection.orgId, connection.id, message],
  );
}

/**
 * Takes the connection for one run until `now + leaseMs`: one run at a time per connection,
 * whether it comes from a server's job or the CLI. A run that dies frees it when the lease ends.
 */
export async function holdConnection(
  q: Queryable,
  connection: Pick<CrmConnection, 'orgId' | 'id'>,
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  const rows = await q.query(
    `update crm_connection set running_until = $3::timestamptz + $4 * interval '1 millisecond'
      where org_id = $1 and id = $2
        and (running_until is null or running_until <= $3::timestamptz)
      returning 1`,
    [connection.orgId, connection.id, now.toISOString(), leaseMs],
  );
  return rows.length > 0;
}

/** Extends the hold of the run that has it (a long first sync outlasts one lease). */
export async function renewHold(
  q: Queryable,
  connection: Pick<CrmConnection, 'orgId' | 'id'>,
  now: Date,
  leaseMs: number,
): Promise<void> {
  await q.query(
    `update crm_connection set running_until = $3::timestamptz + $4 * interval '1 millisecond'
      where org_id = $1 and id = $2 and running_until is not null`,
    [connection.orgId, connection.id, now.toISOString(), leaseMs],
  );
}

/** Frees the connection at the end of a run and notes when it ran. */
export async function releaseConnection(
  q: Queryable,
  connection: Pick<CrmConnection, 'orgId' | 'id'>,
  now: Date,
  synced: boolean,
): Promise<void> {
  await q.query(
    `update crm_connection set running_until = null,
            last_sync_at = case when $4 then $3::timestamptz else last_sync_at end
      where org_id = $1 and id = $2`,
    [connection.orgId, connection.id, now.toISOString(), synced],
  );
}

/** Keeps what the run that just ended did, for the admin's screen. */
export async function saveLastRun(
  q: Queryable,
  connection: Pick<CrmConnection, 'orgId' | 'id'>,
  lastRun: LastRun,
): Promise<void> {
  await q.query('update crm_connection set last_run = $3::jsonb where org_id = $1 and id = $2', [
    connection.orgId,
    connection.id,
    JSON.stringify(lastRun),
  ]);
}

/**
 * The connection with the tokens a CRM's token endpoint answered; a refresh token is kept
 * unless a new one came (both CRMs may rotate it). The configured instance URL stays: it
 * may be a proxy, a sandbox or a test server.
 */
export function withTokens(
  connection: CrmConnection,
  tokens: { accessToken: string; refreshToken: string | null },
): CrmConnection {
  return {
    ...connection,
    secrets: {
      ...connection.secrets,
      accessToken: tokens.accessToken,
      ...(tokens.refreshToken === null ? {} : { refreshToken: tokens.refreshToken }),
    },
  };
}
