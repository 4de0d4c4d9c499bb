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
    sentAt: instant('sent_at'),
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
