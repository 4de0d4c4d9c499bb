import type { Queryable } from '../db/database.js';
import { inScope, type Scope } from '../server/access/scope.js';
import { AppError } from '../shared/app-error.js';
import { type CommitmentView, commitmentColumns } from './meeting-view.js';

/** One commitment, if its rep is within reach (and, for leaders, if it is a manager's). */
export async function getCommitment(
  db: Queryable,
  options: { orgId: string; commitmentId: string; scope: Scope; managersOnly: boolean },
): Promise<CommitmentView> {
  const [row] = await db.query<CommitmentView>(
    `select ${commitmentColumns} from commitment c where c.org_id = $1 and c.id = $2`,
    [options.orgId, options.commitmentId],
  );
  if (
    !row ||
    !inScope(options.scope, row.repId) ||
    (options.managersOnly && row.ownerRole !== 'manager')
  ) {
    throw new AppError('NOT_FOUND', 'No such commitment.');
  }
  return row;
}
