import type { Queryable } from '../../src/db/database.js';

/**
 * Objects in the state each 1:1 and goal workflow route needs, so that the visibility
 * matrix's one allowed call per route succeeds whatever order the rows run in.
 */
export interface WorkflowFixtures {
  /** r1b's 1:1s with m1: scheduled ahead (to start, move, cancel), and one running. */
  meetings: { toStart: string; toFinish: string; toMove: string; toCancel: string };
  /** r1a's running 1:1 (started an hour before the world's now), to review commitments in. */
  reviewIn: string;
  /** An agreed goal per rep. */
  goals: { r1a: string; r1b: string; r2a: string };
  /** r1a's proposals waiting for an answer, one pair per answer so no call spoils another. */
  proposals: Record<'counter' | 'accept' | 'reject', { byRep: string; byManager: string }>;
}

type People = Record<'m1' | 'r1a' | 'r1b' | 'r2a', string>;

export async function seedWorkflow(
  db: Queryable,
  orgId: string,
  people: People,
): Promise<WorkflowFixtures> {
  const one = async (sql: string, params: unknown[]) =>
    (await db.query<{ id: string }>(sql, params))[0]?.id ?? '';
  const meeting = (repId: string, at: string, startedAt: string | null) =>
    one(
      `insert into meeting (org_id, rep_id, manager_id, scheduled_at, status, started_at)
       values ($1, $2, $3, $4, 'scheduled', $5) returning id`,
      [orgId, repId, people.m1, at, startedAt],
    );
  const goal = (personId: string, periodStart: string, status: string, by: string | null) =>
    one(
      `insert into goal (org_id, person_id, metric, activity_kind, period_kind, period_start, target,
                         status, proposed_by)
       values ($1, $2, 'pipeline_count', '', 'month', $3, 10, $4, $5) returning id`,
      [orgId, personId, periodStart, status, by],
    );
  const proposals = async (month: number) => ({
    byRep: await goal(people.r1a, `2026-0${month}-01`, 'proposed', people.r1a),
    byManager: await goal(people.r1a, `2026-0${month + 1}-01`, 'proposed', people.m1),
  });
  return {
    meetings: {
      toStart: await meeting(people.r1b, '2026-03-20T10:00:00Z', null),
      toFinish: await meeting(people.r1b, '2026-03-15T11:30:00Z', '2026-03-15T11:30:00Z'),
      toMove: await meeting(people.r1b, '2026-03-21T10:00:00Z', null),
      toCancel: await meeting(people.r1b, '2026-03-22T10:00:00Z', null),
    },
    reviewIn: await meeting(people.r1a, '2026-03-15T11:00:00Z', '2026-03-15T11:00:00Z'),
    goals: {
      r1a: await goal(people.r1a, '2026-03-01', 'agreed', null),
      r1b: await goal(people.r1b, '2026-03-01', 'agreed', null),
      r2a: await goal(people.r2a, '2026-03-01', 'agreed', null),
    },
    proposals: {
      counter: await proposals(4),
      accept: await proposals(6),
      reject: await proposals(8),
    },
  };
}
