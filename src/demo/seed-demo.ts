import { hashPassword } from '../auth/password.js';
import type { Database } from '../db/database.js';
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
 * Creates the demo organization "Northwind Demo" (slug `demo`), replacing it if it exists.
 * The reset and the inserts run in one transaction: a failure leaves the previous demo (or
 * nothing) in place, never half of one.
 */
export async function seedDemo({ db, now }: SeedDemoOptions): Promise<DemoSummary> {
  // One hash for every login: scrypt is deliberately slow, and the password is shared.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { orgId, rows } = buildDemoRows({ now, passwordHash });
  await db.transaction(async (tx) => {
    const existing = await tx.query<{ id: string }>('SELECT id FROM org WHERE slug = $1', [
      demoOrg.slug,
    ]);
    for (const org of existing) await deleteOrgData(tx, org.id);
    await insertDemoRows(tx, rows);
    await freezeDemoAgendas(tx, orgId);
  });
  const counts = Object.fromEntries(
    demoTables.map((table) => [table, rows[table].length]),
  ) as Record<DemoTable, number>;
  return {
    orgId,
    counts,
    logins: [
      ...staff.map(({ email, role, name }) => ({ email, role, name })),
      ...reps.map(({ email, name }) => ({ email, role: 'rep' as const, name })),
    ],
    password: DEMO_PASSWORD,
  };
}
