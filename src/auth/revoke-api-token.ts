import type { Queryable } from '../db/database.js';
import { recordAudit } from '../organization/record-audit.js';
import { AppError } from '../shared/app-error.js';

/** Revoking is immediate and final; revoking twice is harmless. */
export async function revokeApiToken(
  db: Queryable,
  options: { orgId: string; tokenId: string; actorId: string; now: Date },
): Promise<void> {
  const rows = await db.query<{ id: string }>(
    `update api_token set revoked_at = coalesce(revoked_at, $3)
      where org_id = $1 and id = $2 returning id`,
    [options.orgId, options.tokenId, options.now.toISOString()],
  );
  if (rows.length === 0) throw new AppError('NOT_FOUND', 'No such API token.');
  await recordAudit(db, {
    orgId: options.orgId,
    actorId: options.actorId,
    action: 'api_token.revoked',
    subjectType: 'api_token',
    subjectId: options.tokenId,
    at: options.now,
  });
}
