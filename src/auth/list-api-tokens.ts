import type { Queryable } from '../db/database.js';

export interface ApiTokenView {
  id: string;
  name: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The organization's API tokens, newest first; never the token itself. */
export async function listApiTokens(
  db: Queryable,
  options: { orgId: string; limit: number; offset: number },
): Promise<{ items: ApiTokenView[]; total: number }> {
  const items = await db.query<ApiTokenView>(
    `select id, name, created_by as "createdBy", created_at as "createdAt",
            last_used_at as "lastUsedAt", revoked_at as "revokedAt"
       from api_token where org_id = $1
      order by created_at desc, id limit $2 offset $3`,
    [options.orgId, options.limit, options.offset],
  );
  const [count] = await db.query<{ n: number }>(
    'select count(*)::int8 as n from api_token where org_id = $1',
    [options.orgId],
  );
  return { items, total: count?.n ?? 0 };
}
