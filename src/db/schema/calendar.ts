import {
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId } from './columns.js';
import { person } from './people.js';

/**
 * A person's calendar subscription: the secret URL of an iCalendar feed of their 1:1s.
 * Only a SHA-256 hash of the secret is kept; revoking sets `revoked_at` and the URL stops
 * answering. The token in the URL carries the org id, so the lookup stays org-scoped.
 */
export const calendarFeed = pgTable(
  'calendar_feed',
  {
    orgId: orgId(),
    id: id(),
    personId: uuid('person_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('calendar_feed_token_key').on(t.orgId, t.tokenHash),
    index('calendar_feed_person_idx').on(t.orgId, t.personId),
    foreignKey({
      columns: [t.orgId, t.personId],
      foreignColumns: [person.orgId, person.id],
    }).onDelete('cascade'),
  ],
);
