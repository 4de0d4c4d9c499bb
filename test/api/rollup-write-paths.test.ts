import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/auth/create-api-token.js';
import { testEngine } from '../../src/db/test-db.js';
import { recomputedRollup, storedRollup } from '../../src/db/test-rollup.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { ndjson } from './ingest-helpers.js';
import { createWorld, signIn, type World } from './world.js';

/*
 * Each way data comes in keeps the rep_month rollup equal to a recomputation from the base
 * tables (src/db/rep-month-rollup.test.ts tries random sequences of writes; these go through
 * the real entry points): the web's CSV upload, the NDJSON ingest API, the demo seed and reset.
 */
describe(`the rollup after each write path (${testEngine})`, () => {
  let world: World;
  let admin: string;
  let token: string;

  beforeAll(async () => {
    world = await createWorld();
    admin = await signIn(world.app, world.a.emails.admin);
    token = (
      await createApiToken(world.db, {
        orgId: world.a.orgId,
        name: 'crm sync',
        createdBy: world.a.people.admin,
        now: world.clock.now(),
      })
    ).token;
  });
  afterAll(async () => world.close());

  const expectEqual = async (orgId: string) => {
    const stored = await storedRollup(world.db, orgId);
    expect(stored.size).toBeGreaterThan(0);
    expect(stored).toEqual(await recomputedRollup(world.db, orgId));
  };
  /** The won amount of one rep's month in the rollup (0 without a row). */
  const wonIn = async (personId: string, month: string) => {
    const [row] = await world.db.query<{ won_amount: number }>(
      `select won_amount from rep_month where org_id = $1 and person_id = $2 and month = $3::date`,
      [world.a.orgId, personId, `${month}-01`],
    );
    return row?.won_amount ?? 0;
  };
  const upload = (kind: string, csv: string, asOf: string) =>
    world.app.inject({
      method: 'POST',
      url: `/api/v1/imports?kind=${kind}&fileName=${kind}.csv&dryRun=false&asOf=${asOf}`,
      headers: { cookie: admin, 'content-type': 'text/csv' },
      payload: csv,
    });
  const ingest = (kind: string, rows: object[], asOf: string) =>
    world.app.inject({
      method: 'POST',
      url: `/api/v1/ingest/${kind}?asOf=${asOf}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      payload: ndjson(rows),
    });

  it('follows CSV uploads from the web: new deals, a re-import that wins one and moves another', async () => {
    const { r1a, r1b } = world.a.emails;
    const header = 'external_id,name,owner,stage,amount,close_date,created_at';
    const first = await upload(
      'opportunities',
      `${header}\nW-1,Web one,${r1a},Proposal,1000,2026-03-20,2026-02-01T10:00:00Z\nW-2,Web two,${r1a},Proposal,500,2026-03-25,2026-02-02T10:00:00Z\n`,
      '2026-03-10T09:00:00Z',
    );
    expect(first.statusCode, first.body).toBe(200);
    await expectEqual(world.a.orgId);
    const before = await wonIn(world.a.people.r1a, '2026-03');
    const again = await upload(
      'opportunities',
      `${header}\nW-1,Web one,${r1a},Closed Won,1000,2026-03-12,2026-02-01T10:00:00Z\nW-2,Web two,${r1b},Proposal,800,2026-03-25,2026-02-02T10:00:00Z\n`,
      '2026-03-12T09:00:00Z',
    );
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'succeeded', counts: { changed: 2 } });
    // The won deal adds its 10.00 to r1a's March.
    expect(await wonIn(world.a.people.r1a, '2026-03')).toBe(before + 100_000);
    await expectEqual(world.a.orgId);
    const activities = await upload(
      'activities',
      `external_id,person,kind,occurred_at,opportunity_external_id,subject,count\nWA-1,${r1a},Call,2026-03-11T10:00:00Z,W-1,,2\n`,
      '2026-03-12T09:00:00Z',
    );
    expect(activities.statusCode, activities.body).toBe(200);
    await expectEqual(world.a.orgId);
  });

  it('follows the NDJSON ingest API: deals, results and activities', async () => {
    const { r2a } = world.a.emails;
    const deals = await ingest(
      'opportunities',
      [
        {
          external_id: 'N-1',
          name: 'Synced',
          owner: r2a,
          stage: 'Closed Won',
          amount: '2500',
          close_date: '2026-03-05',
          created_at: '2026-01-15T08:00:00Z',
        },
      ],
      '2026-03-13T09:00:00Z',
    );
    expect(deals.statusCode, deals.body).toBe(200);
    await expectEqual(world.a.orgId);
    const results = await ingest(
      'results',
      [{ external_id: 'NR-1', person: r2a, period: '2026-02-10', amount: '300' }],
      '2026-03-13T09:00:00Z',
    );
    expect(results.statusCode, results.body).toBe(200);
    const activities = await ingest(
      'activities',
      [{ external_id: 'NA-1', person: r2a, kind: 'Email', occurred_at: '2026-03-02T08:00:00Z' }],
      '2026-03-13T09:00:00Z',
    );
    expect(activities.statusCode, activities.body).toBe(200);
    const [row] = await world.db.query<{ result_amount: number }>(
      `select result_amount from rep_month where org_id = $1 and person_id = $2 and month = '2026-02-01'`,
      [world.a.orgId, world.a.people.r2a],
    );
    expect(row?.result_amount).toBe(30_000);
    await expectEqual(world.a.orgId);
  });

  // Two demo seeds (a year of a 40-person organization each) outlast the default 30 s on a busy machine.
  it('follows the demo seed, and its reset that deletes and rewrites the organization', {
    timeout: 180_000,
  }, async () => {
    const now = new Date('2026-12-06T09:00:00Z');
    await seedDemo({ db: world.db, now });
    const [demo] = await world.db.query<{ id: string }>(
      `select id from org where id not in ($1, $2)`,
      [world.a.orgId, world.b.orgId],
    );
    const demoId = demo?.id ?? '';
    await expectEqual(demoId);
    await seedDemo({ db: world.db, now: new Date('2026-12-07T09:00:00Z') });
    await expectEqual(demoId);
  });
});
