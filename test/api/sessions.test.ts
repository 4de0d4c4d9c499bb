import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.js';
import { ConfigSchema } from '../../src/config/config.js';
import { testEngine } from '../../src/db/test-db.js';
import { insertOrg } from '../../src/db/test-fixtures.js';
import { createApp } from '../../src/server/create-app.js';
import { createWorld, password, sessionCookieOf, signIn, type World, worldNow } from './world.js';

describe(`sessions (${testEngine})`, () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld({ limits: { perAccount: 5, perAddress: 20, windowMinutes: 15 } });
  });
  afterAll(async () => world.close());

  const me = (cookie: string) => world.app.inject({ url: '/api/v1/me', headers: { cookie } });

  it('sets an HttpOnly, SameSite=Lax cookie, Secure only over HTTPS', async () => {
    const plain = await world.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: world.a.emails.r1a, password },
    });
    const cookie = plain.cookies.find((c) => c.name === 'rudder_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeUndefined();
  });

  it('marks the cookie Secure behind a trusted proxy that says https', async () => {
    const behindProxy = await createApp({
      db: world.db,
      clock: world.clock,
      config: ConfigSchema.parse({ LOG_LEVEL: 'silent' }),
      trustProxy: true,
    });
    const response = await behindProxy.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: world.a.emails.r1a, password },
    });
    expect(response.cookies.find((c) => c.name === 'rudder_session')?.secure).toBe(true);
    await behindProxy.close();
  });

  it('issues a new token at sign-in and never keeps the one the browser came with', async () => {
    const first = await signIn(world.app, world.a.emails.r1b);
    const again = await world.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { cookie: first },
      payload: { email: world.a.emails.r1b, password },
    });
    const second = sessionCookieOf(again.cookies);
    expect(second).not.toBe(first);
    // The session probe answers "nobody" (204) for the old token: it signs nobody in.
    expect((await me(first)).statusCode).toBe(204);
    expect((await me(second)).statusCode).toBe(200);
  });

  it('answers the session probe 204 when nobody is signed in; other routes still 401', async () => {
    // Signed out is an answer on GET /me, so a browser logs no failed resource on each load.
    const nobody = await world.app.inject({ url: '/api/v1/me' });
    expect(nobody.statusCode).toBe(204);
    expect(nobody.body).toBe('');
    const token = await world.app.inject({
      url: '/api/v1/me',
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(token.statusCode).toBe(204);
    const people = await world.app.inject({ url: '/api/v1/people' });
    expect(people.statusCode).toBe(401);
    expect(people.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a session after sign-out', async () => {
    const cookie = await signIn(world.app, world.a.emails.m1);
    const out = await world.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { cookie },
    });
    expect(out.statusCode).toBe(204);
    const after = await me(cookie);
    expect(after.statusCode).toBe(204);
    expect(after.body).toBe('');
    const elsewhere = await world.app.inject({ url: '/api/v1/people', headers: { cookie } });
    expect(elsewhere.statusCode).toBe(401);
    expect(elsewhere.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a session idle for longer than SESSION_IDLE_MINUTES (720)', async () => {
    world.clock.set(worldNow);
    const cookie = await signIn(world.app, world.a.emails.m2);
    world.clock.advance(719 * 60_000);
    expect((await me(cookie)).statusCode).toBe(200);
    world.clock.advance(719 * 60_000);
    expect((await me(cookie)).statusCode).toBe(200);
    world.clock.advance(721 * 60_000);
    expect((await me(cookie)).statusCode).toBe(204);
    world.clock.set(worldNow);
  });

  it('refuses a session older than SESSION_ABSOLUTE_HOURS (336) even when used', async () => {
    world.clock.set(worldNow);
    const cookie = await signIn(world.app, world.a.emails.leader);
    for (let hours = 10; hours < 336; hours += 10) {
      world.clock.set(new Date(Date.parse(worldNow) + hours * 3_600_000));
      expect((await me(cookie)).statusCode).toBe(200);
    }
    world.clock.set(new Date(Date.parse(worldNow) + 336 * 3_600_000 + 1000));
    expect((await me(cookie)).statusCode).toBe(204);
    world.clock.set(worldNow);
  });

  it('answers unknown and known e-mails with the same 401', async () => {
    const known = await world.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: world.a.emails.r2a, password: 'wrong password!' },
    });
    const unknown = await world.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'nobody@nowhere.test', password: 'wrong password!' },
    });
    expect(known.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.body).toBe(known.body);
  });

  it('answers 429 RATE_LIMITED after 5 failed sign-ins of one account, even with the right password', async () => {
    const attempt = (pw: string) =>
      world.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: world.a.emails.r2b, password: pw },
      });
    for (let i = 0; i < 5; i += 1) expect((await attempt('wrong password!')).statusCode).toBe(401);
    const blocked = await attempt(password);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    world.clock.advance(16 * 60_000);
    expect((await attempt(password)).statusCode).toBe(200);
    world.clock.set(worldNow);
  });

  it('records sign-ins and failed sign-ins in the audit log', async () => {
    const rows = await world.db.query<{ action: string }>(
      `select action from audit_event where org_id = $1 and action like 'auth.%'`,
      [world.a.orgId],
    );
    const actions = rows.map((r) => r.action);
    expect(actions).toContain('auth.sign_in');
    expect(actions).toContain('auth.sign_in_failed');
    expect(actions).toContain('auth.sign_out');
  });

  it('asks for the organization when one e-mail and password open two', async () => {
    const ambiguous = await world.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'both@rudder.test', password },
    });
    expect(ambiguous.statusCode).toBe(400);
    expect(ambiguous.json().issues[0].field).toBe('body.org');
    const cookie = await signIn(world.app, 'both@rudder.test', 'org-b');
    expect((await me(cookie)).json().org.slug).toBe('org-b');
  });

  it('lists only the organizations the password opens, and signs in to the one chosen', async () => {
    // A third organization knows the same e-mail with another password: never listed.
    const orgC = await insertOrg(world.db, { slug: 'org-c' });
    await world.db.query(
      `insert into person (org_id, name, email, role, password_hash) values ($1, 'C both', 'both@rudder.test', 'rep', $2)`,
      [orgC, await hashPassword('another password entirely')],
    );
    const ask = (body: object) =>
      world.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: body });
    const ambiguous = await ask({ email: 'BOTH@rudder.test', password });
    expect(ambiguous.statusCode).toBe(400);
    expect(ambiguous.cookies).toEqual([]);
    expect(ambiguous.json().issues).toEqual([
      { field: 'body.org', value: 'org-a', reason: 'org-a' },
      { field: 'body.org', value: 'org-b', reason: 'org-b' },
    ]);
    // The other password opens org-c alone: no question, straight in.
    const onlyC = await ask({ email: 'both@rudder.test', password: 'another password entirely' });
    expect(onlyC.statusCode).toBe(200);
    expect(onlyC.json().org.slug).toBe('org-c');
    // Naming an organization the password does not open is the same 401 as a wrong password.
    const wrongOrg = await ask({ email: 'both@rudder.test', password, org: 'org-c' });
    expect(wrongOrg.statusCode).toBe(401);
    const chosen = await ask({ email: 'both@rudder.test', password, org: 'org-a' });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json().org.slug).toBe('org-a');
    expect(chosen.json().person.id).toBe(world.a.people.both);
  });

  it('refuses a cross-origin write on a cookie session, and accepts a same-origin one', async () => {
    const cookie = await signIn(world.app, world.a.emails.r1a);
    const write = (headers: Record<string, string>) =>
      world.app.inject({
        method: 'PUT',
        url: '/api/v1/me/activity-sharing',
        headers: { cookie, host: 'rudder.example', ...headers },
        payload: { shared: false },
      });
    expect((await write({ origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await write({ 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect(
      (await write({ origin: 'https://rudder.example', 'sec-fetch-site': 'same-origin' }))
        .statusCode,
    ).toBe(200);
  });

  it('accepts an API token (no origin check), and refuses it once revoked', async () => {
    const admin = await signIn(world.app, world.a.emails.admin);
    const created = await world.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: { cookie: admin },
      payload: { name: 'crm sync' },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json() as { id: string; token: string };
    expect(token).toMatch(/^rdr_/);
    const stored = await world.db.query<{ token_hash: string }>(
      'select token_hash from api_token where id = $1',
      [id],
    );
    expect(stored[0]?.token_hash).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}`, origin: 'https://elsewhere.example' };
    expect((await world.app.inject({ url: '/api/v1/people', headers: bearer })).statusCode).toBe(
      200,
    );
    const patch = await world.app.inject({
      method: 'PATCH',
      url: '/api/v1/settings',
      headers: bearer,
      payload: { coverageTarget: 3 },
    });
    expect(patch.statusCode).toBe(200);
    const listed = await world.app.inject({
      url: '/api/v1/api-tokens',
      headers: { cookie: admin },
    });
    expect(listed.body).not.toContain(token);
    await world.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-tokens/${id}`,
      headers: { cookie: admin },
    });
    expect((await world.app.inject({ url: '/api/v1/people', headers: bearer })).statusCode).toBe(
      401,
    );
  });

  it('sets a password through an invitation link, once', async () => {
    const admin = await signIn(world.app, world.a.emails.admin);
    const created = await world.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { cookie: admin },
      payload: { name: 'New Rep', email: 'new.rep@org-a.test' },
    });
    const personId = (created.json() as { id: string }).id;
    const invite = await world.app.inject({
      method: 'POST',
      url: `/api/v1/people/${personId}/invitation`,
      headers: { cookie: admin },
    });
    expect(invite.statusCode).toBe(202);
    const [mail] = await world.db.query<{ text: string }>(
      `select text from outbox_message where org_id = $1 and 'new.rep@org-a.test' = any("to")`,
      [world.a.orgId],
    );
    const token = decodeURIComponent(/token=([^\s]+)/.exec(mail?.text ?? '')?.[1] ?? '');
    const stored = await world.db.query('select 1 from one_time_token where token_hash = $1', [
      token,
    ]);
    expect(stored).toHaveLength(0);
    const set = (pw: string) =>
      world.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        payload: { token, password: pw },
      });
    // The link says which organization and account it is for, until it is spent.
    const describe = (t: string) =>
      world.app.inject({ url: `/api/v1/auth/password-link?token=${encodeURIComponent(t)}` });
    const described = await describe(token);
    expect(described.statusCode).toBe(200);
    expect(described.json()).toEqual({
      purpose: 'invitation',
      email: 'new.rep@org-a.test',
      org: { slug: 'org-a', name: 'org-a' },
    });
    // The same secret under the other organization's id is no link.
    const moved = `${world.b.orgId}.${token.split('.')[1]}`;
    expect((await describe(moved)).statusCode).toBe(404);
    expect((await set('a brand new password')).statusCode).toBe(204);
    expect((await set('another new password')).statusCode).toBe(400);
    expect((await describe(token)).statusCode).toBe(404);
    const signedIn = await world.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'new.rep@org-a.test', password: 'a brand new password' },
    });
    expect(signedIn.statusCode).toBe(200);
  });

  it('answers a password-reset request the same for known and unknown e-mails', async () => {
    const ask = (email: string) =>
      world.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email } });
    const known = await ask(world.a.emails.r1a);
    const unknown = await ask('nobody@nowhere.test');
    expect(known.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
  });
});
