import { z } from 'zod';
import type { Queryable } from '../db/database.js';

export const AuditEventSchema = z
  .object({
    id: z.number().int(),
    actorId: z.string().nullable(),
    action: z.string(),
    subjectType: z.string().nullable(),
    subjectId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEventView = z.infer<typeof AuditEventSchema>;

/** The organization's audit log, newest first, optionally one action only. */
export async function listAuditEvents(
  db: Queryable,
  options: { orgId: string; action?: string | undefined; limit: number; offset: number },
): Promise<{ items: AuditEventView[]; total: number }> {
  const where = 'org_id = $1 and ($2::text is null or action = $2)';
  const params = [options.orgId, options.action ?? null];
  const items = await db.query<AuditEventView>(
    `select id, actor_id as "actorId", action, subject_type as "subjectType", subject_id as "subjectId",
            case when jsonb_typeof(details) = 'object' then details else '{}'::jsonb end as details,
            ip, created_at as at
       from audit_event where ${where}
      order by created_at desc, id desc limit $3 offset $4`,
    [...params, options.limit, options.offset],
  );
  const [count] = await db.query<{ n: number }>(
    `select count(*)::int8 as n from audit_event where ${where}`,
    params,
  );
  return { items, total: count?.n ?? 0 };
}
