import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSetupToken, setupTokenLifetimeMs } from '../../src/auth/issue-setup-token.js';
import { ConfigSchema } from '../../src/config/config.js';
import type { Database } from '../../src/db/database.js';
import { createTestDb, testEngine } from '../../src/db/test-db.js';
import { createApp } from '../../src/server/create-app.js';
import { type MutableClock, mutableClock, sessionCookieOf } from './world.js';

const start = '2026-03-02T09:00:00.000Z';

/** A complete, valid setup body; each test changes what it is about. */
function setupBody(overrides: Record<string, unknown> = {}, admin: Record<string, unknown> = {}) {
  return {
    name: 'Acme Sales',
    currency: 'EUR',
    timeZone: 'Europe/Paris',
    fiscalYearStartMonth: 4,
    admin: {
      name: 'Pat Lee',
      email: 'pat@acme.example',
      password: 'a long enough password',
      ...admin,
    },
    ...overrides,
  };
}

interface Server {
  db: Database;
  app: FastifyInstance;
  clock: MutableClock;
  close(): Promise<void>;
}

async function emptyServer(): Promise<Server> {
  const db = await createTestDb();
  const clock = mutableClock(start);
  const config = ConfigSchema.parse({ LOG_LEVEL: process.env.RUDDER_TEST_LOG ?? 'silent' });
  const app = await createApp({ db, clock, config });
  await app.ready();
  return {
    db,
    app,
    clock,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

const post = (server: Server, payload: object) =>
  server.app.inject({ method: 'POST', url: '/api/v1/setup', payload });

async function orgCount(db: Database): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(*)::int8 as n from org');
  return row?.n ?? -1;
}

describe(`first-run setup (${testEngine})`, () => {
  let server: Server;
  beforeAll(async () => {
    server = await emptyServer();
  });
  afterAll(async () => server.close());

  it('refuses bad values on an empty server, naming each field, and writes nothing', async () => {
    const cases: Array<[object, string, string]> = [
      [setupBody({ currency: 'USX' }), 'body.currency', "'USX' is not an ISO 4217 currency code"],
      [
        setupBody({ timeZone: 'Mars/Olympus' }),
        'body.timeZone',
        "'Mars/Olympus' is not an IANA time zone",
      ],
      [setupBody({ timeZone: '+01:00' }), 'body.timeZone', "'+01:00' is not an IANA time zone"],
      [
        setupBody({ fiscalYearStartMonth: 13 }),
        'body.fiscalYearStartMonth',
        "'13' is not a month number from 1 to 12",
      ],
      [
        setupBody({}, { email: 'pat-at-acme' }),
        'body.admin.email',
        "'pat-at-acme' is not an e-mail address",
      ],
      [setupBody({}, { password: 'short' }), 'body.admin.password', ''],
      [setupBody({ name: '   ' }), 'body.name', 'is required'],
    ];
    for (const [payload, field, reason] of cases) {
      const response = await post(server, payload);
      expect(response.statusCode, response.body).toBe(400);
      const problem = response.json() as {
        code: string;
        issues: Array<{ field: string; reason: string }>;
      };
      expect(problem.code).toBe('VALIDATION_FAILED');
      expect(problem.issues.map((i) => i.field)).toEqual([field]);
      expect(problem.issues[0]?.reason).toContain(reason);
    }
    expect(await orgCount(server.db)).toBe(0);
    const status = await server.app.inject({ method: 'GET', url: '/api/v1/setup' });
    expect(status.json()).toEqual({ open: true });
  });

  it('creates the organization and signs its first admin in, with the session cookie', async () => {
    const response = await post(server, setupBody());
    expect(response.statusCode, response.body).toBe(200);
    const me = response.json() as {
      person: { role: string; email: string; name: string };
      org: { slug: string; name: string };
    };
    expect(me.person).toMatchObject({ role: 'admin', email: 'pat@acme.example', name: 'Pat Lee' });
    expect(me.org).toMatchObject({ slug: 'acme-sales', name: 'Acme Sales' });
    const cookie = sessionCookieOf(response.cookies);
    const again = await server.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ person: { role: 'admin' }, org: { slug: 'acme-sales' } });
    const [org] = await server.db.query<Record<string, unknown>>(
      `select currency, time_zone, fiscal_year_start_month,
              (select count(*) from stage s where s.org_id = org.id)::int8 as stages
         from org`,
    );
    expect(org).toEqual({
      currency: 'EUR',
      time_zone: 'Europe/Paris',
      fiscal_year_start_month: 4,
      stages: 7,
    });
    // The password chosen on the screen is the one that signs in.
    const signIn = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'pat@acme.example', password: 'a long enough password' },
    });
    expect(signIn.statusCode).toBe(200);
  });

  it('is closed once an organization exists: no token, no setup', async () => {
    const status = await server.app.inject({ method: 'GET', url: '/api/v1/setup' });
    expect(status.json()).toEqual({ open: false });
    const response = await post(
      server,
      setupBody({ name: 'Intruder Inc' }, { email: 'eve@evil.example' }),
    );
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect(response.json().detail).toContain('rudder org setup-token');
    expect(response.cookies.map((c) => c.name)).not.toContain('rudder_session');
    expect(await orgCount(server.db)).toBe(1);
  });

  it('opens once with a setup token: spent on success, kept when the input is refused', async () => {
    const { token } = await issueSetupToken(server.db, { now: server.clock.now() });
    // A taken slug is refused and leaves the token usable.
    const taken = await post(server, setupBody({ setupToken: token }, { email: 'x@acme.example' }));
    expect(taken.statusCode, taken.body).toBe(409);
    expect(taken.json().issues[0]).toMatchObject({ field: 'body.slug' });
    const created = await post(
      server,
      setupBody(
        { name: 'Beta Sales', currency: 'JPY', setupToken: token },
        { email: 'pat@acme.example' },
      ),
    );
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({
      org: { slug: 'beta-sales' },
      person: { role: 'admin' },
    });
    expect(await orgCount(server.db)).toBe(2);
    const reused = await post(server, setupBody({ name: 'Gamma', setupToken: token }));
    expect(reused.statusCode).toBe(403);
    expect(reused.json()).toMatchObject({
      code: 'FORBIDDEN',
      issues: [{ field: 'body.setupToken' }],
    });
    expect(await orgCount(server.db)).toBe(2);
  });

  it('refuses an expired or made-up token', async () => {
    const { token } = await issueSetupToken(server.db, { now: server.clock.now() });
    server.clock.advance(setupTokenLifetimeMs + 1);
    const expired = await post(server, setupBody({ name: 'Delta', setupToken: token }));
    expect(expired.statusCode).toBe(403);
    expect(expired.json().detail).toContain('expired');
    const madeUp = await post(server, setupBody({ name: 'Delta', setupToken: 'x'.repeat(43) }));
    expect(madeUp.statusCode).toBe(403);
    expect(await orgCount(server.db)).toBe(2);
  });
});

describe(`first-run setup race (${testEngine})`, () => {
  let server: Server;
  beforeAll(async () => {
    server = await emptyServer();
  });
  afterAll(async () => server.close());

  it('creates exactly one organization when two setups race on an empty database', async () => {
    const answers = await Promise.all(
      ['One', 'Two', 'Three'].map((name) =>
        post(
          server,
          setupBody({ name: `${name} Sales` }, { email: `${name.toLowerCase()}@x.example` }),
        ),
      ),
    );
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([200, 403, 403]);
    expect(await orgCount(server.db)).toBe(1);
    const [people] = await server.db.query<{ n: number }>('select count(*)::int8 as n from person');
    expect(people?.n).toBe(1);
  });
});
