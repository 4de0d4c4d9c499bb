import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { createTestDb, testEngine } from '../../db/test-db.js';
import { insertOrg } from '../../db/test-fixtures.js';
import { recomputedRollup, storedRollup } from '../../db/test-rollup.js';
import { fixedClock } from '../../shared/clock.js';
import { connectCrm } from '../connect-crm.js';
import { loadCrmConnection } from '../crm-connection.js';
import { SecretBox } from '../secret-box.js';
import { eventsOf, recordedSleep } from '../test-crm-world.js';
import { FakeHubSpot } from './fake-hubspot.js';
import { loaded } from './fake-hubspot-data.js';
import { syncHubSpot } from './sync-hubspot.js';

const box = SecretBox.fromConfig('5'.repeat(64));
const CLIENT_SECRET = 'hs-client-secret-NEVER-SHOWN-77aa';
const REFRESH_TOKEN = 'hs-refresh-NEVER-SHOWN-31bd';
const PRIVATE_APP_TOKEN = 'pat-na1-NEVER-SHOWN-0c9e';
let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
});

const settings = {
  pipelines: ['default'],
  teamManagers: { East: 'mia@acme.test', '368390': 'vic@acme.test' },
};

async function connect(orgId: string, fake: FakeHubSpot) {
  await connectCrm(db, {
    orgId,
    kind: 'hubspot',
    instanceUrl: fake.url,
    authKind: 'refresh-token',
    clientId: 'rudder-hubspot-app',
    secrets: { refreshToken: REFRESH_TOKEN, clientSecret: CLIENT_SECRET },
    settings,
    actorId: null,
    box,
    now: new Date('2024-03-01T00:00:00Z'),
  });
}

/** Everything a sync writes, as text, without generated ids. */
async function contents(orgId: string) {
  const parts = await Promise.all([
    db.query(
      'select external_id, name, email, role from person where org_id = $1 order by external_id',
      [orgId],
    ),
    db.query(
      `select t.name, m.external_id as manager from team t
         left join person m on m.org_id = t.org_id and m.id = t.manager_id
        where t.org_id = $1 order by t.name`,
      [orgId],
    ),
    db.query(
      `select p.external_id, t.name from team_membership m
         join person p on p.org_id = m.org_id and p.id = m.person_id
         join team t on t.org_id = m.org_id and t.id = m.team_id
        where m.org_id = $1 and m.valid_to is null order by p.external_id`,
      [orgId],
    ),
    db.query(
      'select name, position, kind, probability from stage where org_id = $1 order by position',
      [orgId],
    ),
    db.query(
      `select o.external_id, o.name, p.external_id as owner, s.name as stage, o.amount, o.status,
              o.probability, o.created_at, o.close_date
         from opportunity o join person p on p.org_id = o.org_id and p.id = o.owner_id
         join stage s on s.org_id = o.org_id and s.id = o.stage_id
        where o.org_id = $1 order by o.external_id`,
      [orgId],
    ),
    eventsOf(db, orgId),
    db.query(
      `select a.external_id, p.external_id as person, a.kind, a.occurred_at, o.external_id as deal, a.subject
         from activity a join person p on p.org_id = a.org_id and p.id = a.person_id
         left join opportunity o on o.org_id = a.org_id and o.id = a.opportunity_id
        where a.org_id = $1 order by a.external_id`,
      [orgId],
    ),
  ]);
  return parts;
}

