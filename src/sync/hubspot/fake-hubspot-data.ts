import type { FakeHubSpot } from './fake-hubspot.js';

/**
 * TEST SUPPORT: a small HubSpot portal for the contract tests. Four owners in two teams
 * (East and West) and a deactivated (archived) one who owns a lost deal; two pipelines (the default one and "Renewals", which the connection
 * does not choose); six live deals in the default pipeline (three pages of two), one of
 * them moved twice and one won, one without an owner, one in Renewals and one deleted;
 * calls, meetings and e-mails linked to deals, one without an owner and one deleted.
 */
export function loaded(fake: FakeHubSpot): FakeHubSpot {
  const owner = (id: string, first: string, last: string, team: 'East' | 'West') => ({
    id,
    email: `${first.toLowerCase()}@acme.test`,
    firstName: first,
    lastName: last,
    userId: 9_000_000 + Number(id),
    updatedAt: '2024-03-01T10:00:00.000Z',
    teams: [
      team === 'East'
        ? { id: '368389', name: 'East', primary: true }
        : { id: '368390', name: 'West', primary: true },
    ],
  });
  fake.owners = [
    owner('101', 'Mia', 'Moss', 'East'),
    owner('102', 'Rex', 'Ray', 'East'),
    owner('103', 'Ria', 'Rose', 'West'),
    owner('104', 'Vic', 'Vance', 'West'),
    // A deactivated user: HubSpot archives their owner; their old deal still names it.
    { ...owner('105', 'Ola', 'Old', 'West'), archived: true, teams: [] },
  ];
  const stage = (
    id: string,
    label: string,
    order: number,
    probability: string,
    closed = false,
  ) => ({
    id,
    label,
    displayOrder: order,
    archived: false,
    createdAt: '2023-01-01T00:00:00Z',
    updatedAt: '2023-01-01T00:00:00Z',
    metadata: { isClosed: String(closed), probability },
  });
  fake.pipelines = [
    {
      id: 'default',
      label: 'Sales Pipeline',
      displayOrder: 0,
      archived: false,
      stages: [
        stage('appointmentscheduled', 'Appointment Scheduled', 0, '0.2'),
        stage('qualifiedtobuy', 'Qualified To Buy', 1, '0.4'),
        stage('presentationscheduled', 'Presentation Scheduled', 2, '0.6'),
        stage('closedwon', 'Closed Won', 3, '1.0', true),
        stage('closedlost', 'Closed Lost', 4, '0.0', true),
      ],
    },
    {
      id: '555',
      label: 'Renewals',
      displayOrder: 1,
      archived: false,
      stages: [stage('901', 'Renewal Due', 0, '0.5'), stage('902', 'Renewed', 1, '1.0', true)],
    },
  ];
  const deal = (
    id: string,
    at: string,
    name: string,
    owner: string,
    dealstage: string,
    amount: string,
    closedate: string,
    pipeline = 'default',
  ) =>
    fake.add('deals', id, at, {
      dealname: name,
      hubspot_owner_id: owner,
      dealstage,
      pipeline,
      amount,
      closedate,
    });
  deal(
    '201',
    '2024-02-01T09:00:00.000Z',
    'Alpha',
    '102',
    'appointmentscheduled',
    '10000',
    '2024-04-30T00:00:00.000Z',
  );
  // The amount is saved 150 ms after the deal: the same second, so the same first state.
  fake.update('deals', '201', '2024-02-01T09:00:00.150Z', { amount: '12000' });
  fake.update('deals', '201', '2024-02-10T09:00:00.000Z', { dealstage: 'qualifiedtobuy' });
  fake.update('deals', '201', '2024-02-20T09:00:00.000Z', { dealstage: 'presentationscheduled' });
  deal(
    '202',
    '2024-02-05T09:00:00.000Z',
    'Beta',
    '102',
    'appointmentscheduled',
    '5000',
    '2024-05-15T00:00:00.000Z',
  );
  deal(
    '203',
    '2024-02-10T09:00:00.000Z',
    'Gamma',
    '103',
    'qualifiedtobuy',
    '8000.50',
    '2024-06-01T00:00:00.000Z',
  );
  deal(
    '204',
    '2024-02-12T09:00:00.000Z',
    'Delta',
    '103',
    'qualifiedtobuy',
    '20000',
    '2024-03-31T00:00:00.000Z',
  );
  fake.update('deals', '204', '2024-02-28T15:00:00.000Z', {
    dealstage: 'closedwon',
    closedate: '2024-02-28T00:00:00.000Z',
  });
  deal(
    '205',
    '2024-02-15T09:00:00.000Z',
    'Epsilon',
    '105',
    'closedlost',
    '3000',
    '2024-02-15T00:00:00.000Z',
  );
  deal(
    '206',
    '2024-02-16T09:00:00.000Z',
    'Zeta',
    '',
    'appointmentscheduled',
    '700',
    '2024-07-01T00:00:00.000Z',
  );
  deal(
    '207',
    '2024-02-17T09:00:00.000Z',
    'Eta renewal',
    '103',
    '901',
    '900',
    '2024-08-01T00:00:00.000Z',
    '555',
  );
  deal(
    '208',
    '2024-02-18T09:00:00.000Z',
    'Theta',
    '104',
    'qualifiedtobuy',
    '400',
    '2024-05-01T00:00:00.000Z',
  );
  fake.archive('deals', '208', '2024-03-01T10:00:00.000Z');

  const call = fake.add('calls', '301', '2024-03-01T14:05:00.000Z', {
    hs_timestamp: '2024-03-01T14:00:00.000Z',
    hs_call_title: 'Call Alpha',
    hubspot_owner_id: '102',
  });
  call.associations = { deals: ['201'] };
  fake.add('calls', '302', '2024-03-01T11:00:00.000Z', {
    hs_timestamp: '2024-03-01T11:00:00.000Z',
    hs_call_title: 'Wrong number',
    hubspot_owner_id: '104',
  });
  fake.archive('calls', '302', '2024-03-01T12:00:00.000Z');
  const meeting = fake.add('meetings', '401', '2024-03-01T15:00:00.000Z', {
    hs_timestamp: '2024-03-07T16:00:00.000Z',
    hs_meeting_start_time: '2024-03-07T16:00:00.000Z',
    hs_meeting_title: 'Demo',
    hubspot_owner_id: '102',
  });
  meeting.associations = { deals: ['203'] };
  const email = fake.add('emails', '501', '2024-03-01T16:00:00.000Z', {
    hs_timestamp: '2024-03-04T10:00:00.000Z',
    hs_email_subject: 'Send proposal',
    hubspot_owner_id: '103',
  });
  email.associations = { deals: ['203'] };
  fake.add('emails', '502', '2024-03-01T16:30:00.000Z', {
    hs_timestamp: '2024-03-04T11:00:00.000Z',
    hs_email_subject: 'Newsletter reply',
  });
  return fake;
}
