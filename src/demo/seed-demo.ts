import { hashPassword } from '../auth/password.js';
import type { Database, Queryable } from '../db/database.js';
import { createCalendar } from './demo-calendar.js';
import { createContext } from './demo-context.js';
import { type DemoRows, type DemoTable, demoTables, emptyRows } from './demo-rows.js';
import { freezeDemoAgendas } from './freeze-demo-agendas.js';
import { generateActivities } from './generate-activities.js';
import { generateGoals } from './generate-goals.js';
import { generateMeetings } from './generate-meetings.js';
import { generateOpportunities } from './generate-opportunities.js';
import { generateOrganization } from './generate-organization.js';
import { DEMO_PASSWORD, demoOrg, reps, staff } from './profiles.js';
import { deleteOrgData, insertDemoRows } from './write-demo.js';

export interface SeedDemoOptions {
  db: Database;
  /** Every date of the demo is relative to this instant: the same `now` gives the same data. */
  now: Date;
}

export interface DemoLogin {
  email: string;
  role: 'admin' | 'leader' | 'manager' | 'rep';
  name: string;
}

export interface DemoSummary {
  orgId: string;
  /** `demo`, unless the demo was renamed or another organization holds `demo`. */
  slug: string;
  /** The name of the organization, not the demo, that holds the slug `demo`, if any. */
  demoSlugHeldBy: string | null;
  counts: Record<DemoTable, number>;
  logins: DemoLogin[];
  /** The one password of every demo login. */
  password: string;
}

/** Builds every row of the demo in memory; no I/O, so it is deterministic given `now`. */
export function buildDemoRows(options: { now: Date; passwordHash: string }): {
  orgId: string;
  rows: DemoRows;
} {
  const ctx = createContext(createCalendar(options.now, demoOrg.timeZone));
  const rows = emptyRows();
  generateOrganization(ctx, rows, options.passwordHash);
  generateGoals(ctx, rows);
  const openDeals = generateOpportunities(ctx, rows);
  generateActivities(ctx, rows, openDeals);
  generateMeetings(ctx, rows);
  return { orgId: ctx.orgId, rows };
}

/**
 * Creates the demo organization "Northwind Demo", replacing it if it exists. The demo is
 * the organization with the demo's fixed id, whatever its slug: renamed, it is still the
 * demo and keeps its new slug. An organization that is not the demo is never touched, even
 * one that took the slug `demo`: a new demo then takes the first free `demo-2`, `demo-3`, …
 * The reset and the inserts run in one transaction: a failure leaves the previous demo (or
 * nothing) in place, never half of one.
 */
export async function seedDemo({ db, now }: SeedDemoOptions): Promise<DemoSummary> {
  // One hash for every login: scrypt is deliberately slow, and the password is shared.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { orgId, rows } = buildDemoRows({ now, passwordHash });
  const { slug, demoSlugHeldBy } = await db.transaction(async (tx) => {
    const [holder] = await tx.query<{ name: string }>(
      'SELECT name FROM org WHERE slug = $1 AND id <> $2',
      [demoOrg.slug, orgId],
    );
    const [existing] = await tx.query<{ slug: string }>('SELECT slug FROM org WHERE id = $1', [
      orgId,
    ]);
    if (existing) await deleteOrgData(tx, orgId);
    const slug = existing?.slug ?? (await freeDemoSlug(tx));
    for (const org of rows.org) org.slug = slug;
    await insertDemoRows(tx, rows);
    await freezeDemoAgendas(tx, orgId);
    return { slug, demoSlugHeldBy: holder?.name ?? null };
  });
  const counts = Object.fromEntries(
    demoTables.map((table) => [table, rows[table].length]),
  ) as Record<DemoTable, number>;
  return {
    orgId,
    slug,
    demoSlugHeldBy,
    counts,
    logins: [
      ...staff.map(({ email, role, name }) => ({ email, role, name })),
      ...reps.map(({ email, name }) => ({ email, role: 'rep' as const, name })),
    ],
    password: DEMO_PASSWORD,
  };
}

/** `demo`, or when another organization holds it, the first free `demo-2`, `demo-3`, … */
async function freeDemoSlug(tx: Queryable): Promise<string> {
  const taken = await tx.query<{ slug: string }>(
    "SELECT slug FROM org WHERE slug = $1 OR slug LIKE $1 || '-%'",
    [demoOrg.slug],
  );
  const slugs = new Set(taken.map((org) => org.slug));
  let slug: string = demoOrg.slug;
  for (let n = 2; slugs.has(slug); n += 1) slug = `${demoOrg.slug}-${n}`;
  return slug;
}
