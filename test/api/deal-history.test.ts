import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../src/db/test-db.js';
import { createWorld, signIn, type World } from './world.js';

/*
 * Monarch Air, r1a's deal in org A, as the recorded events tell it (the world's today is
 * 2026-03-15): created 2026-01-10 in Qualification at $40,000 closing 2026-03-31; moved to
 * Discovery on 2026-02-02 with the amount raised to $55,000 the same day; the close date
 * slipped to 2026-04-15 on 2026-03-01. Days in Discovery: Feb 2 → Mar 15 = 27 + 15 = 41.
 * Next open stage after Discovery: Proposal; its close date is ahead, so "by Apr 15".
 */
describe(`a deal opened in the Pipeline step (${testEngine})`, () => {
  let world: World;
  let dealId: string;

  const get = async (cookie: string, personId: string, deal: string) =>
    world.app.inject({
      method: 'GET',
      url: `/api/v1/people/${personId}/deals/${deal}`,
      headers: { cookie },
    });

  beforeAll(async () => {
    world = await createWorld({ settings: { activityGate: true } });
    const { a } = world;
    const [row] = await world.db.query<{ id: string }>(
      `insert into opportunity (org_id, owner_id, name, account, external_id, amount, currency, stage_id, status,
                                created_at, close_date, last_changed_at)
       values ($1, $2, 'Monarch Air', 'Monarch', 'OPP-7', 5500000, 'USD', $3, 'open',
               '2026-01-10T09:00:00Z', '2026-04-15', '2026-03-01T08:00:00Z') returning id`,
      [a.orgId, a.people.r1a, a.stages.Discovery],
    );
    dealId = row?.id ?? '';
    // February (the month under review on Mar 15) beaten, 2,000 of a 1,000 goal: the
    // progression stays at results, so under the gate the manager sees no activity.
    await world.db.query(
      `insert into opportunity (org_id, owner_id, name, amount, currency, stage_id, status, created_at, close_date,
                                closed_at, last_changed_at)
       values ($1, $2, 'February win', 200000, 'USD', $3, 'won', '2026-01-05T00:00:00Z', '2026-02-10',
               '2026-02-10T12:00:00Z', '2026-02-10T12:00:00Z')`,
      [a.orgId, a.people.r1a, a.stages['Closed Won']],
    );
    const event = (field: string, from: string, to: string, at: string) =>
      world.db.query(
        `insert into opportunity_event (org_id, opportunity_id, field, old_value, new_value, observed_at)
         values ($1, $2, $3, $4, $5, $6)`,
        [a.orgId, dealId, field, from, to, at],
      );
    await event(
      'stage',
      a.stages.Qualification ?? '',
      a.stages.Discovery ?? '',
      '2026-02-02T10:00:00Z',
    );
    await event('amount', '4000000', '5500000', '2026-02-02T10:00:00Z');
    await event('close_date', '2026-03-31', '2026-04-15', '2026-03-01T08:00:00Z');
    // An owner change is not part of what the step shows (and would name another person).
    await event('owner', a.people.r2a, a.people.r1a, '2026-01-11T08:00:00Z');
    for (const [at, kind, subject] of [
      ['2026-03-10T15:00:00Z', 'call', 'pricing call'],
      ['2026-03-12T15:00:00Z', 'email', 'sent the proposal draft'],
      // Scheduled after today: not the last activity yet.
      ['2026-03-20T15:00:00Z', 'meeting', 'site visit'],
    ])
      await world.db.query(
        `insert into activity (org_id, person_id, kind, occurred_at, opportunity_id, subject)
         values ($1, $2, $3, $4, $5, $6)`,
        [a.orgId, a.people.r1a, kind, at, dealId, subject],
      );
  });
  afterAll(async () => world.close());

  it("gives the rep their deal's history, days in stage, last activity and a commitment", async () => {
    const { a } = world;
    const response = await get(await signIn(world.app, a.emails.r1a), a.people.r1a, dealId);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      id: dealId,
      name: 'Monarch Air',
      account: 'Monarch',
      externalId: 'OPP-7',
      stage: 'Discovery',
      status: 'open',
      amount: 5_500_000,
      closeDate: '2026-04-15',
      createdOn: '2026-01-10',
      changes: [
        { field: 'stage', on: '2026-02-02', from: 'Qualification', to: 'Discovery' },
        { field: 'amount', on: '2026-02-02', from: '4000000', to: '5500000' },
        { field: 'close_date', on: '2026-03-01', from: '2026-03-31', to: '2026-04-15' },
      ],
      daysInStage: 41,
      lastActivity: { on: '2026-03-12', kind: 'email', subject: 'sent the proposal draft' },
      activityWithheld: false,
      // The world's org is connected to Salesforce, but OPP-7 was imported, not synced.
      crmLink: {
        url: null,
        note: 'No link to the CRM: this deal’s id is not a Salesforce Opportunity id (it was imported, not synced).',
      },
      suggestedCommitment: {
        text: 'Advance Monarch Air to Proposal by Apr 15',
        dueOn: '2026-04-15',
      },
    });
  });

  it("keeps the rep's activity from the manager under the gate, and shows the rest", async () => {
    const { a } = world;
    const m1 = await signIn(world.app, a.emails.m1);
    const agenda = await world.app.inject({
      method: 'GET',
      url: `/api/v1/people/${a.people.r1a}/agenda`,
      headers: { cookie: m1 },
    });
    expect(agenda.json()).toMatchObject({ progression: { stage: 'results' }, activity: null });
    const response = await get(m1, a.people.r1a, dealId);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      daysInStage: 41,
      lastActivity: null,
      activityWithheld: true,
    });
  });

  it('answers 404 to another rep, to the other team, and for a deal the rep does not own', async () => {
    const { a } = world;
    const r1b = await signIn(world.app, a.emails.r1b);
    expect((await get(r1b, a.people.r1a, dealId)).statusCode).toBe(404);
    // Through their own id: the deal is not theirs.
    expect((await get(r1b, a.people.r1b, dealId)).statusCode).toBe(404);
    const m2 = await signIn(world.app, a.emails.m2);
    expect((await get(m2, a.people.r1a, dealId)).statusCode).toBe(404);
    // m1 manages r1b, but the deal is r1a's: asked through r1b it does not exist.
    const m1 = await signIn(world.app, a.emails.m1);
    expect((await get(m1, a.people.r1b, dealId)).statusCode).toBe(404);
    const leader = await signIn(world.app, a.emails.leader);
    expect((await get(leader, a.people.r1a, dealId)).statusCode).toBe(403);
  });

  it('links a synced deal to its Opportunity in Salesforce, and says why not without a connection', async () => {
    const { a } = world;
    // A deal the sync brought in: its external id is the Salesforce Opportunity Id. The
    // world's org has a Salesforce connection at https://acme.my.salesforce.com.
    const [synced] = await world.db.query<{ id: string }>(
      `insert into opportunity (org_id, owner_id, name, external_id, amount, currency, stage_id, status,
                                created_at, close_date, last_changed_at)
       values ($1, $2, 'Harbor Freight', '006Hs00001AbCdEFGH', 100000, 'USD', $3, 'open',
               '2026-03-01T09:00:00Z', '2026-04-30', '2026-03-01T09:00:00Z') returning id`,
      [a.orgId, a.people.r1a, a.stages.Discovery],
    );
    const syncedId = synced?.id ?? '';
    const r1a = await signIn(world.app, a.emails.r1a);
    const linked = await get(r1a, a.people.r1a, syncedId);
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().crmLink.url).toBe(
      'https://acme.my.salesforce.com/lightning/r/Opportunity/006Hs00001AbCdEFGH/view',
    );
    const [connection] = await world.db.query<{ id: string }>(
      `delete from crm_connection where org_id = $1 returning id`,
      [a.orgId],
    );
    try {
      expect((await get(r1a, a.people.r1a, syncedId)).json().crmLink).toEqual({
        url: null,
        note: 'No link to the CRM: this organization has no Salesforce connection.',
      });
    } finally {
      // Put the world back as the other files' tests expect it.
      await world.db.query(
        `insert into crm_connection (org_id, id, kind, instance_url, auth_kind, secrets)
         values ($1, $2, 'salesforce', 'https://acme.my.salesforce.com', 'refresh-token', 'v1.x.y.z')`,
        [a.orgId, connection?.id],
      );
      await world.db.query(`delete from opportunity where org_id = $1 and id = $2`, [
        a.orgId,
        syncedId,
      ]);
    }
  });
});