describe(`HubSpot sync against a local HubSpot API on ${testEngine}`, () => {
  const fake = loaded(
    new FakeHubSpot({
      pageSize: 2,
      refreshToken: REFRESH_TOKEN,
      clientId: 'rudder-hubspot-app',
      clientSecret: CLIENT_SECRET,
      searchLimit: 4,
    }),
  );
  let orgId: string;
  const { sleeps, sleep } = recordedSleep();
  const run = (at: string, extra: { full?: boolean; dryRun?: boolean } = {}) =>
    syncHubSpot({
      db,
      orgId,
      box,
      clock: fixedClock(at),
      searchLimit: 4,
      sleep,
      ...extra,
    });

  beforeAll(async () => {
    await fake.start();
    orgId = await insertOrg(db, { slug: 'hs-sync' });
    await connect(orgId, fake);
  });
  afterAll(async () => {
    await fake.stop();
  });

  const secondly = {
    status: 'error',
    message: 'You have reached your secondly limit.',
    errorType: 'RATE_LIMIT',
    correlationId: 'c0ffee00-0000-4000-8000-000000000429',
    policyName: 'SECONDLY',
  };

  it('a first sync reads owners in two teams, the chosen pipeline, three pages of deals, their history and the engagements, waiting out a 429', async () => {
    // The second deals page meets HubSpot's per-second limit once, with Retry-After: 3.
    fake.faults.push({
      when: 'POST /crm/v3/objects/deals/search',
      skip: 1,
      status: 429,
      body: secondly,
      headers: { 'retry-after': '3' },
    });
    const result = await run('2024-03-03T08:00:00Z');
    expect(result.message).toBeNull();
    expect(result.status).toBe('succeeded');
    expect(sleeps).toEqual([3000]);
    // Six deals of the default pipeline at two a page, the search ceiling (4 here, 10,000 at
    // HubSpot) passed by searching again from the last modified date reached: 2024-02-16T09:00Z.
    const dealSearches = fake.log
      .filter((r) => r.path === '/crm/v3/objects/deals/search' && r.body.includes('dealname'))
      .map(
        (r) =>
          JSON.parse(r.body) as {
            after?: string;
            filterGroups: { filters: { value?: string }[] }[];
          },
      );
    expect(
      dealSearches.map((b) => [b.filterGroups[0]?.filters[0]?.value ?? null, b.after ?? null]),
    ).toEqual([
      [null, null],
      [null, '2'], // 429
      [null, '2'],
      [String(Date.parse('2024-02-16T09:00:00Z')), null],
      [String(Date.parse('2024-02-16T09:00:00Z')), '2'],
    ]);
    expect(
      result.objects.map((o) => [
        o.object,
        o.status,
        o.counts?.rows,
        o.counts?.new,
        o.counts?.events,
        o.deleted,
        o.skipped,
      ]),
    ).toEqual([
      ['owners', 'succeeded', 5, 5, 0, 0, 0],
      // Zeta has no owner (skipped), Eta is in Renewals (not chosen), Theta was deleted.
      ['deals', 'succeeded', 5, 5, 5, 1, 1],
      // 8 states of 5 deals (Zeta's history skipped); 3 of them yield events.
      ['deals:history', 'succeeded', 8, 3, 5, 0, 1],
      // The e-mail without an owner is skipped; the deleted call is counted.
      ['engagements', 'succeeded', 3, 3, 0, 1, 1],
    ]);
    expect(result.stagesAdded).toEqual([
      'Appointment Scheduled',
      'Qualified To Buy',
      'Presentation Scheduled',
      'Closed Won',
      'Closed Lost',
    ]);
    const [people, teams, members, stages, deals, events, activities] = await contents(orgId);
    expect(people).toEqual([
      { external_id: '101', name: 'Mia Moss', email: 'mia@acme.test', role: 'manager' },
      { external_id: '102', name: 'Rex Ray', email: 'rex@acme.test', role: 'rep' },
      { external_id: '103', name: 'Ria Rose', email: 'ria@acme.test', role: 'rep' },
      { external_id: '104', name: 'Vic Vance', email: 'vic@acme.test', role: 'manager' },
      { external_id: '105', name: 'Ola Old', email: 'ola@acme.test', role: 'rep' },
    ]);
    // HubSpot's teams are Rudder's; their managers are the admin's choice (by name or id).
    expect(teams).toEqual([
      { name: 'East', manager: '101' },
      { name: 'West', manager: '104' },
    ]);
    expect(members).toEqual([
      { external_id: '102', name: 'East' },
      { external_id: '103', name: 'West' },
    ]);
    // Probabilities from the stages' metadata (0.2 → 20); closed at 1.0 won, at 0.0 lost.
    expect(stages).toEqual([
      { name: 'Appointment Scheduled', position: 1, kind: 'open', probability: 20 },
      { name: 'Qualified To Buy', position: 2, kind: 'open', probability: 40 },
      { name: 'Presentation Scheduled', position: 3, kind: 'open', probability: 60 },
      { name: 'Closed Won', position: 4, kind: 'won', probability: 100 },
      { name: 'Closed Lost', position: 5, kind: 'lost', probability: 0 },
    ]);
    expect(
      (
        deals as {
          external_id: string;
          owner: string;
          stage: string;
          amount: number;
          status: string;
          close_date: string;
        }[]
      ).map((d) => [d.external_id, d.owner, d.stage, d.amount, d.status, d.close_date]),
    ).toEqual([
      ['201', '102', 'Presentation Scheduled', 1200000, 'open', '2024-04-30'],
      ['202', '102', 'Appointment Scheduled', 500000, 'open', '2024-05-15'],
      ['203', '103', 'Qualified To Buy', 800050, 'open', '2024-06-01'],
      ['204', '103', 'Closed Won', 2000000, 'won', '2024-02-28'],
      // The deal of a deactivated (archived) owner.
      ['205', '105', 'Closed Lost', 300000, 'lost', '2024-02-15'],
    ]);
    // Alpha's amount saved 150 ms after its creation is part of its first state; its stage
    // moved twice; Delta was won with a new close date; each at the time HubSpot recorded.
    const event = (deal: string, field: string, old: string | null, next: string, at: string) => ({
      deal,
      field,
      old,
      new: next,
      at: `${at}.000Z`,
    });
    expect(events).toEqual([
      event('201', 'created', null, 'Appointment Scheduled', '2024-02-01T09:00:00'),
      event('201', 'stage', 'Appointment Scheduled', 'Qualified To Buy', '2024-02-10T09:00:00'),
      event('201', 'stage', 'Qualified To Buy', 'Presentation Scheduled', '2024-02-20T09:00:00'),
      event('202', 'created', null, 'Appointment Scheduled', '2024-02-05T09:00:00'),
      event('203', 'created', null, 'Qualified To Buy', '2024-02-10T09:00:00'),
      event('204', 'created', null, 'Qualified To Buy', '2024-02-12T09:00:00'),
      event('204', 'close_date', '2024-03-31', '2024-02-28', '2024-02-28T15:00:00'),
      event('204', 'stage', 'Qualified To Buy', 'Closed Won', '2024-02-28T15:00:00'),
      event('204', 'status', 'open', 'won', '2024-02-28T15:00:00'),
      event('205', 'created', null, 'Closed Lost', '2024-02-15T09:00:00'),
    ]);
    expect(activities).toEqual([
      {
        external_id: '301',
        person: '102',
        kind: 'call',
        occurred_at: '2024-03-01T14:00:00.000Z',
        deal: '201',
        subject: 'Call Alpha',
      },
      {
        external_id: '401',
        person: '102',
        kind: 'meeting',
        occurred_at: '2024-03-07T16:00:00.000Z',
        deal: '203',
        subject: 'Demo',
      },
      {
        external_id: '501',
        person: '103',
        kind: 'email',
        occurred_at: '2024-03-04T10:00:00.000Z',
        deal: '203',
        subject: 'Send proposal',
      },
    ]);
    expect((await loadCrmConnection(db, orgId, 'hubspot', box))?.cursors).toEqual({
      owners: '2024-03-01T10:00:00.000Z',
      deals: '2024-02-28T15:00:00.000Z',
      'deals:archived': '2024-03-01T10:00:00.000Z',
      'deals:history': '2024-02-28T15:00:00.000Z',
      calls: '2024-03-01T14:05:00.000Z',
      'calls:archived': '2024-03-01T12:00:00.000Z',
      meetings: '2024-03-01T15:00:00.000Z',
      emails: '2024-03-01T16:30:00.000Z',
    });
    const runs = await db.query<{ file_name: string; cursors: unknown }>(
      `select file_name, counts->'cursors' as cursors from import_run
        where org_id = $1 and dry_run = 'no' order by file_name`,
      [orgId],
    );
    expect(runs).toEqual([
      {
        file_name: 'hubspot:deals',
        cursors: {
          deals: '2024-02-28T15:00:00.000Z',
          'deals:archived': '2024-03-01T10:00:00.000Z',
        },
      },
      {
        file_name: 'hubspot:deals:history',
        cursors: { 'deals:history': '2024-02-28T15:00:00.000Z' },
      },
      {
        file_name: 'hubspot:engagements',
        cursors: {
          calls: '2024-03-01T14:05:00.000Z',
          'calls:archived': '2024-03-01T12:00:00.000Z',
          meetings: '2024-03-01T15:00:00.000Z',
          emails: '2024-03-01T16:30:00.000Z',
        },
      },
      { file_name: 'hubspot:owners', cursors: { owners: '2024-03-01T10:00:00.000Z' } },
    ]);
  });

  it('running again changes nothing', async () => {
    const before = JSON.stringify(await contents(orgId));
    const result = await run('2024-03-04T08:00:00Z');
    expect(result.status).toBe('succeeded');
    expect(result.objects.every((o) => (o.counts?.new ?? 0) + (o.counts?.changed ?? 0) === 0)).toBe(
      true,
    );
    expect(result.objects.every((o) => (o.counts?.events ?? 0) === 0 && o.deleted === 0)).toBe(
      true,
    );
    expect(JSON.stringify(await contents(orgId))).toBe(before);
  });

  it('an incremental run after a change records exactly that change, renewing an expired token once', async () => {
    // Beta moves to Presentation Scheduled with a bigger amount; Gamma changes owner; an
    // e-mail is deleted. The access token expires meanwhile: the first call answers 401.
    fake.update('deals', '202', '2024-03-10T12:00:00.000Z', {
      dealstage: 'presentationscheduled',
      amount: '6500',
    });
    fake.update('deals', '203', '2024-03-10T12:01:00.000Z', { hubspot_owner_id: '102' });
    fake.archive('emails', '501', '2024-03-10T12:02:00.000Z');
    fake.expireTokens();
    const issued = fake.issued.length;
    const before = await eventsOf(db, orgId);

    const result = await run('2024-03-11T08:00:00Z');
    expect(result.message).toBeNull();
    expect(result.status).toBe('succeeded');
    expect(fake.issued.length).toBe(issued + 1);
    expect((await loadCrmConnection(db, orgId, 'hubspot', box))?.secrets.accessToken).toBe(
      fake.issued.at(-1),
    );
    const after = await eventsOf(db, orgId);
    const added = after.filter((e) => !before.some((b) => JSON.stringify(b) === JSON.stringify(e)));
    expect(added).toEqual([
      {
        deal: '202',
        field: 'amount',
        old: '500000',
        new: '650000',
        at: '2024-03-10T12:00:00.000Z',
      },
      {
        deal: '202',
        field: 'stage',
        old: 'Appointment Scheduled',
        new: 'Presentation Scheduled',
        at: '2024-03-10T12:00:00.000Z',
      },
      // The property history has no owner change: the snapshot sees it when it syncs.
      { deal: '203', field: 'owner', old: '103', new: '102', at: '2024-03-11T08:00:00.000Z' },
    ]);
    expect(after.length).toBe(before.length + 3);
    const activities = await db.query(
      'select external_id from activity where org_id = $1 order by 1',
      [orgId],
    );
    expect(activities).toEqual([{ external_id: '301' }, { external_id: '401' }]);
    const again = JSON.stringify(await contents(orgId));
    const rerun = await run('2024-03-11T09:00:00Z');
    expect(rerun.status).toBe('succeeded');
    expect(rerun.objects.every((o) => (o.counts?.events ?? 0) === 0 && o.deleted === 0)).toBe(true);
    expect(JSON.stringify(await contents(orgId))).toBe(again);
  });

  it('keeps the rep_month rollup equal to a recomputation from the synced deals', async () => {
    // The syncs above created, moved and re-read deals; the triggers kept the rollup.
    const stored = await storedRollup(db, orgId);
    expect(stored.size).toBeGreaterThan(0);
    expect(stored).toEqual(await recomputedRollup(db, orgId));
  });

  it('a DAILY limit ends the run with what committed kept; the next run resumes from the cursors and imports once', async () => {
    fake.add('calls', '303', '2024-03-12T10:00:00.000Z', {
      hs_timestamp: '2024-03-12T09:30:00.000Z',
      hs_call_title: 'Follow-up Beta',
      hubspot_owner_id: '102',
    });
    fake.update('deals', '205', '2024-03-12T10:00:00.000Z', { dealname: 'Epsilon (lost)' });
    fake.faults.push({
      when: 'POST /crm/v3/objects/calls/search',
      status: 429,
      body: { ...secondly, message: 'You have reached your daily limit.', policyName: 'DAILY' },
    });
    const waits = sleeps.length;
    const limited = await run('2024-03-12T11:00:00Z');
    expect(limited.status).toBe('rate-limited');
    expect(limited.message).toContain("HubSpot's daily limit is reached (DAILY");
    // No waiting for midnight: the run ends at once.
    expect(sleeps.length).toBe(waits);
    expect(limited.objects.map((o) => o.object)).toEqual(['owners', 'deals', 'deals:history']);
    const deal = await db.query(
      'select name from opportunity where org_id = $1 and external_id = $2',
      [orgId, '205'],
    );
    expect(deal).toEqual([{ name: 'Epsilon (lost)' }]);
    expect((await loadCrmConnection(db, orgId, 'hubspot', box))?.cursors.calls).toBe(
      '2024-03-01T14:05:00.000Z',
    );

    const resumed = await run('2024-03-12T12:00:00Z');
    expect(resumed.status).toBe('succeeded');
    const engagements = resumed.objects.find((o) => o.object === 'engagements');
    // New: the call. Unchanged: the call and the meeting at their cursors (read again at `>=`).
    expect([engagements?.counts?.new, engagements?.counts?.unchanged]).toEqual([1, 2]);
    const calls = await db.query(
      `select external_id, occurred_at from activity where org_id = $1 and kind = 'call' order by 1`,
      [orgId],
    );
    expect(calls).toEqual([
      { external_id: '301', occurred_at: '2024-03-01T14:00:00.000Z' },
      { external_id: '303', occurred_at: '2024-03-12T09:30:00.000Z' },
    ]);
  });

  it('a revoked app stops the sync with a clear message, and no run calls HubSpot again', async () => {
    fake.revoke();
    const stopped = await run('2024-03-13T08:00:00Z');
    expect(stopped.status).toBe('stopped');
    expect(stopped.message).toContain('BAD_REFRESH_TOKEN');
    expect(stopped.message).toContain('an admin must connect HubSpot again');
    const view = await loadCrmConnection(db, orgId, 'hubspot', box);
    expect(view?.status).toBe('stopped');
    expect(view?.statusMessage).toBe(stopped.message);
    const audit = await db.query<{ action: string; details: unknown }>(
      `select action, details from audit_event where org_id = $1 and action = 'crm.sync_stopped'`,
      [orgId],
    );
    expect(audit).toEqual([
      { action: 'crm.sync_stopped', details: { kind: 'hubspot', reason: stopped.message } },
    ]);
    const calls = fake.log.length;
    const next = await run('2024-03-13T09:00:00Z');
    expect(next.status).toBe('stopped');
    expect(fake.log.length).toBe(calls);
    // No secret anywhere but the sealed blob: not in answers, the import history or the audit log.
    const everything = JSON.stringify([
      stopped,
      next,
      await db.query('select * from import_run where org_id = $1', [orgId]),
      await db.query('select * from audit_event where org_id = $1', [orgId]),
      await db.query(
        'select cursors, settings, status_message, client_id, instance_url from crm_connection where org_id = $1',
        [orgId],
      ),
    ]);
    expect(fake.issued.length).toBeGreaterThan(1);
    for (const secret of [REFRESH_TOKEN, CLIENT_SECRET, ...fake.issued])
      expect(everything).not.toContain(secret);
  });
});

