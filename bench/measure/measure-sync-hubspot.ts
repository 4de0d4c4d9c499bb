/**
 * A first HubSpot sync of N deals through the local HubSpot API (search pages of 200 and
 * HubSpot's 10,000-result ceiling per query, as HubSpot answers; each deal's property
 * history read in batches of 50) against `rudder import` of the same deals as a HubSpot CSV
 * export, on one engine: `npx tsx bench/measure/measure-sync-hubspot.ts [rows]` (PGlite in
 * memory, or the PostgreSQL server of TEST_DATABASE_URL). Prints rows/s of each and their
 * ratio. The sync's figure includes what the CSV lacks: the history batch reads and the
 * history import (one state per deal).
 */
import { FakeHubSpot } from '../../src/sync/hubspot/fake-hubspot.js';
import { syncHubSpot } from '../../src/sync/hubspot/sync-hubspot.js';
import { SecretBox } from '../../src/sync/secret-box.js';
import { measureSyncAgainstCsv } from './measure-sync-against-csv.js';

const rows = Number(process.argv[2] ?? 20_000);
const owner = '7001';
const stages = [
  ['appointmentscheduled', 'Appointment Scheduled', '0.2', false],
  ['qualifiedtobuy', 'Qualified To Buy', '0.4', false],
  ['presentationscheduled', 'Presentation Scheduled', '0.6', false],
  ['closedwon', 'Closed Won', '1.0', true],
  ['closedlost', 'Closed Lost', '0.0', true],
] as const;
const asOf = '2024-06-01T00:00:00.000Z';
const box = SecretBox.fromConfig('ab'.repeat(32));
const token = 'pat-bench';

const fake = new FakeHubSpot({ privateAppToken: token, pageSize: 200 });
fake.owners = [
  {
    id: owner,
    email: 'owner@bench.test',
    firstName: 'Bench',
    lastName: 'Owner',
    userId: 1,
    updatedAt: '2024-01-01T00:00:00.000Z',
    teams: [],
  },
];
fake.pipelines = [
  {
    id: 'default',
    label: 'Sales Pipeline',
    displayOrder: 0,
    stages: stages.map(([id, label, probability, closed], i) => ({
      id,
      label,
      displayOrder: i,
      metadata: { isClosed: String(closed), probability },
    })),
  },
];
const base = Date.parse('2024-05-01T10:00:00.000Z');
const deals = Array.from({ length: rows }, (_, i) => {
  const [stageId, label] = stages[i % stages.length] ?? stages[0];
  return {
    id: String(100_000 + i),
    name: `Deal ${i}`,
    stageId,
    label,
    amount: String(1000 + (i % 50_000)),
    created: `2024-0${1 + (i % 4)}-1${i % 10}T09:00:00.000Z`,
    close: `2024-0${5 + (i % 4)}-2${i % 8}T00:00:00.000Z`,
    // Three deals per modified instant: the search restarts skip what they already gave.
    modified: new Date(base + Math.floor(i / 3) * 1000).toISOString(),
  };
});
for (const deal of deals) {
  fake.add('deals', deal.id, deal.created, {
    dealname: deal.name,
    hubspot_owner_id: owner,
    dealstage: deal.stageId,
    pipeline: 'default',
    amount: deal.amount,
    closedate: deal.close,
    hs_lastmodifieddate: deal.modified,
  });
}

await measureSyncAgainstCsv({
  slug: 'bench-hs',
  rows,
  asOf,
  box,
  fake,
  csv: {
    file: 'deals.csv',
    header: 'Record ID,Deal Name,Deal owner,Deal Stage,Amount,Create Date,Close Date',
    lines: deals.map((d) =>
      [d.id, d.name, owner, d.label, d.amount, d.created, d.close.slice(0, 10)].join(','),
    ),
    preset: 'hubspot',
    owner,
  },
  connect: (url) => ({
    kind: 'hubspot',
    instanceUrl: url,
    authKind: 'access-token',
    secrets: { accessToken: token },
  }),
  sync: syncHubSpot,
  deals: 'deals',
  details: (sync) => ({
    historyStates: sync.objects.find((o) => o.object === 'deals:history')?.counts?.rows,
    dealSearchRequests: fake.log.filter((r) => r.path.endsWith('/deals/search')).length,
  }),
});
