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
import { runDueJobs } from '../../jobs/run-due-jobs.js';
import { createApp } from '../../server/create-app.js';
import { fixedClock } from '../../shared/clock.js';
import { connectCrm } from '../connect-crm.js';
import { loadCrmConnection } from '../crm-connection.js';
import { SecretBox } from '../secret-box.js';
import { FakeHubSpot } from './fake-hubspot.js';
import { loaded } from './fake-hubspot-data.js';

const KEY = 'b2'.repeat(32);
const box = SecretBox.fromConfig(KEY);
const REFRESH_TOKEN = 'hs-refresh-RUNS-NEVER-SHOWN-5e5e';
const CLIENT_SECRET = 'hs-secret-RUNS-NEVER-SHOWN-6f6f';
const PRIVATE_APP_TOKEN = 'pat-na1-RUNS-NEVER-SHOWN-7a7a';
const config = ConfigSchema.parse({ LOG_LEVEL: 'silent', CRM_SECRET_KEY: KEY });

const fake = loaded(
  new FakeHubSpot({
    refreshToken: REFRESH_TOKEN,
    clientId: 'hs-app',
    clientSecret: CLIENT_SECRET,
    privateAppToken: PRIVATE_APP_TOKEN,
  }),
);
let db: Database;
beforeAll(async () => {
  await fake.start();
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
  await fake.stop();
});

const secrets = () => [REFRESH_TOKEN, CLIENT_SECRET, PRIVATE_APP_TOKEN, ...fake.issued];

describe(`HubSpot syncs through the admin API and the job queue on ${testEngine}`, () => {
  it('settings take the pipelines and team managers; "Sync now" runs a HubSpot job; no answer shows a secret', async () => {
    const orgId = await insertOrg(db, { slug: 'hs-api' });
    await connectCrm(db, {
      orgId,
      kind: 'hubspot',
      instanceUrl: fake.url,
      authKind: 'refresh-token',
      clientId: 'hs-app',
      secrets: { refreshToken: REFRESH_TOKEN, clientSecret: CLIENT_SECRET },
      actorId: null,
      box,
      now: new Date('2024-03-01T00:00:00Z'),
    });
    await db.query(
      `insert into person (org_id, name, email, role, password_hash) values ($1, 'Ada', 'ada@acme.test', 'admin', $2)`,
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
      const signIn = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'ada@acme.test', password: 'correct horse battery', org: 'hs-api' },
      });
      const session = signIn.cookies.find((c) => c.name === 'rudder_session');
      if (!session) throw new Error(signIn.body);
      const cookie = `rudder_session=${session.value}`;
      const patched = await app.inject({
        method: 'PATCH',
        url: '/api/v1/crm/hubspot',
        headers: { cookie },
        payload: { pipelines: ['default'], teamManagers: { East: 'mia@acme.test' } },
      });
      expect(patched.statusCode, patched.body).toBe(200);
      expect(patched.json()).toMatchObject({
        connection: {
          kind: 'hubspot',
          settings: {
            amountField: 'Amount',
            scheduleMinutes: 60,
            pipelines: ['default'],
            teamManagers: { East: 'mia@acme.test' },
          },
        },
      });
      const refused = await app.inject({
        method: 'PATCH',
        url: '/api/v1/crm/hubspot',
        headers: { cookie },
        payload: { teamManagers: { East: 'not an e-mail' } },
      });
      expect(refused.statusCode).toBe(400);
      const asked = await app.inject({
        method: 'POST',
        url: '/api/v1/crm/hubspot/sync',
        headers: { cookie },
      });
      expect(asked.statusCode, asked.body).toBe(202);
      await runDueJobs({ db, clock, config, handlers: createJobHandlers(config) });
      const jobs = await db.query(
        `select done_at is not null as done, payload->>'crm' as crm from job where org_id = $1 and kind = 'crm-sync'`,
        [orgId],
      );
      expect(jobs).toEqual([{ done: true, crm: 'hubspot' }]);
      // The job synced: Renewals is not chosen, so five deals; Mia manages East.
      const [counts] = await db.query<{ deals: number; manager: string }>(
        `select (select count(*) from opportunity where org_id = $1)::int as deals,
                (select p.email from team t join person p on p.id = t.manager_id
                  where t.org_id = $1 and t.name = 'East') as manager`,
        [orgId],
      );
      expect(counts).toEqual({ deals: 5, manager: 'mia@acme.test' });
      const bodies: string[] = [];
      for (const url of ['/api/v1/crm/hubspot', '/api/v1/imports', '/api/v1/audit-events']) {
        const response = await app.inject({ method: 'GET', url, headers: { cookie } });
        expect(response.statusCode, response.body).toBe(200);
        bodies.push(response.body);
      }
      expect(JSON.parse(bodies[0] ?? '{}')).toMatchObject({
        connection: { kind: 'hubspot', status: 'active', authKind: 'refresh-token' },
      });
      expect(bodies[1]).toContain('hubspot:deals:history');
      expect(fake.issued.length).toBeGreaterThan(0);
      for (const secret of secrets()) for (const body of bodies) expect(body).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});

