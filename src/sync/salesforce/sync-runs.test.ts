import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashPassword } from '../../auth/password.js';
import { createSignInLimiter } from '../../auth/sign-in-limiter.js';
import { runCli } from '../../cli/program.js';
import { ConfigSchema } from '../../config/config.js';
import { createDb } from '../../db/create-db.js';
import type { Database } from '../../db/database.js';
import { createTestDb, testEngine } from '../../db/test-db.js';
import { insertOrg } from '../../db/test-fixtures.js';
import { createJobHandlers } from '../../jobs/create-job-handlers.js';
import { enqueuePeriodicJobs } from '../../jobs/enqueue-periodic-jobs.js';
import { runDueJobs } from '../../jobs/run-due-jobs.js';
import { createApp } from '../../server/create-app.js';
import { fixedClock, systemClock } from '../../shared/clock.js';
import { connectCrm } from '../connect-crm.js';
import { holdConnection } from '../crm-connection.js';
import { SecretBox } from '../secret-box.js';
import { FakeSalesforce } from './fake-salesforce.js';
import { loaded } from './fake-salesforce-data.js';
import { syncSalesforce } from './sync-salesforce.js';

const KEY = 'a1'.repeat(32);
const box = SecretBox.fromConfig(KEY);
const REFRESH_TOKEN = 'refresh-token-RUNS-NEVER-SHOWN-77aa';
const CLIENT_SECRET = 'client-secret-RUNS-NEVER-SHOWN-88bb';
const config = ConfigSchema.parse({ LOG_LEVEL: 'silent', CRM_SECRET_KEY: KEY });

const fake = loaded(new FakeSalesforce({ refreshToken: REFRESH_TOKEN }));
let db: Database;
beforeAll(async () => {
  await fake.start();
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
  await fake.stop();
});

const connect = (orgId: string) =>
  connectCrm(db, {
    orgId,
    kind: 'salesforce',
    instanceUrl: fake.url,
    loginUrl: fake.url,
    authKind: 'refresh-token',
    clientId: 'rudder-app',
    secrets: { refreshToken: REFRESH_TOKEN, clientSecret: CLIENT_SECRET },
    actorId: null,
    box,
    now: new Date('2024-03-01T00:00:00Z'),
  });

const idOf = async (orgId: string) => {
  const [row] = await db.query<{ id: string }>('select id from crm_connection where org_id = $1', [
    orgId,
  ]);
  if (row === undefined) throw new Error('no connection');
  return row.id;
};

const secrets = () => [REFRESH_TOKEN, CLIENT_SECRET, ...fake.issued];

