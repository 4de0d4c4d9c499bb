import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgId } from './columns.js';
import { org } from './organization.js';
import { monthRankingCode } from './ranking-code.js';

/**
 * Per person and org-local month, what rankings, movement, year to date and trends sum:
 * kept by statement triggers on `opportunity` and `result_entry` in the writing transaction
 * (migration "rep-month-rollup"), rebuilt by `rudder rollup rebuild`. Rows whose figures are
 * all zero are removed. No foreign key to `person`: a person's rows go when their deals go.
 */
export const repMonth = pgTable(
  'rep_month',
  {
    orgId: orgId(),
    personId: uuid('person_id').notNull(),
    /** First day of the org-local month. */
    month: date('month', { mode: 'string' }).notNull(),
    /** Won deals by owner and org-local month of `closed_at`; amount-missing deals count 0. */
    wonAmount: bigint('won_amount', { mode: 'number' }).notNull().default(0),
    wonCount: integer('won_count').notNull().default(0),
    wonMissingCount: integer('won_missing_count').notNull().default(0),
    /** Deals by owner and org-local month of `created_at` (new pipeline), any status. */
    createdValue: bigint('created_value', { mode: 'number' }).notNull().default(0),
    createdCount: integer('created_count').notNull().default(0),
    /** `result_entry` rows by person and month of their day. */
    resultAmount: bigint('result_amount', { mode: 'number' }).notNull().default(0),
    resultCount: integer('result_count').notNull().default(0),
    /** What the organization-wide ranking reads of the month (src/db/schema/ranking-code.ts). */
    rankingCode: text('ranking_code').generatedAlwaysAs(sql.raw(monthRankingCode)),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.personId, t.month] }),
    // The org-wide ranking reads every rep's bookings of a month range at once: an index-only
    // range by month instead of the rows of 2,000 reps scattered over the table.
    index('rep_month_month_idx').on(t.orgId, t.month, t.personId, t.rankingCode),
    foreignKey({ columns: [t.orgId], foreignColumns: [org.id] }).onDelete('cascade'),
  ],
);

/** Activities per person, org-local month and kind (sum of `count`), kept like `rep_month`. */
export const repMonthActivity = pgTable(
  'rep_month_activity',
  {
    orgId: orgId(),
    personId: uuid('person_id').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.personId, t.month, t.kind] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [org.id] }).onDelete('cascade'),
  ],
);
