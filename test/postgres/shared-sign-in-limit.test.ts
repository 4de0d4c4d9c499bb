import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.js';
import { ConfigSchema } from '../../src/config/config.js';
import { createDb } from '../../src/db/create-db.js';
import type { Database } from '../../src/db/database.js';
import { adminQuery } from '../../src/db/test-db.js';
import { insertOrg, insertPerson } from '../../src/db/test-fixtures.js';
import { createApp } from '../../src/server/create-app.js';
import { fixedClock } from '../../src/shared/clock.js';

// Runs only in the PostgreSQL suite (see vitest.config.ts), where TEST_DATABASE_URL is set.
const serverUrl = process.env.TEST_DATABASE_URL ?? '';
const admin = (text: string) => adminQuery(serverUrl, text);

/**
 * Issue #26: behind a balancer, one account's wrong passwords land on different servers.
 * Two applications, each with its own connection pool and its default limiter, on one
 * database: the limit (5 per account) is the one of a single server.
 */
describe('the sign-in limit across two servers on one PostgreSQL database', () => {
  const name = `rudder_signin_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databases: Database[] = [];
  const apps: FastifyInstance[] = [];

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    databases.push(await createDb({ databaseUrl: url.toString() }));
    databases.push(await createDb({ databaseUrl: url.toString(), migrate: false }));
    const [first] = databases;
    if (!first) throw new Error('database expected');
    const orgId = await insertOrg(first);
    const hash = await hashPassword('the right password');
    for (const email of ['riley@example.com', 'sam@example.com']) {
      const personId = await insertPerson(first, orgId, { email });
      await first.query('update person set password_hash = $2 where id = $1', [personId, hash]);
    }
    const config = ConfigSchema.parse({ LOG_LEVEL: 'silent' });
    const clock = fixedClock('2026-11-02T10:00:00Z');
    for (const db of databases) apps.push(await createApp({ db, clock, config }));
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const db of databases) await db.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('answers the sixth attempt with 429 whichever server answers, even with the right password', async () => {
    const attempt = (n: number, password: string) =>
      apps[n % 2]?.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'Riley@Example.com', password },
      });
    const statuses: Array<number | undefined> = [];
    for (let n = 0; n < 5; n += 1)
      statuses.push((await attempt(n, 'a wrong password'))?.statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const sixth = await attempt(5, 'the right password');
    expect(sixth?.statusCode).toBe(429);
    expect(sixth?.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    // And on the other server too.
    expect((await attempt(6, 'the right password'))?.statusCode).toBe(429);
  });

  it('answers a parallel burst of wrong passwords with exactly five 401 and the rest 429', async () => {
    // Each attempt is counted before its password is checked, in one atomic step: attempts
    // in flight at once on both servers cannot all pass a check none of them is counted in.
    // Every connection of both pools is opened first, so the attempts really run at once.
    for (const db of databases)
      await Promise.all(Array.from({ length: 10 }, () => db.query('select pg_sleep(0.05)')));
    const responses = await Promise.all(
      Array.from({ length: 16 }, (_, n) =>
        apps[n % 2]?.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          remoteAddress: `10.1.0.${n}`,
          payload: { email: 'sam@example.com', password: 'a wrong password' },
        }),
      ),
    );
    const statuses = responses.map((r) => r?.statusCode ?? 0).sort();
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(11).fill(429)]);
    const [row] =
      (await databases[0]?.query<{ n: number }>(
        "select cardinality(attempts) as n from sign_in_limit where key = 'account:sam@example.com'",
      )) ?? [];
    expect(row?.n).toBe(5);
  });
});
