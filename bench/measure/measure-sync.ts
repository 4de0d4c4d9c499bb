/**
 * A first Salesforce sync of N opportunities through the local Salesforce API (pages of
 * 2,000, as Salesforce answers) against `rudder import` of the same rows as a CSV file, on
 * one engine: `npx tsx bench/measure/measure-sync.ts [rows]` (PGlite in memory, or the
 * PostgreSQL server of TEST_DATABASE_URL). Prints rows/s of each and their ratio.
 */
import { FakeSalesforce } from '../../src/sync/salesforce/fake-salesforce.js';
import { syncSalesforce } from '../../src/sync/salesforce/sync-salesforce.js';
import { SecretBox } from '../../src/sync/secret-box.js';
import { measureSyncAgainstCsv } from './measure-sync-against-csv.js';

const rows = Number(process.argv[2] ?? 100_000);
const owner = '005BENCH00000001';
const stages = ['Prospecting', 'Qualification', 'Proposal', 'Closed Won', 'Closed Lost'];
const asOf = '2024-06-01T00:00:00.000Z';
const box = SecretBox.fromConfig('be'.repeat(32));

const deals = Array.from({ length: rows }, (_, i) => {
  const stage = stages[i % stages.length] ?? 'Prospecting';
  return {
    Id: `006B${String(i).padStart(11, '0')}`,
    Name: `Deal ${i}`,
    Account: { type: 'Account', Name: `Account ${i % 997}` },
    OwnerId: owner,
    StageName: stage,
    Amount: 1000 + (i % 50_000),
    Probability: stage === 'Closed Won' ? 100 : stage === 'Closed Lost' ? 0 : 40,
    CreatedDate: `2024-0${1 + (i % 5)}-1${i % 10}T09:00:00.000+0000`,
    CloseDate: `2024-0${2 + (i % 7)}-2${i % 8}`,
    IsClosed: stage.startsWith('Closed'),
    IsWon: stage === 'Closed Won',
    IsDeleted: false,
    SystemModstamp: `2024-05-0${1 + (i % 9)}T10:00:00.000+0000`,
  };
});

const fake = new FakeSalesforce({ refreshToken: 'bench' });
fake.add('User', {
  Id: owner,
  Name: 'Bench Owner',
  Email: 'owner@bench.test',
  Title: null,
  IsActive: true,
  UserType: 'Standard',
  ManagerId: null,
  Manager: null,
  SystemModstamp: '2024-01-01T00:00:00.000+0000',
});
fake.add(
  'OpportunityStage',
  ...stages.map((name, i) => ({
    Id: `01J${i}`,
    MasterLabel: name,
    ApiName: name,
    IsActive: true,
    IsClosed: name.startsWith('Closed'),
    IsWon: name === 'Closed Won',
    DefaultProbability: 10,
    SortOrder: i + 1,
  })),
);
fake.add('Opportunity', ...deals);

await measureSyncAgainstCsv({
  slug: 'bench',
  rows,
  asOf,
  box,
  fake,
  csv: {
    file: 'Opportunity.csv',
    header:
      'Id,Name,Account.Name,OwnerId,StageName,Amount,Probability,CreatedDate,CloseDate,IsClosed,IsWon',
    lines: deals.map((d) =>
      [
        d.Id,
        d.Name,
        d.Account.Name,
        d.OwnerId,
        d.StageName,
        d.Amount,
        d.Probability,
        d.CreatedDate,
        d.CloseDate,
        d.IsClosed,
        d.IsWon,
      ].join(','),
    ),
    preset: 'salesforce',
    owner,
  },
  connect: (url) => ({
    kind: 'salesforce',
    instanceUrl: url,
    loginUrl: url,
    authKind: 'refresh-token',
    clientId: 'bench',
    secrets: { refreshToken: 'bench' },
  }),
  sync: syncSalesforce,
  deals: 'Opportunity',
});