describe(`HubSpot sync with a private app token on ${testEngine}`, () => {
  it('syncs with the token as it is, and stops at once when it is refused (nothing to refresh)', async () => {
    const fake = loaded(new FakeHubSpot({ privateAppToken: PRIVATE_APP_TOKEN }));
    await fake.start();
    try {
      const orgId = await insertOrg(db, { slug: 'hs-private-app' });
      await connectCrm(db, {
        orgId,
        kind: 'hubspot',
        instanceUrl: 'http://127.0.0.1:9',
        authKind: 'access-token',
        secrets: { accessToken: PRIVATE_APP_TOKEN },
        actorId: null,
        box,
        now: new Date('2024-03-01T00:00:00Z'),
      });
      const clock = fixedClock('2024-03-03T08:00:00Z');
      // --base-url: this run goes to the local API, not the stored (dead) address.
      const synced = await syncHubSpot({ db, orgId, box, clock, baseUrl: fake.url });
      expect(synced.status).toBe('succeeded');
      // Without a pipeline chosen, every pipeline's deals are read: Eta in Renewals too.
      const deals = await db.query<{ external_id: string }>(
        'select external_id from opportunity where org_id = $1 order by 1',
        [orgId],
      );
      expect(deals.map((d) => d.external_id)).toEqual(['201', '202', '203', '204', '205', '207']);
      expect(fake.log.some((r) => r.path === '/oauth/v1/token')).toBe(false);

      fake.revoke();
      const stopped = await syncHubSpot({ db, orgId, box, clock, baseUrl: fake.url });
      expect(stopped.status).toBe('stopped');
      expect(stopped.message).toContain('private app token');
      expect(fake.log.some((r) => r.path === '/oauth/v1/token')).toBe(false);
      // No team manager chosen: teams exist without one.
      const teams = await db.query(
        'select name, manager_id from team where org_id = $1 order by 1',
        [orgId],
      );
      expect(teams).toEqual([
        { name: 'East', manager_id: null },
        { name: 'West', manager_id: null },
      ]);
    } finally {
      await fake.stop();
    }
  });
});

