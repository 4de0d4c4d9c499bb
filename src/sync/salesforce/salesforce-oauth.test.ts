import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../auth/password.js';
import { createSignInLimiter } from '../../auth/sign-in-limiter.js';
import { type Config, ConfigSchema } from '../../config/config.js';
import type { Database } from '../../db/database.js';
import { createTestDb, testEngine } from '../../db/test-db.js';
import { insertOrg } from '../../db/test-fixtures.js';
import { createApp } from '../../server/create-app.js';
import type { Clock } from '../../shared/clock.js';
import { loadCrmConnection } from '../crm-connection.js';
import { SecretBox } from '../secret-box.js';
import { FakeSalesforce } from './fake-salesforce.js';
import { loaded } from './fake-salesforce-data.js';
import { syncSalesforce } from './sync-salesforce.js';

const KEY = 'c3'.repeat(32);
const box = SecretBox.fromConfig(KEY);
const CLIENT_ID = '3MVG9-consumer-key-of-rudder';
const CLIENT_SECRET = 'consumer-secret-OAUTH-NEVER-SHOWN-51d0';
const REFRESH_TOKEN = 'refresh-token-OAUTH-NEVER-SHOWN-a7c2';
const PASSWORD = 'correct horse battery';

const fake = loaded(
  new FakeSalesforce({
    refreshToken: REFRESH_TOKEN,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
  }),
);
let db: Database;
let time = new Date('2026-05-04T09:00:00Z');
const clock: Clock = { now: () => new Date(time) };

beforeAll(async () => {
  await fake.start();
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
  await fake.stop();
});

/** An app on `db` with this configuration, an organization, its admin and a rep. */
async function world(slug: string, env: Partial<Record<keyof Config, string>>) {
  const config = ConfigSchema.parse({ LOG_LEVEL: 'silent', ...env });
  const orgId = await insertOrg(db, { slug });
  await db.query(
    `insert into person (org_id, name, email, role, password_hash)
     values ($1, 'Ada', 'ada@acme.test', 'admin', $2), ($1, 'Rob', 'rob@acme.test', 'rep', $2)`,
    [orgId, await hashPassword(PASSWORD)],
  );
  const app = await createApp({
    db,
    clock,
    config,
    signInLimiter: createSignInLimiter(db, { perAccount: 100, perAddress: 100, windowMinutes: 15 }),
  });
  await app.ready();
  /** A new browser session of that person: its cookie header. */
  const signIn = async (email: string) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email, password: PASSWORD, org: slug },
    });
    const session = response.cookies.find((c) => c.name === 'rudder_session');
    if (!session) throw new Error(response.body);
    return `rudder_session=${session.value}`;
  };
  return { app, orgId, signIn };
}

const oauthEnv = {
  CRM_SECRET_KEY: KEY,
  SALESFORCE_CLIENT_ID: CLIENT_ID,
  SALESFORCE_CLIENT_SECRET: CLIENT_SECRET,
};

/** "Connect Salesforce": the authorize URL the server answers. */
async function start(app: FastifyInstance, cookie: string): Promise<URL> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/crm/salesforce/oauth/start',
    headers: { cookie, host: 'rudder.acme.test' },
    payload: {},
  });
  expect(response.statusCode, response.body).toBe(200);
  return new URL(response.json<{ authorizeUrl: string }>().authorizeUrl);
}

/** The browser at Salesforce's authorize page: where Salesforce sends it back. */
async function authorize(url: URL): Promise<URL> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

/** The browser back at Rudder's callback: where Rudder sends it, as the screen reads it. */
async function callback(app: FastifyInstance, cookie: string, back: URL) {
  const response = await app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    headers: { cookie },
  });
  expect(response.statusCode, response.body).toBe(302);
  const location = new URL(response.headers.location as string, 'http://rudder.acme.test');
  return { path: location.pathname, params: Object.fromEntries(location.searchParams) };
}