describe('rudder sync connect hubspot / rudder sync hubspot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rudder-hubspot-cli-'));
  const savedEnv = { ...process.env };
  beforeAll(async () => {
    process.env.RUDDER_DATA_DIR = join(dir, 'data');
    process.env.LOG_LEVEL = 'warn';
    process.env.CRM_SECRET_KEY = KEY;
    delete process.env.DATABASE_URL;
    const own = await createDb({ dataDir: join(dir, 'data') });
    try {
      await insertOrg(own, { slug: 'hs-cli' });
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
    const write = (chunk: unknown) => {
      out += String(chunk);
      return true;
    };
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(write);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(write);
    try {
      return { code: await runCli(args), out };
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  }

  it('connects a private app from a secrets file, syncs through --base-url, and never prints the token', async () => {
    const file = join(dir, 'hubspot.token');
    writeFileSync(file, `${PRIVATE_APP_TOKEN}\n`);
    const connected = await rudder(
      'sync',
      'connect',
      'hubspot',
      '--secrets-file',
      file,
      '--pipelines',
      'default',
      '--team-manager',
      'East=mia@acme.test',
      '--team-manager',
      'West=vic@acme.test',
    );
    expect(connected.out).toContain('HubSpot connected (private-app)');
    expect(connected.code).toBe(0);
    const own = await createDb({ dataDir: join(dir, 'data') });
    try {
      const [org] = await own.query<{ id: string }>("select id from org where slug = 'hs-cli'");
      const stored = await loadCrmConnection(own, org?.id ?? '', 'hubspot', box);
      expect(stored).toMatchObject({
        instanceUrl: 'https://api.hubapi.com',
        authKind: 'access-token',
        secrets: { accessToken: PRIVATE_APP_TOKEN },
        settings: {
          pipelines: ['default'],
          teamManagers: { East: 'mia@acme.test', West: 'vic@acme.test' },
        },
      });
    } finally {
      await own.close();
    }
    const synced = await rudder('sync', 'hubspot', '--base-url', fake.url);
    expect(synced.out).toContain('HubSpot sync: succeeded');
    expect(synced.out).toMatch(
      /deals +succeeded +5 read: 5 new, 0 changed, 0 unchanged, 0 errors, 5 events, 1 deleted in HubSpot, 1 skipped/,
    );
    expect(synced.code).toBe(0);
    const json = await rudder('sync', 'hubspot', '--base-url', fake.url, '--json');
    expect(json.code).toBe(0);
    const result = JSON.parse(json.out) as { objects: { counts: { new: number } | null }[] };
    expect(result.objects.every((o) => (o.counts?.new ?? 0) === 0)).toBe(true);
    for (const secret of secrets()) {
      for (const output of [connected.out, synced.out, json.out])
        expect(output).not.toContain(secret);
    }
  });

  it('refuses what does not fit HubSpot, saying what is expected', async () => {
    const jwt = await rudder('sync', 'connect', 'hubspot', '--auth', 'jwt-bearer');
    expect(jwt.code).toBe(1);
    expect(jwt.out).toContain('HubSpot has no JWT bearer flow');
    const oauth = await rudder('sync', 'connect', 'hubspot', '--auth', 'refresh-token');
    expect(oauth.code).toBe(1);
    expect(oauth.out).toContain('--client-id');
    const manager = await rudder('sync', 'connect', 'hubspot', '--team-manager', 'East');
    // A malformed option is a usage error (exit code 2).
    expect(manager.code).toBe(2);
    expect(manager.out).toContain('TEAM=EMAIL');
  });
});