describe(`HubSpot's search ceiling on ${testEngine}`, () => {
  it('reads more deals modified at one instant than a query pages through, each once, by id', async () => {
    // A bulk import: seven deals modified at the same millisecond, two after; at most four
    // results per query (10,000 at HubSpot), two a page.
    const fake = new FakeHubSpot({
      privateAppToken: PRIVATE_APP_TOKEN,
      pageSize: 2,
      searchLimit: 4,
    });
    fake.owners = [
      {
        id: '1',
        email: 'o@acme.test',
        firstName: 'O',
        lastName: 'Wner',
        userId: 1,
        updatedAt: '2024-01-01T00:00:00.000Z',
        teams: [],
      },
    ];
    const bulk = '2024-04-01T12:00:00.000Z';
    for (let id = 11; id <= 17; id += 1) {
      fake.add('deals', String(id), bulk, {
        dealname: `Bulk ${id}`,
        hubspot_owner_id: '1',
        dealstage: 'x',
        amount: '1',
      });
    }
    fake.add('deals', '5', '2024-04-01T13:00:00.000Z', {
      dealname: 'Later 5',
      hubspot_owner_id: '1',
      dealstage: 'x',
    });
    fake.add('deals', '6', '2024-04-01T14:00:00.000Z', {
      dealname: 'Later 6',
      hubspot_owner_id: '1',
      dealstage: 'x',
    });
    await fake.start();
    try {
      const orgId = await insertOrg(db, { slug: 'hs-bulk' });
      await connectCrm(db, {
        orgId,
        kind: 'hubspot',
        instanceUrl: fake.url,
        authKind: 'access-token',
        secrets: { accessToken: PRIVATE_APP_TOKEN },
        actorId: null,
        box,
        now: new Date('2024-04-02T00:00:00Z'),
      });
      const result = await syncHubSpot({
        db,
        orgId,
        box,
        clock: fixedClock('2024-04-02T08:00:00Z'),
        searchLimit: 4,
      });
      expect(result.message).toBeNull();
      const deals = result.objects.find((o) => o.object === 'deals');
      expect([deals?.counts?.rows, deals?.counts?.new]).toEqual([9, 9]);
      const names = await db.query<{ external_id: string }>(
        'select external_id from opportunity where org_id = $1 order by external_id::int',
        [orgId],
      );
      expect(names.map((n) => n.external_id)).toEqual([
        '5',
        '6',
        '11',
        '12',
        '13',
        '14',
        '15',
        '16',
        '17',
      ]);
      // The queries the deals batch made: by date, again from the instant, by id within it, after it.
      const queries = fake.log
        .filter((r) => r.path === '/crm/v3/objects/deals/search' && r.body.includes('dealname'))
        .map((r) => {
          const body = JSON.parse(r.body) as {
            filterGroups?: {
              filters: { propertyName: string; operator: string; value?: string }[];
            }[];
            sorts: { propertyName: string }[];
            after?: string;
          };
          const filters = (body.filterGroups?.[0]?.filters ?? []).map(
            (f) =>
              `${f.propertyName === 'hs_object_id' ? 'id' : 'modified'} ${f.operator} ${f.propertyName === 'hs_object_id' ? f.value : new Date(Number(f.value)).toISOString()}`,
          );
          return `${filters.join(' & ') || 'all'} by ${body.sorts[0]?.propertyName} after ${body.after ?? 0}`;
        });
      expect(queries).toEqual([
        'all by hs_lastmodifieddate after 0',
        'all by hs_lastmodifieddate after 2',
        `modified GTE ${bulk} by hs_lastmodifieddate after 0`,
        `modified GTE ${bulk} by hs_lastmodifieddate after 2`,
        `modified EQ ${bulk} & id GT 0 by hs_object_id after 0`,
        `modified EQ ${bulk} & id GT 0 by hs_object_id after 2`,
        `modified EQ ${bulk} & id GT 14 by hs_object_id after 0`,
        `modified EQ ${bulk} & id GT 14 by hs_object_id after 2`,
        `modified GT ${bulk} by hs_lastmodifieddate after 0`,
      ]);
    } finally {
      await fake.stop();
    }
  });
});

