import type { Queryable } from '../db/database.js';

/** The audited actions; add one here when a new kind of event is recorded. */
export const auditActions = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'auth.password_set',
  'auth.invitation_sent',
  'auth.password_reset_requested',
  'api_token.created',
  'api_token.revoked',
  'person.created',
  'person.updated',
  'person.role_changed',
  'team.created',
  'team.updated',
  'team.member_moved',
  'stages.replaced',
  'settings.changed',
  'scorecard.published',
  'activity.viewed',
  'activity.sharing_changed',
  'import.started',
  'import.finished',
  'export.created',
  'crm.connected',
  'crm.sync_requested',
  'crm.sync_stopped',
] as const;

export type AuditAction = (typeof auditActions)[number];

export interface AuditRecord {
  orgId: string;
  /** The person who acted; null for the system (a scheduled job, an unknown caller). */
  actorId: string | null;
  action: AuditAction;
  subjectType?: string;
  subjectId?: string;
  details?: Record<string, unknown>;
  ip?: string;
  /** Defaults to the database's now(); pass the injected clock's time where there is one. */
  at?: Date;
}

/**
 * Appends one event to the organization's audit log. The import and export pipelines call it
 * too (`import.started`, `import.finished`, `export.created`), inside their transaction when
 * they have one, so that the log never shows work that was rolled back.
 */
export async function recordAudit(db: Queryable, record: AuditRecord): Promise<void> {
  await db.query(
    `insert into audit_event (org_id, actor_id, action, subject_type, subject_id, details, ip, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, coalesce($8::timestamptz, now()))`,
    [
      record.orgId,
      record.actorId,
      record.action,
      record.subjectType ?? null,
      record.subjectId ?? null,
      JSON.stringify(record.details ?? {}),
      record.ip ?? null,
      record.at?.toISOString() ?? null,
    ],
  );
}
