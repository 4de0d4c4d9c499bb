import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId } from './columns.js';
import { org } from './organization.js';

export const roles = ['admin', 'leader', 'manager', 'rep'] as const;
export type Role = (typeof roles)[number];

export const person = pgTable(
  'person',
  {
    orgId: orgId().references(() => org.id, { onDelete: 'cascade' }),
    id: id(),
    /** The id of this person in the CRM (Salesforce OwnerId, HubSpot owner id, …). */
    externalId: text('external_id'),
    name: text('name').notNull(),
    email: text('email'),
    title: text('title'),
    role: text('role').$type<Role>().notNull().default('rep'),
    /** null: no login (reps imported from a CRM are normal). */
    passwordHash: text('password_hash'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('person_external_id_key').on(t.orgId, t.externalId),
    uniqueIndex('person_email_key').on(t.orgId, sql`lower(${t.email})`),
    check('person_role_check', sql`${t.role} in ('admin','leader','manager','rep')`),
  ],
);

export const team = pgTable(
  'team',
  {
    orgId: orgId(),
    id: id(),
    name: text('name').notNull(),
    /** The manager who runs the team's 1:1s now. */
    managerId: uuid('manager_id'),
    /** The sales leader the team reports to. */
    leaderId: uuid('leader_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('team_name_key').on(t.orgId, t.name),
    foreignKey({ columns: [t.orgId], foreignColumns: [org.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.managerId], foreignColumns: [person.orgId, person.id] }),
    foreignKey({ columns: [t.orgId, t.leaderId], foreignColumns: [person.orgId, person.id] }),
  ],
);

/** People change teams; rankings use the team a rep belonged to in the period. */
export const teamMembership = pgTable(
  'team_membership',
  {
    orgId: orgId(),
    id: id(),
    teamId: uuid('team_id').notNull(),
    personId: uuid('person_id').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    /** Exclusive; null while current. */
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('team_membership_person_idx').on(t.orgId, t.personId, t.validFrom),
    index('team_membership_team_idx').on(t.orgId, t.teamId, t.validFrom),
    foreignKey({ columns: [t.orgId, t.teamId], foreignColumns: [team.orgId, team.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      columns: [t.orgId, t.personId],
      foreignColumns: [person.orgId, person.id],
    }).onDelete('cascade'),
    check(
      'team_membership_range_check',
      sql`${t.validTo} is null or ${t.validTo} > ${t.validFrom}`,
    ),
  ],
);

export const session = pgTable(
  'session',
  {
    orgId: orgId(),
    /** SHA-256 of the random token; the token itself is only ever in the cookie. */
    tokenHash: text('token_hash').notNull(),
    personId: uuid('person_id').notNull(),
    createdAt: createdAt(),
    lastSeenAt: instant('last_seen_at').notNull().defaultNow(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.tokenHash] }),
    foreignKey({
      columns: [t.orgId, t.personId],
      foreignColumns: [person.orgId, person.id],
    }).onDelete('cascade'),
  ],
);

export const apiToken = pgTable(
  'api_token',
  {
    orgId: orgId(),
    id: id(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    lastUsedAt: instant('last_used_at'),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('api_token_hash_key').on(t.orgId, t.tokenHash),
    foreignKey({ columns: [t.orgId], foreignColumns: [org.id] }).onDelete('cascade'),
  ],
);
