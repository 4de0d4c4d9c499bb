import type { Queryable } from '../db/database.js';
import { type Scope, scopeParam } from '../server/access/scope.js';
import { type MeetingView, meetingColumns } from './meeting-view.js';

/** The 1:1s of the reps within reach, latest first. */
export async function listMeetings(
  db: Queryable,
  options: {
    orgId: string;
    scope: Scope;
    repId?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ items: MeetingView[]; total: number }> {
  const where = `m.org_id = $1 and ($2::uuid[] is null or m.rep_id = any($2::uuid[]))
    and ($3::uuid is null or m.rep_id = $3::uuid)`;
  const params = [options.orgId, scopeParam(options.scope), options.repId ?? null];
  const items = await db.query<MeetingView>(
    `select ${meetingColumns} from meeting m where ${where}
      order by m.scheduled_at desc, m.id limit $4 offset $5`,
    [...params, options.limit, options.offset],
  );
  const [count] = await db.query<{ n: number }>(
    `select count(*)::int8 as n from meeting m where ${where}`,
    params,
  );
  return { items, total: count?.n ?? 0 };
}
