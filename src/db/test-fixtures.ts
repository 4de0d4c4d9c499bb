import type { Queryable } from './database.js';

/**
 * Small factories for database tests: each inserts one row with sensible defaults and
 * returns its id; tests override only what they assert on.
 */
export async function insertOrg(
  db: Queryable,
  overrides: {
    slug?: string;
    timeZone?: string;
    fiscalYearStartMonth?: number;
    settings?: object;
  } = {},
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into org (slug, name, time_zone, fiscal_year_start_month, settings)
     values ($1, $1, $2, $3, $4) returning id`,
    [
      overrides.slug ?? `org-${Math.random().toString(36).slice(2, 8)}`,
      overrides.timeZone ?? 'UTC',
      overrides.fiscalYearStartMonth ?? 1,
      JSON.stringify(overrides.settings ?? {}),
    ],
  );
  return row?.id ?? '';
}

export async function insertPerson(
  db: Queryable,
  orgId: string,
  overrides: { name?: string; email?: string; role?: string; externalId?: string } = {},
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into person (org_id, name, email, role, external_id) values ($1, $2, $3, $4, $5)
     returning id`,
    [
      orgId,
      overrides.name ?? 'Pat Doe',
      overrides.email ?? null,
      overrides.role ?? 'rep',
      overrides.externalId ?? null,
    ],
  );
  return row?.id ?? '';
}

export async function insertTeam(
  db: Queryable,
  orgId: string,
  options: {
    name: string;
    managerId?: string;
    members: Array<{ personId: string; from: string; to?: string }>;
  },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    'insert into team (org_id, name, manager_id) values ($1, $2, $3) returning id',
    [orgId, options.name, options.managerId ?? null],
  );
  const teamId = row?.id ?? '';
  for (const m of options.members) {
    await db.query(
      `insert into team_membership (org_id, team_id, person_id, valid_from, valid_to)
       values ($1, $2, $3, $4, $5)`,
      [orgId, teamId, m.personId, m.from, m.to ?? null],
    );
  }
  return teamId;
}

export const standardStages = [
  { name: 'Qualification', kind: 'open', probability: 20 },
  { name: 'Discovery', kind: 'open', probability: 40 },
  { name: 'Proposal', kind: 'open', probability: 60 },
  { name: 'Closed Won', kind: 'won', probability: 100 },
  { name: 'Closed Lost', kind: 'lost', probability: 0 },
] as const;

/** Inserts the standard stages; returns their ids by name. */
export async function insertStages(db: Queryable, orgId: string): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const [i, s] of standardStages.entries()) {
    const [row] = await db.query<{ id: string }>(
      `insert into stage (org_id, name, position, kind, probability) values ($1, $2, $3, $4, $5)
       returning id`,
      [orgId, s.name, i + 1, s.kind, s.probability],
    );
    ids[s.name] = row?.id ?? '';
  }
  return ids;
}

export interface OpportunityRow {
  /** A chosen id (ids are unique per organization), else a generated one. */
  id?: string;
  ownerId: string;
  stageId: string;
  status?: 'open' | 'won' | 'lost';
  amount: number;
  createdAt: string;
  closeDate?: string | null;
  closedAt?: string | null;
  lastChangedAt?: string;
  name?: string;
  probability?: number | null;
}

export async function insertOpportunity(
  db: Queryable,
  orgId: string,
  o: OpportunityRow,
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into opportunity (org_id, owner_id, name, amount, currency, stage_id, status, probability,
                              created_at, close_date, closed_at, last_changed_at, id)
     values ($1, $2, $3, $4, 'USD', $5, $6, $7, $8, $9, $10, $11, coalesce($12, gen_random_uuid()))
     returning id`,
    [
      orgId,
      o.ownerId,
      o.name ?? 'Deal',
      o.amount,
      o.stageId,
      o.status ?? 'open',
      o.probability ?? null,
      o.createdAt,
      o.closeDate ?? null,
      o.closedAt ?? null,
      o.lastChangedAt ?? o.closedAt ?? o.createdAt,
      o.id ?? null,
    ],
  );
  return row?.id ?? '';
}

export async function insertEvent(
  db: Queryable,
  orgId: string,
  e: {
    opportunityId: string;
    field: string;
    oldValue: string | null;
    newValue: string | null;
    at: string;
  },
): Promise<void> {
  await db.query(
    `insert into opportunity_event (org_id, opportunity_id, field, old_value, new_value, observed_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [orgId, e.opportunityId, e.field, e.oldValue, e.newValue, e.at],
  );
}

export async function insertGoal(
  db: Queryable,
  orgId: string,
  g: {
    personId: string;
    periodStart: string;
    target: number;
    metric?: string;
    status?: string;
    activityKind?: string;
  },
): Promise<void> {
  await db.query(
    `insert into goal (org_id, person_id, metric, activity_kind, period_kind, period_start, target, status)
     values ($1, $2, $3, $4, 'month', $5, $6, $7)`,
    [
      orgId,
      g.personId,
      g.metric ?? 'bookings',
      g.activityKind ?? '',
      g.periodStart,
      g.target,
      g.status ?? 'agreed',
    ],
  );
}

export async function insertActivity(
  db: Queryable,
  orgId: string,
  a: { personId: string; kind: string; at: string; count?: number; subject?: string },
): Promise<void> {
  await db.query(
    `insert into activity (org_id, person_id, kind, occurred_at, count, subject) values ($1, $2, $3, $4, $5, $6)`,
    [orgId, a.personId, a.kind, a.at, a.count ?? 1, a.subject ?? null],
  );
}

export async function insertHeldMeeting(
  db: Queryable,
  orgId: string,
  m: { repId: string; managerId: string; heldAt: string },
): Promise<void> {
  await db.query(
    `insert into meeting (org_id, rep_id, manager_id, scheduled_at, status, started_at, held_at)
     values ($1, $2, $3, $4, 'held', $4, $4)`,
    [orgId, m.repId, m.managerId, m.heldAt],
  );
}