describe(`Salesforce syncs on the job queue on ${testEngine}`, () => {
  it('the schedule queues one sync per slot whoever asks, and it runs once', async () => {
    const orgId = await insertOrg(db, { slug: 'sf-jobs' });
    await connect(orgId);
    const at = new Date('2024-03-03T08:10:00Z');
    // Two servers run the scheduler in the same hour: one job.
    const first = await enqueuePeriodicJobs(db, { now: at, deliverMail: false, syncCrm: true });
    const second = await enqueuePeriodicJobs(db, {
      now: new Date('2024-03-03T08:50:00Z'),
      deliverMail: false,
      syncCrm: true,
    });
    expect([first.syncs, second.syncs]).toEqual([1, 0]);
    const handlers = createJobHandlers(config);
    const clock = fixedClock(at);
    const done = await runDueJobs({ db, clock, config, handlers });
    const again = await runDueJobs({ db, clock, config, handlers });
    expect([done.done, done.failed, again.done]).toEqual([1, 0, 0]);
    const runs = await db.query<{ file_name: string; status: string }>(
      `select file_name, status from import_run where org_id = $1 order by file_name`,
      [orgId],
    );
    expect(runs).toEqual([
      { file_name: 'salesforce:Opportunity', status: 'succeeded' },
      { file_name: 'salesforce:OpportunityHistory', status: 'succeeded' },
      { file_name: 'salesforce:Task+Event', status: 'succeeded' },
      { file_name: 'salesforce:User', status: 'succeeded' },
    ]);
    // The next hour is the next slot.
    const next = await enqueuePeriodicJobs(db, {
      now: new Date('2024-03-03T09:00:00Z'),
      deliverMail: false,
      syncCrm: true,
    });
    expect(next.syncs).toBe(1);
  });

  it('two runs at once on one connection: one syncs, the other finds it busy', async () => {
    const orgId = await insertOrg(db, { slug: 'sf-twice' });
    await connect(orgId);
    const clock = fixedClock('2024-03-04T08:00:00Z');
    const results = await Promise.all([
      syncSalesforce({ db, orgId, box, clock }),
      syncSalesforce({ db, orgId, box, clock }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['busy', 'succeeded']);
    expect(results.find((r) => r.status === 'busy')?.requests).toBe(0);
    const [row] = await db.query<{ n: number; events: number }>(
      `select (select count(*) from import_run where org_id = $1)::int as n,
              (select count(*) from opportunity_event where org_id = $1)::int as events`,
      [orgId],
    );
    expect(row).toEqual({ n: 4, events: 10 });
    // The hold ends with the run: the next one syncs (and finds nothing new).
    const next = await syncSalesforce({
      db,
      orgId,
      box,
      clock: fixedClock('2024-03-04T09:00:00Z'),
    });
    expect(next.status).toBe('succeeded');
  });

  it('a killed run holds the connection one short lease, not a quarter of an hour', async () => {
    const orgId = await insertOrg(db, { slug: 'sf-killed' });
    await connect(orgId);
    const t0 = Date.parse('2024-03-06T08:00:00Z');
    // Run A stalls on its first request, as a process does that is about to be killed; its
    // clock stands at t0, so whatever it renews, its hold ends at t0 + one lease.
    let cut: (error: Error) => void = () => undefined;
    const stalled = new Promise<never>((_, reject) => {
      cut = reject;
    });
    const a = syncSalesforce({
      db,
      orgId,
      box,
      clock: fixedClock(new Date(t0)),
      fetch: () => stalled,
    });
    await vi.waitFor(async () => {
      const [row] = await db.query<{ until: string | null }>(
        `select running_until as until from crm_connection where org_id = $1`,
        [orgId],
      );
      expect(row?.until).toBe('2024-03-06T08:01:00.000Z');
    });
    const at = (seconds: number) =>
      syncSalesforce({ db, orgId, box, clock: fixedClock(new Date(t0 + seconds * 1000)) });
    expect((await at(30)).status).toBe('busy');
    // One lease (a minute) later the connection is free: another run takes it and syncs.
    const b = await at(61);
    expect(b.status).toBe('succeeded');
    cut(new Error('killed'));
    await a;
  });

  it('a live run renews its hold while it works: nobody takes the connection from it', async () => {
    const orgId = await insertOrg(db, { slug: 'sf-renewed' });
    await connect(orgId);
    // Each request waits 700 ms: the run (about ten requests) lasts several 2 s leases. (On
    // PGlite a renewal waits for a batch's transaction, as any claim does: the lease is long
    // enough for a batch here even on a busy machine.)
    const slow: typeof fetch = async (input, init) => {
      await new Promise((resolve) => setTimeout(resolve, 700));
      return fetch(input, init);
    };
    const running = syncSalesforce({
      db,
      orgId,
      box,
      clock: systemClock,
      holdMs: 2_000,
      fetch: slow,
    });
    const tries: boolean[] = [];
    for (let i = 0; i < 5; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 800));
      tries.push(await holdConnection(db, { orgId, id: await idOf(orgId) }, new Date(), 2_000));
    }
    const result = await running;
    expect(result.status).toBe('succeeded');
    expect(tries).toEqual([false, false, false, false, false]);
  });

  it('"Sync now" is for admins, queues a job, and no answer shows a secret', async () => {
    const orgId = await insertOrg(db, { slug: 'sf-api' });
    await connect(orgId);
    await db.query(
      `insert into person (org_id, name, email, role, password_hash) values ($1, 'Ada', 'ada@acme.test', 'admin', $2),
              ($1, 'Rob', 'rob@acme.test', 'rep', $2)`,
      [orgId, await hashPassword('correct horse battery')],
    );
    const clock = fixedClock('2024-03-05T10:00:00Z');
    const app = await createApp({
      db,
      clock,
      config,
      signInLimiter: createSignInLimiter(db, {
        perAccount: 100,
        perAddress: 100,
        windowMinutes: 15,
      }),
    });
    await app.ready();
    try {
      const cookie = async (email: string) => {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          payload: { email, password: 'correct horse battery', org: 'sf-api' },
        });
        const session = response.cookies.find((c) => c.name === 'rudder_session');
        if (!session) throw new Error(response.body);
        return `rudder_session=${session.value}`;
      };
      const admin = await cookie('ada@acme.test');
      const rep = await cookie('rob@acme.test');
      const asRep = await app.inject({
        method: 'POST',
        url: '/api/v1/crm/salesforce/sync',
        headers: { cookie: rep, origin: 'http://localhost' },
      });
      expect(asRep.statusCode).toBe(403);
      const asked = await app.inject({
        method: 'POST',
        url: '/api/v1/crm/salesforce/sync',
        headers: { cookie: admin },
      });
      expect(asked.statusCode, asked.body).toBe(202);
      expect(asked.json()).toMatchObject({ queued: true });
      const patched = await app.inject({
        method: 'PATCH',
        url: '/api/v1/crm/salesforce',
        headers: { cookie: admin },
        payload: { amountField: 'ARR__c', scheduleMinutes: 30 },
      });
      expect(patched.statusCode, patched.body).toBe(200);
      expect(patched.json()).toMatchObject({
        connection: { settings: { amountField: 'ARR__c', scheduleMinutes: 30 } },
      });
      const refused = await app.inject({
        method: 'PATCH',
        url: '/api/v1/crm/salesforce',
        headers: { cookie: admin },
        payload: { amountField: 'ARR__c; DELETE', scheduleMinutes: 1 },
      });
      expect(refused.statusCode).toBe(400);
      // Back to the standard amount for the run below.
      await app.inject({
        method: 'PATCH',
        url: '/api/v1/crm/salesforce',
        headers: { cookie: admin },
        payload: { amountField: 'Amount' },
      });
      const handlers = createJobHandlers(config);
      await runDueJobs({ db, clock, config, handlers });
      const jobs = await db.query<{ done: boolean }>(
        `select done_at is not null as done from job where org_id = $1 and kind = 'crm-sync'`,
        [orgId],
      );
      expect(jobs).toEqual([{ done: true }]);
      const bodies: string[] = [];
      for (const url of ['/api/v1/crm/salesforce', '/api/v1/imports', '/api/v1/audit-events']) {
        const response = await app.inject({ method: 'GET', url, headers: { cookie: admin } });
        expect(response.statusCode, response.body).toBe(200);
        bodies.push(response.body);
      }
      const [view, imports, audit] = bodies;
      expect(JSON.parse(view ?? '{}')).toMatchObject({
        connection: { kind: 'salesforce', status: 'active', authKind: 'refresh-token' },
      });
      expect(imports).toContain('salesforce:Opportunity');
      expect(audit).toContain('crm.sync_requested');
      expect(fake.issued.length).toBeGreaterThan(0);
      for (const secret of secrets()) for (const body of bodies) expect(body).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});

describe('rudder sync salesforce', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rudder-sync-cli-'));
  const savedEnv = { ...process.env };
  beforeAll(async () => {
    process.env.RUDDER_DATA_DIR = join(dir, 'data');
    process.env.LOG_LEVEL = 'warn';
    process.env.CRM_SECRET_KEY = KEY;
    delete process.env.DATABASE_URL;
    const own = await createDb({ dataDir: join(dir, 'data') });
    try {
      const orgId = await insertOrg(own, { slug: 'sf-cli' });
      await connectCrm(own, {
        orgId,
        kind: 'salesforce',
        // A dead address: the run's --instance-url points it at the local API.
        instanceUrl: 'http://127.0.0.1:9',
        loginUrl: fake.url,
        authKind: 'refresh-token',
        clientId: 'rudder-app',
        secrets: { refreshToken: REFRESH_TOKEN, clientSecret: CLIENT_SECRET },
        actorId: null,
        box,
        now: new Date(),
      });
    } finally {
      await own.close();
    }
  });
  afterAll(() => {
    process.env = savedEnv;
    rmSync(dir, { recursive: true, force: true });
  });

  async function rudder(...args: string[]) {
    let out = '';
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    try {
      return { code: await runCli(args), out };
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  }

  it('syncs with progress and counts, then finds nothing new; never prints a secret', async () => {
    const first = await rudder('sync', 'salesforce', '--instance-url', fake.url);
    expect(first.out).toContain('Salesforce sync: succeeded');
    expect(first.out).toMatch(
      /Opportunity +succeeded +5 read: 5 new, 0 changed, 0 unchanged, 0 errors, 5 events, 1 deleted in Salesforce/,
    );
    expect(first.code).toBe(0);
    const json = await rudder('sync', 'salesforce', '--instance-url', fake.url, '--json');
    expect(json.code).toBe(0);
    const result = JSON.parse(json.out) as {
      objects: { object: string; counts: { new: number } | null }[];
    };
    expect(result.objects.every((o) => (o.counts?.new ?? 0) === 0)).toBe(true);
    const without = await rudder('sync', 'salesforce', '--dry-run');
    // Without the override the stored (dead) address is used: a clear failure, no stack.
    expect(without.out).toContain('did not answer');
    expect(without.code).toBe(1);
    for (const secret of secrets()) {
      for (const output of [first.out, json.out, without.out]) expect(output).not.toContain(secret);
    }
  });

  it('connects with the JWT bearer flow from a private key file, which stays out of the output', async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const jwtFake = loaded(
      new FakeSalesforce({
        clientId: 'cli-jwt-app',
        username: 'sync@acme.test',
        publicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      }),
    );
    await jwtFake.start();
    try {
      const keyFile = join(dir, 'sync.key');
      writeFileSync(keyFile, privateKey);
      const connected = await rudder(
        'sync',
        'connect',
        'salesforce',
        '--auth',
        'jwt-bearer',
        '--instance-url',
        jwtFake.url,
        '--login-url',
        jwtFake.url,
        '--client-id',
        'cli-jwt-app',
        '--username',
        'sync@acme.test',
        '--private-key-file',
        keyFile,
        '--every-minutes',
        '30',
      );
      expect(connected.out).toContain('Salesforce connected (jwt-bearer)');
      expect(connected.code).toBe(0);
      // Reconnecting keeps the cursors (of the other server here): --full reads everything.
      const synced = await rudder('sync', 'salesforce', '--full');
      expect(synced.out).toContain('Salesforce sync: succeeded');
      expect(synced.code).toBe(0);
      expect(jwtFake.assertions).toHaveLength(1);
      const body = privateKey.split('\n')[1] ?? privateKey;
      for (const output of [connected.out, synced.out]) {
        expect(output).not.toContain(body);
        for (const token of jwtFake.issued) expect(output).not.toContain(token);
      }
    } finally {
      await jwtFake.stop();
    }
  });

  it('refuses to store tokens without CRM_SECRET_KEY, saying how to set it', async () => {
    delete process.env.CRM_SECRET_KEY;
    const refused = await rudder('sync', 'salesforce');
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('CRM_SECRET_KEY is not set');
    expect(refused.out).toContain('openssl rand -hex 32');
    process.env.CRM_SECRET_KEY = KEY;
  });
});
