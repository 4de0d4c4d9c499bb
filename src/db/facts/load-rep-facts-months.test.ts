import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthFact } from '../../core/facts.js';
import type { Database } from '../database.js';
import { createTestDb, testEngine } from '../test-db.js';
import * as f from '../test-fixtures.js';
import { loadRepFacts } from './load-rep-facts.js';
import { loadOrgContext, type OrgContext } from './org-context.js';

/*
 * The months before the as-of month come from the rep_month rollup, which counts every deal as
 * it is now; deals changed after the as-of day must count as they were then. One rep, Ana, in
 * America/New_York, as of 2026-11-16; every figure below is worked out by hand from the deals:
 *
 * D1 created Aug 1, won Sep 10 at 500,000; raised to 700,000 on Nov 20 (after the as-of day).
 * D2 created Sep 20 by Ana, won Oct 5 at 300,000; handed to Ben on Nov 25.
 * D3 created Oct 1, won Oct 20 at 100,000; never changed.
 * D5 created Oct 10, open at 80,000; raised to 90,000 on Nov 30.
 * D4 created Nov 2, won Nov 10 at 50,000 (the as-of month, up to the 16th).
 * D6 created Nov 5 at 40,000, won Nov 20 (after the as-of day): open then.
 */
describe(`loadRepFacts: months as of a past day, rollup corrected (${testEngine})`, () => {
  let db: Database;
  let org: OrgContext;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDb();
    const orgId = await f.insertOrg(db, { slug: 'months', timeZone: 'America/New_York' });
    const stage = await f.insertStages(db, orgId);
    const ana = await f.insertPerson(db, orgId, { name: 'Ana' });
    const ben = await f.insertPerson(db, orgId, { name: 'Ben' });
    const mo = await f.insertPerson(db, orgId, { name: 'Mo', role: 'manager' });
    await f.insertTeam(db, orgId, {
      name: 'East',
      managerId: mo,
      members: [
        { personId: ana, from: '2026-01-01' },
        { personId: ben, from: '2026-01-01' },
      ],
    });
    Object.assign(ids, { ana, ben });
    const deal = (o: {
      owner: string;
      amount: number;
      created: string;
      closed?: string;
      changed?: string;
    }) =>
      f.insertOpportunity(db, orgId, {
        ownerId: o.owner,
        stageId: (o.closed ? stage['Closed Won'] : stage.Discovery) ?? '',
        status: o.closed ? 'won' : 'open',
        amount: o.amount,
        createdAt: `${o.created}T16:00:00Z`,
        closedAt: o.closed ? `${o.closed}T16:00:00Z` : null,
        closeDate: o.closed ?? null,
        lastChangedAt: `${o.changed ?? o.closed ?? o.created}T16:00:00Z`,
      });
    const change = (id: string, field: string, oldValue: string, newValue: string, at: string) =>
      f.insertEvent(db, orgId, {
        opportunityId: id,
        field,
        oldValue,
        newValue,
        at: `${at}T16:00:00Z`,
      });

    const d1 = await deal({
      owner: ana,
      amount: 700_000,
      created: '2026-08-01',
      closed: '2026-09-10',
      changed: '2026-11-20',
    });
    await change(d1, 'amount', '500000', '700000', '2026-11-20');
    const d2 = await deal({
      owner: ben,
      amount: 300_000,
      created: '2026-09-20',
      closed: '2026-10-05',
      changed: '2026-11-25',
    });
    await change(d2, 'owner', ana, ben, '2026-11-25');
    await deal({ owner: ana, amount: 100_000, created: '2026-10-01', closed: '2026-10-20' });
    const d5 = await deal({
      owner: ana,
      amount: 90_000,
      created: '2026-10-10',
      changed: '2026-11-30',
    });
    await change(d5, 'amount', '80000', '90000', '2026-11-30');
    await deal({ owner: ana, amount: 50_000, created: '2026-11-02', closed: '2026-11-10' });
    const d6 = await deal({
      owner: ana,
      amount: 40_000,
      created: '2026-11-05',
      closed: '2026-11-20',
    });
    await change(d6, 'status', 'open', 'won', '2026-11-20');
    org = await loadOrgContext(db, orgId);
  });
  afterAll(async () => db.close());

  const monthsOf = async (person: string, asOf: string): Promise<MonthFact[]> => {
    const facts = await loadRepFacts(db, { org, personId: ids[person] ?? '', asOf });
    return facts.months.filter((m) => m.bookings !== 0 || m.createdCount !== 0);
  };

  it('counts each earlier month as it stood at the end of the as-of day', async () => {
    expect(await monthsOf('ana', '2026-11-16')).toEqual([
      // D1 created at its amount then, not the 700,000 of now.
      { month: '2026-08', bookings: 0, createdValue: 500_000, createdCount: 1 },
      // D1 won at 500,000; D2 created by Ana, hers then.
      { month: '2026-09', bookings: 500_000, createdValue: 300_000, createdCount: 1 },
      // D2 (hers then) + D3; created D3 + D5 at 80,000.
      { month: '2026-10', bookings: 400_000, createdValue: 180_000, createdCount: 2 },
      // Up to the 16th: D4 won; D4 and D6 created (D6 still open then).
      { month: '2026-11', bookings: 50_000, createdValue: 90_000, createdCount: 2 },
    ]);
  });

  it('gives the deal handed over later to its owner then, not now', async () => {
    expect(await monthsOf('ben', '2026-11-16')).toEqual([]);
  });

  it('counts every deal as it is now once nothing changed after the as-of day', async () => {
    // As of Dec 1: D1 at 700,000; D2 Ben's; D5 at 90,000; D6 won in November.
    expect(await monthsOf('ana', '2026-12-01')).toEqual([
      { month: '2026-08', bookings: 0, createdValue: 700_000, createdCount: 1 },
      { month: '2026-09', bookings: 700_000, createdValue: 0, createdCount: 0 },
      { month: '2026-10', bookings: 100_000, createdValue: 190_000, createdCount: 2 },
      { month: '2026-11', bookings: 90_000, createdValue: 90_000, createdCount: 2 },
    ]);
    expect(await monthsOf('ben', '2026-12-01')).toEqual([
      { month: '2026-09', bookings: 0, createdValue: 300_000, createdCount: 1 },
      { month: '2026-10', bookings: 300_000, createdValue: 0, createdCount: 0 },
    ]);
  });

  const teamOf = async (person: string, asOf: string) => {
    const facts = await loadRepFacts(db, { org, personId: ids[person] ?? '', asOf });
    const actual = (rows: Array<{ personId: string; actual: number }>) =>
      Object.fromEntries(rows.map((r) => [r.personId === ids.ana ? 'ana' : 'ben', r.actual]));
    return {
      closed: { count: facts.closed.wonCount, value: facts.closed.wonValue },
      current: actual(facts.team?.current ?? []),
      previous: actual(facts.team?.previous ?? []),
      averageDealSize: facts.team?.averageDealSize,
    };
  };

  it('ranks the team and sums the trailing year with each deal as it stood then', async () => {
    // Won by Nov 16: D1 at 500,000, D2 (Ana's then), D3, D4 = 950,000 in four deals, all Ana's.
    // October: Ana D2 + D3 = 400,000, Ben nothing; September: Ana D1 at 500,000.
    expect(await teamOf('ana', '2026-11-16')).toEqual({
      closed: { count: 4, value: 950_000 },
      current: { ana: 400_000, ben: 0 },
      previous: { ana: 500_000, ben: 0 },
      averageDealSize: 237_500,
    });
    expect((await teamOf('ben', '2026-11-16')).closed).toEqual({ count: 0, value: 0 });
    // As of Dec 1: D1 at 700,000, D2 Ben's, D6 won: Ana D1 + D3 + D4 + D6 = 890,000; team
    // average of 700,000, 300,000, 100,000, 50,000, 40,000 = 238,000. November: Ana D4 + D6.
    expect(await teamOf('ana', '2026-12-01')).toEqual({
      closed: { count: 4, value: 890_000 },
      current: { ana: 90_000, ben: 0 },
      previous: { ana: 100_000, ben: 300_000 },
      averageDealSize: 238_000,
    });
  });
});
