import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId } from './columns.js';
import { org } from './organization.js';

export const importRun = pgTable(
  'import_run',
  {
    orgId: orgId(),
    id: id(),
    kind: text('kind').notNull(),
    fileName: text('file_name'),
    actorId: uuid('actor_id'),
    dryRun: text('dry_run').$type<'yes' | 'no'>().notNull().default('no'),
    status: text('status').$type<'running' | 'succeeded' | 'failed'>().notNull(),
    rowsRead: bigint('rows_read', { mode: 'number' }).notNull().default(0),
    counts: jsonb('counts').notNull().default({}),
    errors: jsonb('errors').notNull().default([]),
    /** Rows imported as they are but worth a look (a won deal without an amount), by line. */
    warnings: jsonb('warnings').notNull().default([]),
    idempotencyKey: text('idempotency_key'),
    startedAt: instant('started_at').notNull().defaultNow(),
    finishedAt: instant('finished_at'),
    /**
     * While running: until when its process vouches for it. Renewed while the run lasts (on
     * PostgreSQL); a running run whose lease ran out died with its process.
     */
    leaseUntil: instant('lease_until'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('import_run_started_idx').on(t.orgId, t.startedAt),
    foreignKey({ columns: [t.orgId], foreignColumns: [org.id] }).onDelete('cascade'),
  ],
);

/**
 * The column mapping an admin chose in the web for an import kind (Rudder field → the
 * file's header), offered again for the next file of that kind: CRM exports keep their
 * headers from one month to the next.
 */
export const importMapping = pgTable(
  'import_mapping',
  {
    orgId: orgId(),
    kind: text('kind').notNull(),
    columns: jsonb('columns').$type<Record<string, string>>().notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.kind] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [org.id] }).onDelete('cascade'),
  ],
);

