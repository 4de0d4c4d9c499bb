import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepFacts } from '../../core/facts.js';
import type { Database } from '../database.js';
import { createTestDb, testEngine } from '../test-db.js';
import * as f from '../test-fixtures.js';
import { loadRepFacts } from './load-rep-facts.js';
import { loadOrgContext } from './org-context.js';

/*
 * One hand-built team in America/New_York, reviewed on 2026-11-16 (review month: October).
 * Every expected number below is worked out by hand in the comment beside it.
 */
describe(`loadRepFacts (${testEngine})`, () => {
  let db: Database;
  let facts: RepFacts;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDb();
    const org = await f.insertOrg(db, { slug: 'facts', timeZone: 'America/New_York' });
    const stage = await f.insertStages(db, org);
    const a = await f.insertPerson(db, org, { name: 'Ana' });
    const b = await f.insertPerson(db, org, { name: 'Ben' });
    const c = await f.insertPerson(db, org, { name: 'Cy' });
    const m = await f.insertPerson(db, org, { name: 'Mo', role: 'manager' });
    Object.assign(ids, { org, a, b, c, m, ...stage });
    await f.insertTeam(db, org, {
      name: 'East',
      managerId: m,
      members: [
        { personId: a, from: '2026-01-01' },
        { personId: b, from: '2026-01-01' },
        // Cy left on October 1st: in September's ranking, not in October's.
        { personId: c, from: '2026-01-01', to: '2026-10-01' },
      ],
    });
    for (const p of [a, b, c]) {
      await f.insertGoal(db, org, { personId: p, periodStart: '2026-09-01', target: 1_000_000 });
    }
    await f.insertGoal(db, org, { personId: a, periodStart: '2026-10-01', target: 1_000_000 });
    await f.insertGoal(db, org, { personId: b, periodStart: '2026-10-01', target: 1_000_000 });
    await f.insertGoal(db, org, {
      personId: a,
      periodStart: '2026-11-01',
      target: 1_000_000,
      status: 'proposed',
    });

    const won = (owner: string, amount: number, createdAt: string, closedAt: string) =>
      f.insertOpportunity(db, org, {
        ownerId: owner,
        stageId: stage['Closed Won'] ?? '',
        status: 'won',
        amount,
        createdAt,
        closedAt,
        closeDate: closedAt.slice(0, 10),
      });
    // Ana. W1 closes at 23:30 on Oct 31 in New York (03:30 UTC on Nov 1): October's.
    const w1 = await won(a, 600_000, '2026-08-01T12:00:00Z', '2026-10-31T23:30:00-04:00');
    await f.insertEvent(db, org, {
      opportunityId: w1,
      field: 'stage',
      oldValue: stage.Proposal ?? '',
      newValue: stage['Closed Won'] ?? '',
      at: '2026-10-31T23:30:00-04:00',
    });
    // W2 closes at 00:30 on Nov 1 in New York: November's.
    const w2 = await won(a, 200_000, '2026-10-01T12:00:00Z', '2026-11-01T00:30:00-04:00');
    await f.insertEvent(db, org, {
      opportunityId: w2,
      field: 'stage',
      oldValue: stage.Discovery ?? '',
      newValue: stage['Closed Won'] ?? '',
      at: '2026-11-01T00:30:00-04:00',
    });
    await won(a, 1_100_000, '2026-08-15T12:00:00Z', '2026-09-15T12:00:00Z');
    await f.insertOpportunity(db, org, {
      ownerId: a,
      stageId: stage['Closed Lost'] ?? '',
      status: 'lost',
      amount: 90_000,
      createdAt: '2026-08-20T12:00:00Z',
      closedAt: '2026-09-10T12:00:00Z',
    });
    const o1 = await f.insertOpportunity(db, org, {
      ownerId: a,
      stageId: stage.Discovery ?? '',
      amount: 300_000,
      createdAt: '2026-09-01T12:00:00Z',
      closeDate: '2026-12-10',
      lastChangedAt: '2026-10-25T12:00:00Z',
      name: 'O1',
    });
    await f.insertEvent(db, org, {
      opportunityId: o1,
      field: 'stage',
      oldValue: stage.Qualification ?? '',
      newValue: stage.Discovery ?? '',
      at: '2026-10-20T12:00:00Z',
    });
    await f.insertEvent(db, org, {
      opportunityId: o1,
      field: 'close_date',
      oldValue: '2026-11-20',
      newValue: '2026-12-10',
      at: '2026-10-25T12:00:00Z',
    });
    ids.o2 = await f.insertOpportunity(db, org, {
      ownerId: a,
      stageId: stage.Qualification ?? '',
      amount: 150_000,
      createdAt: '2026-10-20T12:00:00Z',
      name: 'O2',
    });
    const o3 = await f.insertOpportunity(db, org, {
      ownerId: a,
      stageId: stage.Qualification ?? '',
      amount: 70_000,
      createdAt: '2026-09-05T12:00:00Z',
      // Its owner change below: every write path raises last_changed_at with it.
      lastChangedAt: '2026-10-18T12:00:00Z',
      name: 'O3',
    });
    await f.insertEvent(db, org, {
      opportunityId: o3,
      field: 'owner',
      oldValue: b,
      newValue: a,
      at: '2026-10-18T12:00:00Z',
    });
    Object.assign(ids, { o1, o3, w1, w2 });
    // Ben: 1,200,000 in October (cycle 20 days), 500,000 in September (cycle 10 days).
    await won(b, 1_200_000, '2026-10-01T12:00:00Z', '2026-10-21T12:00:00Z');
    await won(b, 500_000, '2026-09-01T12:00:00Z', '2026-09-11T12:00:00Z');
    await f.insertOpportunity(db, org, {
      ownerId: b,
      stageId: stage.Qualification ?? '',
      amount: 10_000,
      createdAt: '2026-11-02T12:00:00Z',
    });
    // Cy: 900,000 in September.
    await won(c, 900_000, '2026-09-01T12:00:00Z', '2026-09-20T12:00:00Z');

    await f.insertHeldMeeting(db, org, { repId: a, managerId: m, heldAt: '2026-10-15T14:00:00Z' });
    const act = (kind: string, at: string, count = 1) =>
      f.insertActivity(db, org, { personId: a, kind, at, count });
    await act('email', '2026-10-01T15:00:00Z');
    await act('call', '2026-10-16T15:00:00Z');
    await act('call', '2026-10-30T15:00:00Z');
    await act('call', '2026-11-10T15:00:00Z', 2);
    // 23:30 on Nov 16 in New York is already Nov 17 in UTC: still the as-of day, not ahead.
    await act('call', '2026-11-16T23:30:00-05:00');
    await act('meeting', '2026-11-20T15:00:00Z');
    await act('meeting', '2027-01-05T15:00:00Z');

    const context = await loadOrgContext(db, org);
    facts = await loadRepFacts(db, { org: context, personId: a, asOf: '2026-11-16' });
  });
  afterAll(async () => {
    await db.close();
  });

  it('measures movement from the last held 1:1', () => {
    expect(facts.lastMeeting).toEqual({ heldAt: '2026-10-15T14:00:00.000Z', day: '2026-10-15' });
    expect(facts.since).toBe('2026-10-15');
  });

  it('puts bookings in the month of the organization’s time zone', () => {
    const month = (m: string) => facts.months.find((x) => x.month === m);
    // October: W1 (600,000, Oct 31 23:30 New York). Created in October: W2 200,000 + O2 150,000.
    expect(month('2026-10')).toEqual({
      month: '2026-10',
      bookings: 600_000,
      createdValue: 350_000,
      createdCount: 2,
    });
    // November so far: W2 (Nov 1 00:30 New York).
    expect(month('2026-11')?.bookings).toBe(200_000);
    // September: won 1,100,000; created O1 300,000 + O3 70,000.
    expect(month('2026-09')).toEqual({
      month: '2026-09',
      bookings: 1_100_000,
      createdValue: 370_000,
      createdCount: 2,
    });
    // 24 months of history up to November 2026, plus the horizon's next two months.
    expect(facts.months[0]?.month).toBe('2024-12');
    expect(facts.months.at(-1)?.month).toBe('2027-01');
  });

  it('reads each opportunity’s state at the last 1:1 from the changes since', () => {
    const byName = new Map(facts.opportunities.map((o) => [o.id, o]));
    // Open now (O1, O2, O3) or closed since Oct 15 (W1, W2); the September win and loss are not.
    expect(facts.opportunities.map((o) => o.id).sort()).toEqual(
      [ids.o1, ids.o2, ids.o3, ids.w1, ids.w2].sort(),
    );
    expect(byName.get(ids.o1 ?? '')?.before).toEqual({
      stageId: ids.Qualification,
      amount: 300_000,
      closeDate: '2026-11-20',
    });
    expect(byName.get(ids.o1 ?? '')?.lastChangeDay).toBe('2026-10-25');
    // O2 did not exist then; O3 belonged to Ben then.
    expect(byName.get(ids.o2 ?? '')?.before).toBeNull();
    expect(byName.get(ids.o3 ?? '')?.before).toBeNull();
    expect(byName.get(ids.w1 ?? '')?.before?.stageId).toBe(ids.Proposal);
    expect(byName.get(ids.w1 ?? '')?.closedDay).toBe('2026-10-31');
    expect(byName.get(ids.w2 ?? '')?.closedDay).toBe('2026-11-01');
  });

  it('sums the trailing year of closed deals', () => {
    // Won: W1 (Aug 1 → Oct 31 = 91 days), W2 (Oct 1 → Nov 1 = 31), S1 (Aug 15 → Sep 15 = 31).
    expect(facts.closed).toEqual({
      wonCount: 3,
      lostCount: 1,
      wonValue: 1_900_000,
      wonCycleDays: 153,
    });
  });

  it('counts activity since the 1:1 and per month, and lists the calendar ahead', () => {
    // Calls since Oct 15: Oct 16 (1) + Oct 30 (1) + Nov 10 (2) + Nov 16 late evening (1).
    expect(facts.activitySince).toEqual([{ kind: 'call', count: 5 }]);
    const months = [...facts.activityByMonth].sort((x, y) =>
      `${x.month}${x.kind}`.localeCompare(`${y.month}${y.kind}`),
    );
    expect(months).toEqual([
      { month: '2026-10', kind: 'call', count: 2 },
      { month: '2026-10', kind: 'email', count: 1 },
      { month: '2026-11', kind: 'call', count: 3 },
    ]);
    // Only the meeting within the next 28 days.
    expect(facts.scheduled).toEqual([
      {
        kind: 'meeting',
        occurredAt: '2026-11-20T15:00:00.000Z',
        subject: null,
        opportunityName: null,
      },
    ]);
  });

  it('ranks against the team as it was in each month', () => {
    const byId = (rows: Array<{ personId: string; actual: number; goal: number | null }>) =>
      Object.fromEntries(rows.map((r) => [r.personId, [r.actual, r.goal]]));
    expect(facts.team?.teamName).toBe('East');
    expect(byId(facts.team?.current ?? [])).toEqual({
      [ids.a ?? '']: [600_000, 1_000_000],
      [ids.b ?? '']: [1_200_000, 1_000_000],
    });
    expect(byId(facts.team?.previous ?? [])).toEqual({
      [ids.a ?? '']: [1_100_000, 1_000_000],
      [ids.b ?? '']: [500_000, 1_000_000],
      [ids.c ?? '']: [900_000, 1_000_000],
    });
  });

  it('compares with the team: deal size, cycle, created since', () => {
    // Won in the last year by Ana and Ben: 600k, 200k, 1.1M, 1.2M, 500k → mean 720,000.
    expect(facts.team?.averageDealSize).toBe(720_000);
    // Cycles 91, 31, 31, 20, 10 → median 31.
    expect(facts.team?.medianCycleDays).toBe(31);
    // Created since Oct 15: Ana O2, Ben one on Nov 2.
    expect(facts.team?.createdSinceByMember).toEqual([1, 1]);
    expect(facts.team?.activitySinceByMember).toEqual([
      { personId: ids.a, kind: 'call', count: 5 },
    ]);
  });

  it('keeps the goals with their agreement status', () => {
    const nov = facts.goals.find((g) => g.periodStart === '2026-11-01');
    expect(nov).toEqual({
      metric: 'bookings',
      activityKind: null,
      periodKind: 'month',
      periodStart: '2026-11-01',
      target: 1_000_000,
      status: 'proposed',
    });
    expect(facts.goals).toHaveLength(3);
  });
});
