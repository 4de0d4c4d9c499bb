import type { FakeRecord, FakeSalesforce } from './fake-salesforce.js';

/**
 * TEST SUPPORT: a small Salesforce org for the contract tests, as its API would answer it.
 * Vic leads, Mia manages Rex and Ria; five deals and a deleted one; Acme's stage moves twice,
 * Delta is won; calls, e-mails, a meeting and a deleted task. Times are UTC.
 */
export const stamp = (at: string) => `${at}.000+0000`;

/** Users two levels deep: Vic leads, Mia manages Rex and Ria; an automation user is left out. */
const users: FakeRecord[] = [
  user('005V', 'Vic Vance', null),
  user('005M', 'Mia Moss', { id: '005V', name: 'Vic Vance' }),
  user('005R', 'Rex Ray', { id: '005M', name: 'Mia Moss' }),
  user('005S', 'Ria Rose', { id: '005M', name: 'Mia Moss' }),
  { ...user('005Q', 'Integration', null), UserType: 'AutomatedProcess' },
];

function user(id: string, name: string, manager: { id: string; name: string } | null): FakeRecord {
  return {
    Id: id,
    Name: name,
    Email: `${name.split(' ')[0]?.toLowerCase()}@acme.test`,
    Title: null,
    IsActive: true,
    UserType: 'Standard',
    ManagerId: manager?.id ?? null,
    Manager: manager === null ? null : { type: 'User', Name: manager.name },
    SystemModstamp: stamp('2024-03-01T10:00:00'),
  };
}

const stages: FakeRecord[] = [
  ['Prospecting', false, false, 10],
  ['Qualification', false, false, 20],
  ['Proposal', false, false, 60],
  ['Closed Won', true, true, 100],
  ['Closed Lost', true, false, 0],
].map(([name, closed, won, probability], index) => ({
  Id: `01J${index}`,
  MasterLabel: name,
  ApiName: name,
  IsActive: true,
  IsClosed: closed,
  IsWon: won,
  DefaultProbability: probability,
  SortOrder: index + 1,
}));

function deal(
  id: string,
  name: string,
  owner: string,
  stage: string,
  amount: number,
  created: string,
  close: string,
  modified: string,
  extra: Partial<FakeRecord> = {},
): FakeRecord {
  const closed = stage.startsWith('Closed');
  return {
    Id: id,
    Name: name,
    Account: { type: 'Account', Name: `${name} Inc` },
    OwnerId: owner,
    StageName: stage,
    Amount: amount,
    Probability: stage === 'Closed Won' ? 100 : closed ? 0 : 50,
    CreatedDate: stamp(created),
    CloseDate: close,
    IsClosed: closed,
    IsWon: stage === 'Closed Won',
    IsDeleted: false,
    SystemModstamp: stamp(modified),
    ...extra,
  };
}

const opportunities = (): FakeRecord[] => [
  deal(
    '006A1',
    'Acme',
    '005R',
    'Proposal',
    12000,
    '2024-02-01T09:00:00',
    '2024-04-30',
    '2024-03-02T10:00:00',
  ),
  deal(
    '006A2',
    'Beta',
    '005R',
    'Prospecting',
    5000,
    '2024-02-05T09:00:00',
    '2024-05-15',
    '2024-03-02T10:01:00',
  ),
  deal(
    '006A3',
    'Gamma',
    '005S',
    'Qualification',
    8000.5,
    '2024-02-10T09:00:00',
    '2024-06-01',
    '2024-03-02T10:02:00',
  ),
  deal(
    '006A4',
    'Delta',
    '005S',
    'Closed Won',
    20000,
    '2024-02-12T09:00:00',
    '2024-02-28',
    '2024-03-02T10:03:00',
  ),
  deal(
    '006A5',
    'Epsilon',
    '005M',
    'Closed Lost',
    3000,
    '2024-02-15T09:00:00',
    '2024-02-20',
    '2024-03-02T10:04:00',
  ),
  deal(
    '006A6',
    'Deleted',
    '005R',
    'Prospecting',
    1000,
    '2024-02-16T09:00:00',
    '2024-05-01',
    '2024-03-02T10:05:00',
    { IsDeleted: true },
  ),
];