export const auditEvent = pgTable(
  'audit_event',
  {
    orgId: orgId(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    details: jsonb('details').notNull().default({}),
    ip: text('ip'),
    at: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('audit_event_at_idx').on(t.orgId, t.at),
    foreignKey({ columns: [t.orgId], foreignColumns: [org.id] }).onDelete('cascade'),
  ],
);

/** Background work (reminders, e-mail, missed-meeting detection) that survives restarts. */
export const job = pgTable(
  'job',
  {
    orgId: orgId(),
    id: id(),
    kind: text('kind').notNull(),
    /** Makes a job unique (e.g. one reminder per meeting): enqueue is idempotent. */
    dedupeKey: text('dedupe_key'),
    payload: jsonb('payload').notNull().default({}),
    runAt: instant('run_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lockedUntil: instant('locked_until'),
    doneAt: instant('done_at'),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('job_due_idx').on(t.runAt).where(sql`${t.doneAt} is null`),
    uniqueIndex('job_dedupe_key').on(t.orgId, t.kind, t.dedupeKey),
  ],
);

/** E-mail waiting to be sent, or kept as the outbox when no SMTP server is configured. */
export const outboxMessage = pgTable(
  'outbox_message',
  {
    orgId: orgId(),
    id: id(),
    to: text('to').array().notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    createdAt: createdAt(),
    /** Set only after the SMTP receiver acknowledged the message (the final 250 to DATA). */
    sentAt: instant('sent_at'),
    /**
     * While a sender delivers it: until when that sender vouches for the attempt (renewed
     * while SMTP runs). A lease that ran out belongs to a sender that died: any may retry.
     */
    sendingUntil: instant('sending_until'),
    /** The attempt holding the lease: only it may give the message back after a failure. */
    sendingBy: uuid('sending_by'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('outbox_message_created_idx').on(t.orgId, t.createdAt),
    foreignKey({ columns: [t.orgId], foreignColumns: [org.id] }).onDelete('cascade'),
  ],
);

/**
 * One counter for the whole database, raised by every committed change to the tables the
 * agendas and scorecards are computed from (triggers in migration 0006; see
 * src/db/data-version.ts). A computed agenda or ranking is reused while it has not moved.
 * Not a tenant table: one row, no org_id.
 */
export const dataVersion = pgTable(
  'data_version',
  {
    id: integer('id').primaryKey().default(1),
    version: bigint('version', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('data_version_one_row', sql`${t.id} = 1`)],
);

/**
 * Sign-in attempts per key (`account:<lowercased e-mail>` or `address:<client>`): the instants
 * of the attempts counted within the last window (a sliding window, at most the key's limit
 * of them), shared by every server process so N servers enforce the limit of one. Not a
 * tenant table: an e-mail address may sign in to several organizations, and the limit guards
 * the address before any organization is known (a local table on a Citus coordinator:
 * docs/scaling.md).
 */
export const signInLimit = pgTable('sign_in_limit', {
  key: text('key').primaryKey(),
  attempts: instant('attempts').array().notNull(),
});

export const crmKinds = ['salesforce', 'hubspot'] as const;
export type CrmKind = (typeof crmKinds)[number];

/**
 * An organization's connection to its CRM, which a sync reads from (src/sync). One per CRM
 * kind. The tokens and other secrets are ONE AES-256-GCM sealed blob (`secrets`, see
 * src/sync/secret-box.ts), never a column of their own: nothing that reads rows (exports,
 * the API, the audit log) can show them by accident.
 */
export const crmConnection = pgTable(
  'crm_connection',
  {
    orgId: orgId(),
    id: id(),
    kind: text('kind').$type<CrmKind>().notNull(),
    /** The API's base URL (Salesforce's instance URL: a sandbox, a proxy or a test server). */
    instanceUrl: text('instance_url').notNull(),
    /** Where tokens are obtained (Salesforce: https://login.salesforce.com or test.). */
    loginUrl: text('login_url'),
    authKind: text('auth_kind').$type<'refresh-token' | 'jwt-bearer' | 'access-token'>().notNull(),
    /** The connected app's consumer key (OAuth client id): not a secret. */
    clientId: text('client_id'),
    /** The CRM user the JWT bearer flow acts as (its `sub`). */
    username: text('username'),
    /** Sealed JSON of the tokens and keys (`v1.<iv>.<tag>.<ciphertext>`, base64url). */
    secrets: text('secrets').notNull(),
    /** Per CRM object, the last SystemModstamp a committed run reached. */
    cursors: jsonb('cursors').notNull().default({}),
    /** Which amount field, the schedule: parsed by src/sync/connection-settings.ts. */
    settings: jsonb('settings').notNull().default({}),
    /** `stopped`: the CRM refused the credentials; no run starts until they are replaced. */
    status: text('status').$type<'active' | 'stopped'>().notNull().default('active'),
    /** Why it stopped, in words for the admin. */
    statusMessage: text('status_message'),
    /** While a run holds the connection: one run at a time, across servers and the CLI. */
    runningUntil: instant('running_until'),
    lastSyncAt: instant('last_sync_at'),
    /**
     * What the last run did, for the admin's screen: `{ status, message, finishedAt,
     * objects: [{ object, status, rowsRead, deleted }] }` (src/sync/crm-connection.ts).
     */
    lastRun: jsonb('last_run'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('crm_connection_kind_key').on(t.orgId, t.kind),
    foreignKey({ columns: [t.orgId], foreignColumns: [org.id] }).onDelete('cascade'),
    check('crm_connection_kind_check', sql`${t.kind} in ('salesforce','hubspot')`),
    check('crm_connection_status_check', sql`${t.status} in ('active','stopped')`),
  ],
);

/**
 * `Idempotency-Key` of API writes (src/server/idempotent-writes.ts): the first answer to a
 * key, kept with the write it made. The row is inserted in the write's own transaction, so it
 * exists exactly when the write committed; a retry with the key gets this answer back.
 * Scoped to the organization and the caller (`person:<id>` or `token:<id>`): nobody else's
 * key ever answers you. Kept 24 hours (`expires_at`), then deleted by the job runner's poll.
 */
export const idempotentRequest = pgTable(
  'idempotent_request',
  {
    orgId: orgId(),
    caller: text('caller').notNull(),
    key: text('key').notNull(),
    /** `POST /api/v1/meetings/:id/notes`: the route the key was first used on. */
    route: text('route').notNull(),
    /** SHA-256 (hex) of the method, path, query and body: a key reused for another request is refused. */
    fingerprint: text('fingerprint').notNull(),
    status: integer('status').notNull(),
    contentType: text('content_type'),
    /** The first answer's body, exactly as it was sent. */
    response: text('response').notNull(),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.caller, t.key] }),
    index('idempotent_request_expires_idx').on(t.orgId, t.expiresAt),
    foreignKey({ columns: [t.orgId], foreignColumns: [org.id] }).onDelete('cascade'),
  ],
);

/**
 * An OAuth 2.0 web-server flow under way (src/sync/oauth-flow.ts): the `state` Rudder sent to
 * the CRM's authorize page, kept as its SHA-256 (a leaked row cannot be replayed), bound to
 * the admin and their browser session, usable once and only until `expires_at`. The PKCE
 * code verifier is sealed like a connection's secrets.
 */
export const crmOauthState = pgTable(
  'crm_oauth_state',
  {
    orgId: orgId(),
    id: id(),
    kind: text('kind').$type<CrmKind>().notNull(),
    stateHash: text('state_hash').notNull(),
    personId: uuid('person_id').notNull(),
    /** SHA-256 of the session cookie that started the flow: another browser cannot finish it. */
    sessionHash: text('session_hash').notNull(),
    verifier: text('verifier').notNull(),
    redirectUri: text('redirect_uri').notNull(),
    loginUrl: text('login_url').notNull(),
    expiresAt: instant('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('crm_oauth_state_hash_key').on(t.orgId, t.stateHash),
    foreignKey({ columns: [t.orgId], foreignColumns: [org.id] }).onDelete('cascade'),
  ],
);
