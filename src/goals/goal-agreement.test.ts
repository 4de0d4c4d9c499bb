import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { insertOrg, insertPerson, insertTeam } from '../db/test-fixtures.js';
import type { Actor } from '../meetings/meeting-records.js';
import { acceptGoal } from './accept-goal.js';
import { counterGoal } from './counter-goal.js';
import { listGoalEvents } from './list-goal-events.js';
import { proposeGoalForRep } from './propose-goal-for-rep.js';
import { rejectGoal } from './reject-goal.js';
import { reviseGoal } from './revise-goal.js';

const at = (iso: string) => new Date(iso);

describe(`agreeing on a goal (${testEngine})`, () => {
  let db: Database;
  let orgId: string;
  let manager: Actor;
  let rep: Actor;
  let outsider: Actor;

  beforeAll(async () => {
    db = await createTestDb();
    orgId = await insertOrg(db);
    const managerId = await insertPerson(db, orgId, { name: 'Morgan', role: 'manager' });
    const repId = await insertPerson(db, orgId, { name: 'Riley' });
    const otherId = await insertPerson(db, orgId, { name: 'Other manager', role: 'manager' });
    await insertTeam(db, orgId, {
      name: 'East',
      managerId,
      members: [{ personId: repId, from: '2026-01-01' }],
    });
    manager = { personId: managerId, role: 'manager' };
    rep = { personId: repId, role: 'rep' };
    outsider = { personId: otherId, role: 'manager' };
  });
  afterAll(async () => {
    await db.close();
  });

  const goal = (target: number) => ({
    personId: rep.personId,
    metric: 'bookings' as const,
    periodKind: 'month' as const,
    periodStart: '2026-11-01',
    target,
  });

  it('walks propose → counter → accept, each step recorded with who and when', async () => {
    await expect(
      proposeGoalForRep(db, {
        orgId,
        actor: outsider,
        goal: goal(1),
        now: at('2026-10-20T10:00:00Z'),
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const proposed = await proposeGoalForRep(db, {
      orgId,
      actor: manager,
      goal: goal(5_000_000),
      now: at('2026-10-20T10:00:00Z'),
    });
    expect(proposed).toMatchObject({
      status: 'proposed',
      proposedBy: manager.personId,
      target: 5_000_000,
    });
    // The proposer cannot accept their own proposal, nor counter it.
    await expect(
      acceptGoal(db, {
        orgId,
        goalId: proposed.id,
        actor: manager,
        now: at('2026-10-20T10:01:00Z'),
      }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const countered = await counterGoal(db, {
      orgId,
      goalId: proposed.id,
      actor: rep,
      target: 4_000_000,
      now: at('2026-10-20T11:00:00Z'),
    });
    expect(countered).toMatchObject({
      status: 'proposed',
      proposedBy: rep.personId,
      target: 4_000_000,
    });
    await expect(
      acceptGoal(db, { orgId, goalId: proposed.id, actor: rep, now: at('2026-10-20T11:01:00Z') }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    // Accepting a number the manager did not see (the counter changed it) is refused.
    await expect(
      acceptGoal(db, {
        orgId,
        goalId: proposed.id,
        actor: manager,
        target: 5_000_000,
        now: at('2026-10-20T12:00:00Z'),
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const agreed = await acceptGoal(db, {
      orgId,
      goalId: proposed.id,
      actor: manager,
      target: 4_000_000,
      now: at('2026-10-20T12:00:00Z'),
    });
    expect(agreed).toMatchObject({
      status: 'agreed',
      agreedBy: manager.personId,
      agreedAt: '2026-10-20T12:00:00.000Z',
      target: 4_000_000,
    });
    const events = await listGoalEvents(db, { orgId, goalId: proposed.id });
    expect(events.map((e) => [e.action, e.target, e.actorId, e.at])).toEqual([
      ['proposed', 5_000_000, manager.personId, '2026-10-20T10:00:00.000Z'],
      ['countered', 4_000_000, rep.personId, '2026-10-20T11:00:00.000Z'],
      ['accepted', 4_000_000, manager.personId, '2026-10-20T12:00:00.000Z'],
    ]);
  });

  it('keeps a goal agreed while a change waits beside it, and after the change is rejected', async () => {
    const [row] = await db.query<{ id: string }>('select id from goal where person_id = $1', [
      rep.personId,
    ]);
    const goalId = row?.id ?? '';
    const revised = await reviseGoal(db, {
      orgId,
      goalId,
      actor: manager,
      target: 4_500_000,
      now: at('2026-10-25T09:00:00Z'),
    });
    expect(revised).toMatchObject({
      status: 'agreed',
      target: 4_000_000,
      agreedBy: manager.personId,
      pendingChange: {
        target: 4_500_000,
        proposedBy: manager.personId,
        proposedAt: '2026-10-25T09:00:00.000Z',
      },
    });
    await expect(
      rejectGoal(db, { orgId, goalId, actor: outsider, now: at('2026-10-25T09:30:00Z') }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const rejected = await rejectGoal(db, {
      orgId,
      goalId,
      actor: rep,
      now: at('2026-10-25T10:00:00Z'),
    });
    expect(rejected).toMatchObject({ status: 'agreed', target: 4_000_000, pendingChange: null });
    // Nothing waits any more: there is nothing to counter, accept or reject.
    await expect(
      counterGoal(db, { orgId, goalId, actor: rep, target: 1, now: at('2026-10-25T10:01:00Z') }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      acceptGoal(db, { orgId, goalId, actor: rep, now: at('2026-10-25T10:01:00Z') }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const events = await listGoalEvents(db, { orgId, goalId });
    expect(events.slice(3).map((e) => [e.action, e.target, e.actorId])).toEqual([
      ['change_proposed', 4_500_000, manager.personId],
      ['change_rejected', 4_500_000, rep.personId],
    ]);
  });

  it('keeps a goal never agreed as a plain proposal when its target is revised', async () => {
    const proposed = await proposeGoalForRep(db, {
      orgId,
      actor: rep,
      goal: { ...goal(1_000_000), periodStart: '2027-01-01' },
      now: at('2026-10-26T09:00:00Z'),
    });
    const revised = await reviseGoal(db, {
      orgId,
      goalId: proposed.id,
      actor: manager,
      target: 2_000_000,
      now: at('2026-10-26T10:00:00Z'),
    });
    expect(revised).toMatchObject({
      status: 'proposed',
      target: 2_000_000,
      proposedBy: manager.personId,
      pendingChange: null,
    });
  });

  it('lists steps taken at the same instant in the order they happened', async () => {
    // One clock reading for every step: only the recorded order can tell them apart (by id,
    // random UUIDs, these five would come back in this order once in 120 runs).
    const now = at('2026-10-21T09:00:00Z');
    const proposed = await proposeGoalForRep(db, {
      orgId,
      actor: manager,
      goal: { ...goal(3_000_000), periodStart: '2026-12-01' },
      now,
    });
    const goalId = proposed.id;
    await counterGoal(db, { orgId, goalId, actor: rep, target: 2_000_000, now });
    await counterGoal(db, { orgId, goalId, actor: manager, target: 2_800_000, now });
    await counterGoal(db, { orgId, goalId, actor: rep, target: 2_500_000, now });
    await acceptGoal(db, { orgId, goalId, actor: manager, target: 2_500_000, now });
    const events = await listGoalEvents(db, { orgId, goalId });
    expect(events.map((e) => [e.action, e.target, e.actorId, e.at])).toEqual([
      ['proposed', 3_000_000, manager.personId, '2026-10-21T09:00:00.000Z'],
      ['countered', 2_000_000, rep.personId, '2026-10-21T09:00:00.000Z'],
      ['countered', 2_800_000, manager.personId, '2026-10-21T09:00:00.000Z'],
      ['countered', 2_500_000, rep.personId, '2026-10-21T09:00:00.000Z'],
      ['accepted', 2_500_000, manager.personId, '2026-10-21T09:00:00.000Z'],
    ]);
  });
});
