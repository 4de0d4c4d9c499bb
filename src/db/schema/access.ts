import { foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, orgId } from './columns.js';
import { org } from './organization.js';
import { person, team } from './people.js';

export const oneTimeTokenPurposes = ['invitation', 'password_reset'] as const;
export type OneTimeTokenPurpose = (typeof oneTimeTokenPurposes)[number];

/**
 * The e-mailed links of invitations and password resets: single use, short-lived, and kept
 * only as a SHA-256 hash (the token itself exists only in the message).
 */
export const oneTimeToken = pgTable(
  'one_time_token',
  {
    orgId: orgId(),
    tokenHash: text('token_hash').notNull(),
    personId: uuid('person_id').notNull(),
    purpose: text('purpose').$type<OneTimeTokenPurpose>().notNull(),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.tokenHash] }),
    index('one_time_token_person_idx').on(t.orgId, t.personId),
    foreignKey({
      columns: [t.orgId, t.personId],
      foreignColumns: [person.orgId, person.id],
    }).onDelete('cascade'),
  ],
);

/**
 * A one-time setup token (`rudder org setup-token`): on a server that already has an
 * organization, it is what opens the browser's setup screen for one more. Server-wide, so no
 * org_id; kept only as a SHA-256 hash, single use, short-lived.
 */
export const setupToken = pgTable('setup_token', {
  tokenHash: text('token_hash').primaryKey(),
  createdAt: createdAt(),
  expiresAt: instant('expires_at').notNull(),
  usedAt: instant('used_at'),
});

/** A team's scorecard for one period, published by its manager: from then on the reps see it. */
export const scorecardPublication = pgTable(
  'scorecard_publication',
  {
    orgId: orgId(),
    teamId: uuid('team_id').notNull(),
    periodKey: text('period_key').notNull(),
    publishedBy: uuid('published_by'),
    publishedAt: instant('published_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.teamId, t.periodKey] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [org.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.teamId], foreignColumns: [team.orgId, team.id] }).onDelete(
      'cascade',
    ),
  ],
);

/**
 * A rep who shares their activity detail with their manager: with the organization's activity
 * gate on, the manager then sees it before the progression reaches the activity stage.
 */
export const activityShare = pgTable(
  'activity_share',
  {
    orgId: orgId(),
    personId: uuid('person_id').notNull(),
    sharedAt: instant('shared_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.personId] }),
    foreignKey({
      columns: [t.orgId, t.personId],
      foreignColumns: [person.orgId, person.id],
    }).onDelete('cascade'),
  ],
);
