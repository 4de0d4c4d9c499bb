import { sql } from 'drizzle-orm';
import { check, jsonb, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

export const org = pgTable(
  'org',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    /** ISO 4217 code; amounts are stored in its minor units. */
    currency: text('currency').notNull().default('USD'),
    locale: text('locale').notNull().default('en-US'),
    /** IANA zone: decides which day an instant falls on. */
    timeZone: text('time_zone').notNull().default('UTC'),
    fiscalYearStartMonth: smallint('fiscal_year_start_month').notNull().default(1),
    /** Thresholds of the progression and other settings; parsed by the core's schema. */
    settings: jsonb('settings').notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('org_slug_key').on(t.slug),
    check('org_fiscal_month_check', sql`${t.fiscalYearStartMonth} between 1 and 12`),
  ],
);
