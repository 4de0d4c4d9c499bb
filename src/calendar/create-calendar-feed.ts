import type { Database } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import { newFeedToken } from './calendar-token.js';

export interface CalendarFeedCreated {
  feedId: string;
  /** Shown once: only its hash is kept. */
  token: string;
  /** The subscription address when PUBLIC_URL is configured (`/calendar/<token>.ics`). */
  url: string | null;
}

/**
 * A new secret subscription URL for a person's 1:1 calendar. It replaces (revokes) the
 * person's previous one: one live URL per person, so "I pasted it somewhere" is fixed by
 * asking for a new one.
 */
export async function createCalendarFeed(
  db: Database,
  options: { orgId: string; personId: string; now: Date; publicUrl?: string | undefined },
): Promise<CalendarFeedCreated> {
  const { token, hash } = newFeedToken(options.orgId);
  const feedId = await db.transaction(async (tx) => {
    const [person] = await tx.query('select 1 from person where org_id = $1 and id = $2', [
      options.orgId,
      options.personId,
    ]);
    if (!person) throw new AppError('NOT_FOUND', 'No such person.');
    await tx.query(
      `update calendar_feed set revoked_at = $3
        where org_id = $1 and person_id = $2 and revoked_at is null`,
      [options.orgId, options.personId, options.now.toISOString()],
    );
    const [row] = await tx.query<{ id: string }>(
      `insert into calendar_feed (org_id, person_id, token_hash, created_at)
       values ($1, $2, $3, $4) returning id`,
      [options.orgId, options.personId, hash, options.now.toISOString()],
    );
    return row?.id ?? '';
  });
  const url = options.publicUrl
    ? `${options.publicUrl.replace(/\/+$/, '')}/calendar/${token}.ics`
    : null;
  return { feedId, token, url };
}
