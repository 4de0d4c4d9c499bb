import type { Queryable } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import { type CommitmentView, commitmentColumns } from './meeting-view.js';

/**
 * The owner of an open commitment marks it done as they go (or takes that back). Only the
 * owner may: the rep marks their own, never the manager's to them. The review in the next
 * 1:1 still decides kept or not kept; a reviewed commitment is no longer the owner's to mark.
 */
export async function markCommitmentDone(
  db: Queryable,
  options: {
    orgId: string;
    commitment: CommitmentView;
    actorId: string;
    done: boolean;
    now: Date;
  },
): Promise<CommitmentView> {
  const { commitment } = options;
  if (commitment.ownerId !== options.actorId)
    throw new AppError('FORBIDDEN', 'Only the owner of a commitment marks it done.');
  if (commitment.status !== 'open')
    throw new AppError('CONFLICT', 'This commitment was already reviewed in a 1:1.');
  const [row] = await db.query<CommitmentView>(
    `update commitment c set done_at = $3
      where c.org_id = $1 and c.id = $2 and c.status = 'open'
      returning ${commitmentColumns}`,
    [options.orgId, commitment.id, options.done ? options.now.toISOString() : null],
  );
  if (!row) throw new AppError('CONFLICT', 'This commitment was already reviewed in a 1:1.');
  return row;
}
