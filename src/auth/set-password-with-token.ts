import type { Database } from '../db/database.js';
import { recordAudit } from '../organization/record-audit.js';
import { AppError } from '../shared/app-error.js';
import { isUuid } from './caller.js';
import { hashPassword } from './password.js';
import { sha256 } from './secrets.js';

const invalidLink = () =>
  new AppError('VALIDATION_FAILED', 'token: the link is not valid or has expired.', {
    issues: [{ field: 'body.token', reason: 'is not valid or has expired' }],
  });

/**
 * Completes an invitation or a password reset: the token is spent, the password set, and
 * every open session of the person ends (a reset must lock out whoever knew the old one).
 */
export async function setPasswordWithToken(
  db: Database,
  options: { token: string; password: string; now: Date },
): Promise<void> {
  const [orgId, secret] = options.token.split('.');
  if (!orgId || !secret || !isUuid(orgId)) throw invalidLink();
  const passwordHash = await hashPassword(options.password);
  await db.transaction(async (tx) => {
    const [spent] = await tx.query<{ person_id: string }>(
      `update one_time_token set used_at = $3
        where org_id = $1 and token_hash = $2 and used_at is null and expires_at > $3
        returning person_id`,
      [orgId, sha256(secret), options.now.toISOString()],
    );
    if (!spent) throw invalidLink();
    await tx.query('update person set password_hash = $3 where org_id = $1 and id = $2', [
      orgId,
      spent.person_id,
      passwordHash,
    ]);
    await tx.query('delete from session where org_id = $1 and person_id = $2', [
      orgId,
      spent.person_id,
    ]);
    await recordAudit(tx, {
      orgId,
      actorId: spent.person_id,
      action: 'auth.password_set',
      subjectType: 'person',
      subjectId: spent.person_id,
      at: options.now,
    });
  });
}
