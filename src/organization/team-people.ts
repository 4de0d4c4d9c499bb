import type { Queryable } from '../db/database.js';
import { AppError } from '../shared/app-error.js';

/** A manager, leader or member must be a person of the same organization: else 400, naming the field. */
export async function assertPeopleInOrg(
  db: Queryable,
  orgId: string,
  fields: Record<string, string | null | undefined>,
): Promise<void> {
  for (const [field, personId] of Object.entries(fields)) {
    if (!personId) continue;
    const [row] = await db.query('select 1 from person where org_id = $1 and id = $2', [
      orgId,
      personId,
    ]);
    if (!row) {
      throw new AppError('VALIDATION_FAILED', `${field}: no such person in this organization.`, {
        issues: [{ field: `body.${field}`, reason: 'no such person in this organization' }],
      });
    }
  }
}