let historyCount = 0;
export function state(
  opportunity: string,
  stage: string,
  amount: number,
  close: string,
  at: string,
  deleted = false,
): FakeRecord {
  historyCount += 1;
  return {
    Id: `008H${historyCount}`,
    OpportunityId: opportunity,
    StageName: stage,
    Amount: amount,
    CloseDate: close,
    Probability: null,
    CreatedDate: stamp(at),
    IsDeleted: deleted,
    SystemModstamp: stamp(deleted ? '2024-03-02T10:05:00' : at),
  };
}

/** Acme moves its stage twice; Delta is won (stage, status and close date change at once). */
const history = (): FakeRecord[] => [
  state('006A1', 'Prospecting', 12000, '2024-04-30', '2024-02-01T09:00:00'),
  state('006A1', 'Qualification', 12000, '2024-04-30', '2024-02-10T09:00:00'),
  state('006A1', 'Proposal', 12000, '2024-04-30', '2024-02-20T09:00:00'),
  state('006A2', 'Prospecting', 5000, '2024-05-15', '2024-02-05T09:00:00'),
  state('006A3', 'Qualification', 8000.5, '2024-06-01', '2024-02-10T09:00:00'),
  state('006A4', 'Qualification', 20000, '2024-03-31', '2024-02-12T09:00:00'),
  state('006A4', 'Closed Won', 20000, '2024-02-28', '2024-02-28T15:00:00'),
  state('006A5', 'Closed Lost', 3000, '2024-02-20', '2024-02-15T09:00:00'),
  state('006A6', 'Prospecting', 1000, '2024-05-01', '2024-02-16T09:00:00', true),
];

const tasks = (): FakeRecord[] => [
  task('00T1', '005R', 'Call Acme', {
    TaskSubtype: 'Call',
    Type: null,
    CompletedDateTime: stamp('2024-03-01T14:00:00'),
    ActivityDate: '2024-03-01',
    WhatId: '006A1',
  }),
  task('00T2', '005S', 'Send proposal', {
    TaskSubtype: 'Email',
    Type: null,
    CompletedDateTime: null,
    ActivityDate: '2024-03-04',
    WhatId: '006A3',
  }),
  task('00T3', '005R', 'Lunch', {
    TaskSubtype: 'Task',
    Type: 'Meeting',
    ActivityDate: '2024-03-05',
    IsDeleted: true,
  }),
  task('00T4', '005M', 'Plan territory', {
    TaskSubtype: 'Task',
    Type: null,
    ActivityDate: '2024-03-06',
    WhatId: '001ACCOUNT',
  }),
];

function task(id: string, owner: string, subject: string, fields: Partial<FakeRecord>): FakeRecord {
  return {
    Id: id,
    OwnerId: owner,
    Subject: subject,
    CompletedDateTime: null,
    CreatedDate: stamp('2024-03-01T08:00:00'),
    WhatId: null,
    IsDeleted: false,
    SystemModstamp: stamp('2024-03-01T15:00:00'),
    ...fields,
  };
}

const events = (): FakeRecord[] => [
  {
    Id: '00U1',
    OwnerId: '005R',
    Subject: 'Demo',
    Type: null,
    StartDateTime: stamp('2024-03-07T16:00:00'),
    ActivityDateTime: stamp('2024-03-07T16:00:00'),
    CreatedDate: stamp('2024-03-01T08:00:00'),
    WhatId: '006A3',
    IsDeleted: false,
    SystemModstamp: stamp('2024-03-01T16:00:00'),
  },
];

export function loaded(fake: FakeSalesforce): FakeSalesforce {
  fake.add('User', ...users.map((u) => ({ ...u })));
  fake.add('OpportunityStage', ...stages);
  fake.add('Opportunity', ...opportunities());
  fake.add('OpportunityHistory', ...history());
  fake.add('Task', ...tasks());
  fake.add('Event', ...events());
  return fake;
}
