import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareAgenda } from '../../agenda/prepare-agenda.js';
import type { Database } from '../../db/database.js';
import { createTestDb, testEngine } from '../../db/test-db.js';
import { insertOrg } from '../../db/test-fixtures.js';
import { fixedClock } from '../../shared/clock.js';
import { connectCrm } from '../connect-crm.js';
import { SecretBox } from '../secret-box.js';
import { FakeSalesforce } from './fake-salesforce.js';
import { loaded, stamp } from './fake-salesforce-data.js';
import { syncSalesforce } from './sync-salesforce.js';

const box = SecretBox.fromConfig('d4'.repeat(32));
const fake = loaded(new FakeSalesforce({ refreshToken: 'refresh-deleted-deal' }));
let db: Database;
let orgId: string;

beforeAll(async () => {
  await fake.start();
  db = await createTestDb();
  orgId = await insertOrg(db, { slug: 'sf-deleted' });
  await connectCrm(db, {
    orgId,
    kind: 'salesforce',
    instanceUrl: fake.url,
    loginUrl: fake.url,
    authKind: 'refresh-token',
    clientId: 'rudder-app',
    secrets: { refreshToken: 'refresh-deleted-deal' },
    actorId: null,
    box,
    now: new Date('2024-03-01T00:00:00Z'),
  });
});
afterAll(async () => {
  await db.close();
  await fake.stop();
});

const sync = (at: string) => syncSalesforce({ db, orgId, box, clock: fixedClock(at) });

/** Rex's open deals on his agenda as of that instant's day: name and amount (minor units). */
async function rexPipeline(now: string) {
  const [rex] = await db.query<{ id: string }>(
    `select id from person where org_id = $1 and external_id = '005R'`,
    [orgId],
  );
  if (rex === undefined) throw new Error('Rex was not synced');
  const agenda = await prepareAgenda(db, { orgId, personId: rex.id, now: new Date(now) });
  const open = agenda.pipeline.byCloseMonth?.reduce((sum, b) => sum + b.value, 0);
  return { deals: agenda.pipeline.topDeals.map((d) => [d.name, d.amount]), open };
}

describe(`a deal deleted in Salesforce on ${testEngine}`, () => {
  it('leaves the agenda’s pipeline with its events; its activity stays, unlinked', async () => {
    expect((await sync('2024-03-03T08:00:00Z')).status).toBe('succeeded');
    // Rex owns Acme (12,000, Proposal) and Beta (5,000, Prospecting): the fake's data.
    expect(await rexPipeline('2024-03-05T12:00:00Z')).toEqual({
      deals: [
        ['Acme', 1_200_000],
        ['Beta', 500_000],
      ],
      open: 1_700_000,
    });

    fake.update('Opportunity', '006A1', {
      IsDeleted: true,
      SystemModstamp: stamp('2024-03-10T12:00:00'),
    });
    const result = await sync('2024-03-11T08:00:00Z');
    expect(result.status).toBe('succeeded');

    expect(await rexPipeline('2024-03-11T12:00:00Z')).toEqual({
      deals: [['Beta', 500_000]],
      open: 500_000,
    });
    const left = await db.query<{ deals: number; events: number }>(
      `select (select count(*) from opportunity where org_id = $1 and external_id = '006A1')::int as deals,
              (select count(*) from opportunity_event e
                 where e.org_id = $1 and not exists (
                   select 1 from opportunity o where o.org_id = e.org_id and o.id = e.opportunity_id
                 ))::int as events`,
      [orgId],
    );
    expect(left).toEqual([{ deals: 0, events: 0 }]);
    // The call on Acme still counts as Rex's call, no longer linked to a deal.
    expect(
      await db.query(
        `select external_id, opportunity_id from activity where org_id = $1 and external_id = '00T1'`,
        [orgId],
      ),
    ).toEqual([{ external_id: '00T1', opportunity_id: null }]);
    // The rollup the rankings read (kept by triggers) no longer counts it: 4 deals are left.
    expect(
      await db.query(
        `select (select sum(created_count) from rep_month where org_id = $1)::int as rolled,
                (select count(*) from opportunity where org_id = $1)::int as deals`,
        [orgId],
      ),
    ).toEqual([{ rolled: 4, deals: 4 }]);

    // Read again (same SystemModstamp), it changes nothing.
    const again = await sync('2024-03-12T08:00:00Z');
    expect(again.status).toBe('succeeded');
    expect(await rexPipeline('2024-03-12T12:00:00Z')).toEqual({
      deals: [['Beta', 500_000]],
      open: 500_000,
    });
  });
});
