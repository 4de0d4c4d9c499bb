import { sql } from 'drizzle-orm';
import { bigint, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Every tenant table starts with `org_id`, and `org_id` leads every key: queries stay
 * scoped to one organization and the schema can be distributed by `org_id` later.
 */
export const orgId = () => uuid('org_id').notNull();
export const id = () => uuid('id').notNull().default(sql`gen_random_uuid()`);
/** Money in integer minor units: never floating point. */
export const money = (name: string) => bigint(name, { mode: 'number' });
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
export const createdAt = () => instant('created_at').notNull().defaultNow();