describe(`a HubSpot dry run on ${testEngine}`, () => {
  it('reads and checks everything and writes nothing, cursors included', async () => {
    const fake = loaded(new FakeHubSpot({ privateAppToken: PRIVATE_APP_TOKEN, pageSize: 2 }));
    await fake.start();
    try {
      const orgId = await insertOrg(db, { slug: 'hs-dry' });
      await connectCrm(db, {
        orgId,
        kind: 'hubspot',
        instanceUrl: fake.url,
        authKind: 'access-token',
        secrets: { accessToken: PRIVATE_APP_TOKEN },
        settings,
        actorId: null,
        box,
        now: new Date('2024-03-01T00:00:00Z'),
      });
      const result = await syncHubSpot({
        db,
        orgId,
        box,
        clock: fixedClock('2024-03-03T08:00:00Z'),
        dryRun: true,
      });
      // Checked against the data as it is: the owners would be new, so the deals' and the
      // engagements' owners are unknown yet; the history finds no deal Rudder has (six
      // skipped: an empty batch that still says so).
      expect(
        result.objects.map((o) => [o.object, o.counts?.new, o.counts?.errors, o.skipped]),
      ).toEqual([
        ['owners', 5, 0, 0],
        ['deals', 0, 5, 1],
        ['deals:history', 0, 0, 6],
        ['engagements', 0, 3, 1],
      ]);
      expect(result.status).toBe('failed');
      const [counts] = await db.query(
        `select (select count(*) from person where org_id = $1)::int as people,
                (select count(*) from opportunity where org_id = $1)::int as deals,
                (select count(*) from stage where org_id = $1)::int as stages,
                (select count(*) from activity where org_id = $1)::int as activities`,
        [orgId],
      );
      expect(counts).toEqual({ people: 0, deals: 0, stages: 0, activities: 0 });
      expect((await loadCrmConnection(db, orgId, 'hubspot', box))?.cursors).toEqual({});
    } finally {
      await fake.stop();
    }
  });
});
