import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { createTestDb, testEngine } from '../../db/test-db.js';
import { insertOrg } from '../../db/test-fixtures.js';
import { recomputedRollup, storedRollup } from '../../db/test-rollup.js';
import { exportOrganization } from '../../export/export-organization.js';
import { fixedClock, systemClock } from '../../shared/clock.js';
import { connectCrm } from '../connect-crm.js';
import { loadCrmConnection } from '../crm-connection.js';
import { SecretBox } from '../secret-box.js';
import { eventsOf, recordedSleep } from '../test-crm-world.js';
import { FakeSalesforce } from './fake-salesforce.js';
import { loaded, stamp, state } from './fake-salesforce-data.js';
import { syncSalesforce } from './sync-salesforce.js';

const box = SecretBox.fromConfig('7'.repeat(64));
const CLIENT_SECRET = 'client-secret-NEVER-SHOWN-4f1c';
const REFRESH_TOKEN = 'refresh-token-NEVER-SHOWN-9a2e';
let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
});

async function connect(orgId: string, fake: FakeSalesforce, accessToken?: string) {
  await connectCrm(db, {
    orgId,
    kind: 'salesforce',
    instanceUrl: fake.url,
    loginUrl: fake.url,
    authKind: 'refresh-token',
    clientId: 'rudder-app',
    secrets: {
      refreshToken: REFRESH_TOKEN,
      clientSecret: CLIENT_SECRET,
      ...(accessToken ? { accessToken } : {}),
    },
    actorId: null,
    box,
    now: new Date('2024-03-01T00:00:00Z'),
  });
}

