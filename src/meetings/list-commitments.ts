import type { Queryable } from '../db/database.js';
import { type Scope, scopeParam } from '../server/access/scope.js';
import { type CommitmentView, commitmentColumns } from './meeting-view.js';

export interface ListCommitmentsOptions {
  orgId: string;
  scope: Scope;
  repId?: string | undefined;
  /** Leaders follow managers' own commitments, not the reps'. */
  managersOnly: boolean;
  limit: number;
  offset: number;
}

/** Commitments made in the 1:1s of the reps within reach, soonest due first. */
export async function listCommitments(
  db: Queryable,
  options: ListCommitmentsOptions,
): Promise<{ items: CommitmentView[]; total: number }> {
  const where = `c.org_id = $1 and ($2::uuid[] is null or c.rep_id = any($2::uuid[]))
    and ($3::uuid is null or c.rep_id = $3::uuid) and (not $4::boolean or c.owner_role = 'manager')`;
  const params = [
    options.orgId,
    scopeParam(options.scope),
    options.repId ?? null,
    options.managersOnly,
  ];
  const items = await db.query<CommitmentView>(
    `select ${commitmentColumns} from commitment c where ${where}
      order by c.due_on, c.id limit $5 offset $6`,
    [...params, options.limit, options.offset],
  );
  const [count] = await db.query<{ n: number }>(
    `select count(*)::int8 as n from commitment c where ${where}`,
    params,
  );
  return { items, total: count?.n ?? 0 };
}