describe(`Salesforce's OAuth web-server flow from the admin's screen on ${testEngine}`, () => {
  it('connects: PKCE authorize URL, code exchanged, refresh token stored sealed, a sync runs', async () => {
    const { app, orgId, signIn } = await world('oauth-ok', {
      ...oauthEnv,
      SALESFORCE_LOGIN_URL: fake.url,
      PUBLIC_URL: 'https://rudder.acme.test/',
    });
    try {
      const admin = await signIn('ada@acme.test');
      const url = await start(app, admin);
      expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/services/oauth2/authorize`);
      const q = url.searchParams;
      expect(q.get('response_type')).toBe('code');
      expect(q.get('client_id')).toBe(CLIENT_ID);
      expect(q.get('redirect_uri')).toBe(
        'https://rudder.acme.test/api/v1/crm/salesforce/oauth/callback',
      );
      expect(q.get('code_challenge_method')).toBe('S256');
      // SHA-256 in base64url: 43 characters; the state: 32 random bytes, 43 characters.
      expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // Only the state's hash is kept, and the verifier sealed.
      const [stored] = await db.query<{ state_hash: string; verifier: string }>(
        'select state_hash, verifier from crm_oauth_state where org_id = $1',
        [orgId],
      );
      expect(stored?.state_hash).not.toContain(q.get('state') ?? '-');
      expect(stored?.verifier).toMatch(/^v1\./);

      const back = await authorize(url);
      expect(back.pathname).toBe('/api/v1/crm/salesforce/oauth/callback');
      const result = await callback(app, admin, back);
      expect(result).toEqual({ path: '/settings/crm', params: { connected: 'salesforce' } });

      const connection = await loadCrmConnection(db, orgId, 'salesforce', box);
      expect(connection).toMatchObject({
        instanceUrl: fake.url,
        loginUrl: fake.url,
        authKind: 'refresh-token',
        clientId: CLIENT_ID,
        status: 'active',
        secrets: { refreshToken: REFRESH_TOKEN, clientSecret: CLIENT_SECRET },
      });
      const [row] = await db.query<{ secrets: string }>(
        'select secrets from crm_connection where org_id = $1',
        [orgId],
      );
      expect(row?.secrets).not.toContain(REFRESH_TOKEN);
      // The flow's row is spent.
      expect(await db.query('select 1 from crm_oauth_state where org_id = $1', [orgId])).toEqual(
        [],
      );
      // What it stored is what a sync needs: it runs with the token the flow obtained.
      const synced = await syncSalesforce({ db, orgId, box, clock });
      expect(synced.status).toBe('succeeded');
      const audit = await app.inject({
        method: 'GET',
        url: '/api/v1/audit-events',
        headers: { cookie: admin },
      });
      expect(audit.body).toContain('crm.connected');
      for (const secret of [REFRESH_TOKEN, CLIENT_SECRET, ...fake.issued]) {
        expect(audit.body).not.toContain(secret);
      }

      // The same answer again (a replay): refused, nothing changes.
      const replay = await callback(app, admin, back);
      expect(replay.params).toMatchObject({ crm: 'salesforce', error: 'bad-state' });
      expect(replay.params.message).toContain('does not belong to a connection you started here');
    } finally {
      await app.close();
    }
  });

  it('refuses a forged state, another session’s state, an expired one, a denial and a bad code', async () => {
    const { app, orgId, signIn } = await world('oauth-refused', {
      ...oauthEnv,
      SALESFORCE_LOGIN_URL: fake.url,
    });
    try {
      const admin = await signIn('ada@acme.test');
      const elsewhere = await signIn('ada@acme.test');

      // A state Rudder never issued.
      const forged = new URL('http://x/api/v1/crm/salesforce/oauth/callback');
      forged.search = new URLSearchParams({ code: 'aPrxStolen', state: 'A'.repeat(43) }).toString();
      expect((await callback(app, admin, forged)).params.error).toBe('bad-state');

      // Issued to this admin's other session (another browser): refused, and spent.
      const other = await authorize(await start(app, elsewhere));
      expect((await callback(app, admin, other)).params.error).toBe('bad-state');
      expect((await callback(app, elsewhere, other)).params.error).toBe('bad-state');

      // Back after more than ten minutes.
      const late = await authorize(await start(app, admin));
      time = new Date(time.getTime() + 10 * 60_000 + 1_000);
      const expired = await callback(app, admin, late);
      expect(expired.params.error).toBe('expired-state');
      expect(expired.params.message).toContain('more than ten minutes');

      // The user pressed Deny at Salesforce.
      fake.denyNext = true;
      const denied = await callback(app, admin, await authorize(await start(app, admin)));
      expect(denied.params).toMatchObject({ crm: 'salesforce', error: 'denied' });
      expect(denied.params.message).toBe(
        'Salesforce did not authorize Rudder (access_denied: end-user denied authorization). ' +
          'Nothing was connected.',
      );

      // A code Salesforce does not honour (here: not the one it issued for this verifier).
      const back = await authorize(await start(app, admin));
      back.searchParams.set('code', 'aPrxNotIssued');
      const failed = await callback(app, admin, back);
      expect(failed.params).toMatchObject({ error: 'exchange-failed' });
      expect(failed.params.message).toBe(
        'Salesforce refused to exchange the code (invalid_grant: authentication failure).',
      );

      // None of that connected anything.
      expect(await db.query('select 1 from crm_connection where org_id = $1', [orgId])).toEqual([]);
      // A rep may not start it at all.
      const rep = await signIn('rob@acme.test');
      const asRep = await app.inject({
        method: 'POST',
        url: '/api/v1/crm/salesforce/oauth/start',
        headers: { cookie: rep },
        payload: {},
      });
      expect(asRep.statusCode).toBe(403);
    } finally {
      await app.close();
    }
  });

  it('a server without the connected app or CRM_SECRET_KEY says what to set; "Sync now" queues nothing', async () => {
    const { app, orgId, signIn } = await world('oauth-unset', {});
    try {
      const admin = await signIn('ada@acme.test');
      const started = await app.inject({
        method: 'POST',
        url: '/api/v1/crm/salesforce/oauth/start',
        headers: { cookie: admin },
        payload: {},
      });
      expect(started.statusCode).toBe(409);
      expect(started.json<{ detail: string }>().detail).toBe(
        'This server cannot connect Salesforce from the browser: set CRM_SECRET_KEY, ' +
          'SALESFORCE_CLIENT_ID, SALESFORCE_CLIENT_SECRET in its environment ' +
          '(docs/crm-sync.md), or connect with `rudder sync connect salesforce`.',
      );
      // A connection stored by a server that had the key.
      await db.query(
        `insert into crm_connection (org_id, kind, instance_url, auth_kind, secrets)
         values ($1, 'salesforce', 'https://acme.my.salesforce.com', 'refresh-token', 'v1.x.y.z')`,
        [orgId],
      );
      const sync = await app.inject({
        method: 'POST',
        url: '/api/v1/crm/salesforce/sync',
        headers: { cookie: admin },
      });
      expect(sync.statusCode).toBe(409);
      expect(sync.json<{ detail: string }>().detail).toContain('has no CRM_SECRET_KEY');
      expect(
        await db.query(`select 1 from job where org_id = $1 and kind = 'crm-sync'`, [orgId]),
      ).toEqual([]);
      const listed = await app.inject({
        method: 'GET',
        url: '/api/v1/crm',
        headers: { cookie: admin },
      });
      expect(listed.json()).toMatchObject({
        secretKeyConfigured: false,
        crms: [
          { kind: 'salesforce', label: 'Salesforce', connectInBrowser: true, queued: false },
          { kind: 'hubspot', label: 'HubSpot', connectInBrowser: false, queued: false },
        ],
      });
    } finally {
      await app.close();
    }
  });
});