/** Everything a sync writes, as text, without generated ids that differ between runs. */
async function contents(orgId: string): Promise<string> {
  const parts = await Promise.all([
    db.query(
      `select external_id, name, email, role from person where org_id = $1 order by external_id`,
      [orgId],
    ),
    db.query(
      `select t.name, m.external_id as manager, l.external_id as leader from team t
         left join person m on m.org_id = t.org_id and m.id = t.manager_id
         left join person l on l.org_id = t.org_id and l.id = t.leader_id
        where t.org_id = $1 order by t.name`,
      [orgId],
    ),
    db.query(
      `select p.external_id, t.name, m.valid_from, m.valid_to from team_membership m
         join person p on p.org_id = m.org_id and p.id = m.person_id
         join team t on t.org_id = m.org_id and t.id = m.team_id
        where m.org_id = $1 order by p.external_id, t.name`,
      [orgId],
    ),
    db.query(
      'select name, position, kind, probability from stage where org_id = $1 order by position',
      [orgId],
    ),
    db.query(
      `select o.external_id, o.name, o.account, p.external_id as owner, s.name as stage, o.amount,
              o.status, o.probability, o.created_at, o.close_date, o.closed_at, o.last_changed_at
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
  return JSON.stringify(parts);
}

describe(`Salesforce sync against a local Salesforce API on ${testEngine}`, () => {
  const fake = loaded(
    new FakeSalesforce({ pageSize: 2, refreshToken: REFRESH_TOKEN, clientId: 'rudder-app' }),
  );
  let orgId: string;
  const { sleep } = recordedSleep();
  const run = (at: string, extra: { full?: boolean; dryRun?: boolean } = {}) =>
    syncSalesforce({
      db,
      orgId,
      box,
      clock: fixedClock(at),
      sleep,
      ...extra,
    });

  beforeAll(async () => {
    await fake.start();
    orgId = await insertOrg(db, { slug: 'sf-sync' });
    await connect(orgId, fake);
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('a dry run reads everything and writes nothing, cursors included', async () => {
    const result = await run('2024-03-03T08:00:00Z', { dryRun: true });
    // Checked against the data as it is: the users would be new, their deals' owners unknown.
    expect(result.objects.map((o) => [o.object, o.counts?.new, o.counts?.errors])).toEqual([
      ['User', 4, 0],
      ['Opportunity', 0, 5],
      ['OpportunityHistory', 0, 0],
      ['Task+Event', 0, 4],
    ]);
    expect(result.status).toBe('failed');
    const [counts] = await db.query<{ people: number; deals: number; stages: number }>(
      `select (select count(*) from person where org_id = $1)::int as people,
              (select count(*) from opportunity where org_id = $1)::int as deals,
              (select count(*) from stage where org_id = $1)::int as stages`,
      [orgId],
    );
    expect(counts).toEqual({ people: 0, deals: 0, stages: 0 });
    expect((await loadCrmConnection(db, orgId, 'salesforce', box))?.cursors).toEqual({});
  });

  it('a first sync reads three pages of deals, the hierarchy, the stages, the history and the activities', async () => {
    const result = await run('2024-03-03T08:00:00Z');
    expect(result.message).toBeNull();
    expect(result.status).toBe('succeeded');
    // Six opportunities at two a page: the first answer and two nextRecordsUrl pages.
    const opportunityPages = fake.log.filter((r) => r.path.includes('/query/01g3-'));
    expect(opportunityPages.map((r) => r.path.replace(/.*\//, ''))).toEqual(['01g3-2', '01g3-4']);
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
      ['User', 'succeeded', 4, 4, 0, 0, 0],
      ['Opportunity', 'succeeded', 5, 5, 5, 1, 0],
      // 8 states of 5 known deals (the deleted deal's history is skipped): 3 yield events.
      ['OpportunityHistory', 'succeeded', 8, 3, 5, 0, 1],
      ['Task+Event', 'succeeded', 4, 4, 0, 1, 0],
    ]);
    expect(result.stagesAdded).toEqual([
      'Prospecting',
      'Qualification',
      'Proposal',
      'Closed Won',
      'Closed Lost',
    ]);

    const people = await db.query(
      'select external_id, name, email, role from person where org_id = $1 order by external_id',
      [orgId],
    );
    expect(people).toEqual([
      { external_id: '005M', name: 'Mia Moss', email: 'mia@acme.test', role: 'manager' },
      { external_id: '005R', name: 'Rex Ray', email: 'rex@acme.test', role: 'rep' },
      { external_id: '005S', name: 'Ria Rose', email: 'ria@acme.test', role: 'rep' },
      { external_id: '005V', name: 'Vic Vance', email: 'vic@acme.test', role: 'leader' },
    ]);
    const parts = JSON.parse(await contents(orgId)) as unknown[];
    // Teams: Mia's reps in Mia's team, Mia in Vic's; Vic leads Mia's team.
    expect(parts[1]).toEqual([
      { name: "Mia Moss's team", manager: '005M', leader: '005V' },
      { name: "Vic Vance's team", manager: '005V', leader: null },
    ]);
    // People new to Rudder were in their team before the first sync: from the data's origin.
    expect(parts[2]).toEqual([
      { external_id: '005M', name: "Vic Vance's team", valid_from: '1970-01-01', valid_to: null },
      { external_id: '005R', name: "Mia Moss's team", valid_from: '1970-01-01', valid_to: null },
      { external_id: '005S', name: "Mia Moss's team", valid_from: '1970-01-01', valid_to: null },
    ]);
    expect(parts[3]).toEqual([
      { name: 'Prospecting', position: 1, kind: 'open', probability: 10 },
      { name: 'Qualification', position: 2, kind: 'open', probability: 20 },
      { name: 'Proposal', position: 3, kind: 'open', probability: 60 },
      { name: 'Closed Won', position: 4, kind: 'won', probability: 100 },
      { name: 'Closed Lost', position: 5, kind: 'lost', probability: 0 },
    ]);
    const deals = parts[4] as {
      external_id: string;
      owner: string;
      stage: string;
      amount: number;
      status: string;
    }[];
    expect(deals.map((d) => [d.external_id, d.owner, d.stage, d.amount, d.status])).toEqual([
      ['006A1', '005R', 'Proposal', 1200000, 'open'],
      ['006A2', '005R', 'Prospecting', 500000, 'open'],
      ['006A3', '005S', 'Qualification', 800050, 'open'],
      ['006A4', '005S', 'Closed Won', 2000000, 'won'],
      ['006A5', '005M', 'Closed Lost', 300000, 'lost'],
    ]);
    // Each deal's creation in the stage its history starts in, then every change at its time.
    expect(await eventsOf(db, orgId)).toEqual([
      {
        deal: '006A1',
        field: 'created',
        old: null,
        new: 'Prospecting',
        at: '2024-02-01T09:00:00.000Z',
      },
      {
        deal: '006A1',
        field: 'stage',
        old: 'Prospecting',
        new: 'Qualification',
        at: '2024-02-10T09:00:00.000Z',
      },
      {
        deal: '006A1',
        field: 'stage',
        old: 'Qualification',
        new: 'Proposal',
        at: '2024-02-20T09:00:00.000Z',
      },
      {
        deal: '006A2',
        field: 'created',
        old: null,
        new: 'Prospecting',
        at: '2024-02-05T09:00:00.000Z',
      },
      {
        deal: '006A3',
        field: 'created',
        old: null,
        new: 'Qualification',
        at: '2024-02-10T09:00:00.000Z',
      },
      {
        deal: '006A4',
        field: 'created',
        old: null,
        new: 'Qualification',
        at: '2024-02-12T09:00:00.000Z',
      },
      {
        deal: '006A4',
        field: 'close_date',
        old: '2024-03-31',
        new: '2024-02-28',
        at: '2024-02-28T15:00:00.000Z',
      },
      {
        deal: '006A4',
        field: 'stage',
        old: 'Qualification',
        new: 'Closed Won',
        at: '2024-02-28T15:00:00.000Z',
      },
      { deal: '006A4', field: 'status', old: 'open', new: 'won', at: '2024-02-28T15:00:00.000Z' },
      {
        deal: '006A5',
        field: 'created',
        old: null,
        new: 'Closed Lost',
        at: '2024-02-15T09:00:00.000Z',
      },
    ]);
    expect(parts[6]).toEqual([
      {
        external_id: '00T1',
        person: '005R',
        kind: 'call',
        occurred_at: '2024-03-01T14:00:00.000Z',
        deal: '006A1',
        subject: 'Call Acme',
      },
      {
        external_id: '00T2',
        person: '005S',
        kind: 'email',
        occurred_at: '2024-03-04T00:00:00.000Z',
        deal: '006A3',
        subject: 'Send proposal',
      },
      {
        external_id: '00T4',
        person: '005M',
        kind: 'task',
        occurred_at: '2024-03-06T00:00:00.000Z',
        deal: null,
        subject: 'Plan territory',
      },
      {
        external_id: '00U1',
        person: '005R',
        kind: 'meeting',
        occurred_at: '2024-03-07T16:00:00.000Z',
        deal: '006A3',
        subject: 'Demo',
      },
    ]);
    // Each object's cursor: its latest SystemModstamp, deleted records included.
    expect((await loadCrmConnection(db, orgId, 'salesforce', box))?.cursors).toEqual({
      User: stamp('2024-03-01T10:00:00'),
      Opportunity: stamp('2024-03-02T10:05:00'),
      OpportunityHistory: stamp('2024-03-02T10:05:00'),
      Task: stamp('2024-03-01T15:00:00'),
      Event: stamp('2024-03-01T16:00:00'),
    });
    // Each batch is an import run in the history, with the cursor it reached.
    const runs = await db.query<{ file_name: string; status: string; cursors: unknown }>(
      `select file_name, status, counts->'cursors' as cursors from import_run
        where org_id = $1 and dry_run = 'no' order by started_at, file_name`,
      [orgId],
    );
    expect(runs.map((r) => r.file_name).sort()).toEqual([
      'salesforce:Opportunity',
      'salesforce:OpportunityHistory',
      'salesforce:Task+Event',
      'salesforce:User',
    ]);
    expect(runs.find((r) => r.file_name === 'salesforce:Opportunity')?.cursors).toEqual({
      Opportunity: stamp('2024-03-02T10:05:00'),
    });
  });

  it('running again changes nothing', async () => {
    const before = await contents(orgId);
    const result = await run('2024-03-04T08:00:00Z');
    expect(result.status).toBe('succeeded');
    expect(result.objects.every((o) => (o.counts?.new ?? 0) + (o.counts?.changed ?? 0) === 0)).toBe(
      true,
    );
    expect(result.objects.every((o) => (o.counts?.events ?? 0) === 0)).toBe(true);
    expect(await contents(orgId)).toBe(before);
  });

  it('an incremental run after a change records exactly that change, renewing an expired session', async () => {
    // Beta moves from Prospecting to Proposal with a bigger amount; Gamma changes owner;
    // a task is deleted. Sessions time out meanwhile: the first call answers 401.
    fake.update('Opportunity', '006A2', {
      StageName: 'Proposal',
      Amount: 6500,
      SystemModstamp: stamp('2024-03-10T12:00:00'),
    });
    fake.add(
      'OpportunityHistory',
      state('006A2', 'Proposal', 6500, '2024-05-15', '2024-03-10T12:00:00'),
    );
    fake.update('Opportunity', '006A3', {
      OwnerId: '005R',
      SystemModstamp: stamp('2024-03-10T12:01:00'),
    });
    fake.update('Task', '00T2', { IsDeleted: true, SystemModstamp: stamp('2024-03-10T12:02:00') });
    fake.expireSessions();
    const issued = fake.issued.length;
    const before = await eventsOf(db, orgId);

    const result = await run('2024-03-11T08:00:00Z');
    expect(result.message).toBeNull();
    expect(result.status).toBe('succeeded');
    expect(fake.issued.length).toBe(issued + 1);
    // The renewed token is kept, sealed.
    expect((await loadCrmConnection(db, orgId, 'salesforce', box))?.secrets.accessToken).toBe(
      fake.issued.at(-1),
    );
    const after = await eventsOf(db, orgId);
    const added = after.filter((e) => !before.some((b) => JSON.stringify(b) === JSON.stringify(e)));
    expect(added).toEqual([
      {
        deal: '006A2',
        field: 'amount',
        old: '500000',
        new: '650000',
        at: '2024-03-10T12:00:00.000Z',
      },
      {
        deal: '006A2',
        field: 'stage',
        old: 'Prospecting',
        new: 'Proposal',
        at: '2024-03-10T12:00:00.000Z',
      },
      // OpportunityHistory has no owner: the snapshot sees the change when it syncs.
      { deal: '006A3', field: 'owner', old: '005S', new: '005R', at: '2024-03-11T08:00:00.000Z' },
    ]);
    expect(after.length).toBe(before.length + 3);
    const activities = await db.query(
      'select external_id from activity where org_id = $1 order by 1',
      [orgId],
    );
    expect(activities).toEqual([
      { external_id: '00T1' },
      { external_id: '00T4' },
      { external_id: '00U1' },
    ]);

    const settled = await contents(orgId);
    expect((await run('2024-03-12T08:00:00Z')).status).toBe('succeeded');
    expect(await contents(orgId)).toBe(settled);
  });

  it('a full run reads everything again and changes nothing', async () => {
    const settled = await contents(orgId);
    const result = await run('2024-03-12T09:00:00Z', { full: true });
    expect(result.status).toBe('succeeded');
    expect(result.objects.find((o) => o.object === 'Opportunity')?.counts).toMatchObject({
      rows: 5,
      new: 0,
      changed: 0,
      unchanged: 5,
      events: 0,
    });
    expect(await contents(orgId)).toBe(settled);
  });

  it('keeps the rep_month rollup equal to a recomputation from the synced deals', async () => {
    // The syncs above created, moved and re-read deals; the triggers kept the rollup.
    const stored = await storedRollup(db, orgId);
    expect(stored.size).toBeGreaterThan(0);
    expect(stored).toEqual(await recomputedRollup(db, orgId));
  });

  it('a revoked token stops the sync with a clear message, and it stays stopped without calling Salesforce', async () => {
    fake.revoke();
    const result = await run('2024-03-13T08:00:00Z');
    expect(result.status).toBe('stopped');
    expect(result.message).toContain('invalid_grant');
    expect(result.message).toContain('an admin must connect Salesforce again');
    const connection = await loadCrmConnection(db, orgId, 'salesforce', box);
    expect(connection?.status).toBe('stopped');
    expect(connection?.statusMessage).toBe(result.message);
    const audit = await db.query<{ details: { reason: string } }>(
      `select details from audit_event where org_id = $1 and action = 'crm.sync_stopped'`,
      [orgId],
    );
    expect(audit.map((a) => a.details.reason)).toEqual([result.message]);
    const calls = fake.log.length;
    const again = await run('2024-03-13T09:00:00Z');
    expect(again.status).toBe('stopped');
    expect(again.requests).toBe(0);
    expect(fake.log.length).toBe(calls);
  });

  it('no token, secret or key is stored in clear, exported or audited', async () => {
    const secrets = [REFRESH_TOKEN, CLIENT_SECRET, ...fake.issued];
    expect(fake.issued.length).toBeGreaterThan(1);
    const tables = await db.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    let dump = '';
    for (const { table_name } of tables) {
      const rows = await db.query<{ row: string }>(
        `select row_to_json(t)::text as row from "${table_name}" t`,
      );
      dump += rows.map((r) => r.row).join('\n');
    }
    expect(dump).toContain('"kind":"salesforce"');
    for (const secret of secrets) expect(dump).not.toContain(secret);
    const folder = await mkdtemp(join(tmpdir(), 'rudder-sync-export-'));
    try {
      await exportOrganization({ db, orgId, outDir: folder, format: 'ndjson' });
      const files = await readdir(folder);
      expect(files.length).toBeGreaterThan(3);
      const exported = (
        await Promise.all(files.map((f) => readFile(join(folder, f), 'utf8')))
      ).join('\n');
      expect(exported).toContain('006A1');
      for (const secret of secrets) expect(exported).not.toContain(secret);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe(`Salesforce rate limits on ${testEngine}`, () => {
  const fake = loaded(new FakeSalesforce({ pageSize: 2, refreshToken: REFRESH_TOKEN }));
  let orgId: string;
  const { sleeps, sleep } = recordedSleep();
  const run = (at: string) =>
    syncSalesforce({
      db,
      orgId,
      box,
      clock: fixedClock(at),
      sleep,
    });

  beforeAll(async () => {
    await fake.start();
    orgId = await insertOrg(db, { slug: 'sf-limits' });
    await connect(orgId, fake);
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('a dropped connection and a 429 mid-run are waited out (Retry-After) and the page read once more; a lasting limit ends the run', async () => {
    fake.faults.push({
      when: '/query/01g3-2',
      status: 429,
      headers: { 'retry-after': '7' },
      body: [{ message: 'Too many requests', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
    });
    // The day's limit, on the last page of opportunities, outlasts every retry.
    fake.faults.push({
      when: '/query/01g3-4',
      status: 403,
      body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
      times: 5,
    });
    // And the connection drops once on the users' second page.
    fake.faults.push({ when: '/query/01g1-2', status: 0, body: null, drop: true });
    const result = await run('2024-03-03T08:00:00Z');
    expect(result.status).toBe('rate-limited');
    expect(result.message).toContain('REQUEST_LIMIT_EXCEEDED');
    expect(result.message).toContain('resumes from its cursor');
    // 1 s after the dropped connection; 7 s as told by Retry-After, then 1, 2, 4, 8 s
    // without one; the fifth try gives up.
    expect(sleeps).toEqual([1000, 7000, 1000, 2000, 4000, 8000]);
    expect(fake.log.filter((r) => r.path.endsWith('/query/01g1-2'))).toHaveLength(2);
    // The users committed with their cursor; the opportunities' batch wrote nothing.
    const [counts] = await db.query<{ people: number; deals: number; events: number }>(
      `select (select count(*) from person where org_id = $1)::int as people,
              (select count(*) from opportunity where org_id = $1)::int as deals,
              (select count(*) from opportunity_event where org_id = $1)::int as events`,
      [orgId],
    );
    expect(counts).toEqual({ people: 4, deals: 0, events: 0 });
    expect((await loadCrmConnection(db, orgId, 'salesforce', box))?.cursors).toEqual({
      User: stamp('2024-03-01T10:00:00'),
    });
    const failed = await db.query<{ status: string; errors: { reason: string }[] }>(
      `select status, errors from import_run where org_id = $1 and file_name = 'salesforce:Opportunity'`,
      [orgId],
    );
    expect(failed.map((r) => r.status)).toEqual(['failed']);
    expect(failed[0]?.errors[0]?.reason).toContain('REQUEST_LIMIT_EXCEEDED');
  });

  it('the next run resumes from the cursors and imports every record exactly once', async () => {
    const result = await run('2024-03-03T09:00:00Z');
    expect(result.status).toBe('succeeded');
    expect(result.objects.find((o) => o.object === 'User')?.counts).toMatchObject({
      new: 0,
      unchanged: 4,
    });
    const [counts] = await db.query<{ deals: number; events: number; activities: number }>(
      `select (select count(*) from opportunity where org_id = $1)::int as deals,
              (select count(*) from opportunity_event where org_id = $1)::int as events,
              (select count(*) from activity where org_id = $1)::int as activities`,
      [orgId],
    );
    // 5 creations and 5 history events, as in a run without limits.
    expect(counts).toEqual({ deals: 5, events: 10, activities: 4 });
  });
});

describe(`Salesforce JWT bearer flow on ${testEngine}`, () => {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicKey = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const fake = loaded(
    new FakeSalesforce({ clientId: 'rudder-jwt-app', username: 'sync@acme.test', publicKey }),
  );

  beforeAll(async () => {
    await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('signs an RS256 assertion the server verifies, then syncs', async () => {
    const orgId = await insertOrg(db, { slug: 'sf-jwt' });
    await connectCrm(db, {
      orgId,
      kind: 'salesforce',
      instanceUrl: fake.url,
      loginUrl: fake.url,
      authKind: 'jwt-bearer',
      clientId: 'rudder-jwt-app',
      username: 'sync@acme.test',
      secrets: { privateKey },
      actorId: null,
      box,
      now: new Date(),
    });
    const result = await syncSalesforce({ db, orgId, box, clock: systemClock });
    expect(result.status).toBe('succeeded');
    expect(fake.assertions).toHaveLength(1);
    expect(fake.assertions[0]).toMatchObject({
      iss: 'rudder-jwt-app',
      sub: 'sync@acme.test',
      aud: fake.url,
    });
    const [row] = await db.query<{ n: number }>(
      'select count(*)::int as n from opportunity where org_id = $1',
      [orgId],
    );
    expect(row?.n).toBe(5);
  });
});
