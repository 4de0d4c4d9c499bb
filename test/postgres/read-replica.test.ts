import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/auth/create-session.js';
import { ConfigSchema } from '../../src/config/config.js';
import { createDb } from '../../src/db/create-db.js';
import type { Database } from '../../src/db/database.js';
import { openReplicaReader, type ReplicaReader } from '../../src/db/open-replica.js';
import { insertOrg, insertPerson } from '../../src/db/test-fixtures.js';
import { waitFor } from '../../src/jobs/test-job-setup.js';
import { createApp } from '../../src/server/create-app.js';
import { startServer } from '../../src/server/start-server.js';
import { systemClock } from '../../src/shared/clock.js';
import { type StreamingPair, startStreamingPair } from './streaming-standby.js';

// Runs only in the PostgreSQL suite (see vitest.config.ts); needs Debian's postgresql-15
// binaries, not TEST_DATABASE_URL: the primary is its own, so that replication is allowed.

/**
 * Issue #26: leaders' reports on a real streaming standby (pg_basebackup -R), and the
 * primary answering when the standby falls behind (replay paused) or is down.
 */
describe('leaders reports on a streaming standby', () => {
  let pair: StreamingPair;
  let primary: Database;
  let reader: ReplicaReader;
  let app: FastifyInstance;
  let cookie: string;
  let adminCookie: string;
  let orgId: string;
  const fallbacks: string[] = [];

  const onStandby = async (sql: string) => {
    const client = new pg.Client({ connectionString: pair.standbyUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const orgCount = async (id: string) => {
    const [row] = await reader.query<{ n: number }>(
      'select count(*)::int as n from org where id = $1',
      [id],
    );
    return row?.n;
  };
  const compliance = () =>
    app.inject({
      method: 'GET',
      url: '/api/v1/leaders/compliance',
      cookies: { rudder_session: cookie },
    });
  const statementsOnStandby = () =>
    readFileSync(pair.standbyLog, 'utf8').split('with reps as (').length - 1;

  beforeAll(async () => {
    pair = await startStreamingPair();
    primary = await createDb({ databaseUrl: pair.primaryUrl });
    reader = openReplicaReader(primary, pair.standbyUrl, {
      maxLagSeconds: 1,
      recheckMs: 0,
      onFallback: (reason) => fallbacks.push(reason),
    });
    orgId = await insertOrg(primary);
    const leaderId = await insertPerson(primary, orgId, { name: 'Lee', role: 'leader' });
    cookie = await createSession(primary, {
      orgId,
      personId: leaderId,
      now: systemClock.now(),
      absoluteHours: 1,
    });
    const adminId = await insertPerson(primary, orgId, { name: 'Ada', role: 'admin' });
    adminCookie = await createSession(primary, {
      orgId,
      personId: adminId,
      now: systemClock.now(),
      absoluteHours: 1,
    });
    const config = ConfigSchema.parse({ LOG_LEVEL: 'silent' });
    app = await createApp({ db: primary, clock: systemClock, config, reports: reader });
  });
  afterAll(async () => {
    await app?.close();
    await reader?.close();
    await primary?.close();
    await pair?.stop();
  });

  it('sends the reports to the standby while it keeps up', async () => {
    // The session and the leader reach the standby by replay.
    await waitFor(async () => (await orgCount(orgId)) === 1);
    expect(await reader.target()).toBe('replica');
    expect(await reader.query('select pg_is_in_recovery() as standby')).toEqual([
      { standby: true },
    ]);
    const before = statementsOnStandby();
    const response = await compliance();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ managers: [] });
    // The compliance query ran on the standby (its log has every statement).
    expect(statementsOnStandby()).toBe(before + 1);
  });

  it('sends the organization export to the standby', async () => {
    const pages = () => readFileSync(pair.standbyLog, 'utf8').split('where x.key > $2').length - 1;
    const before = pages();
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/export',
      cookies: { rudder_session: adminCookie },
    });
    expect(response.statusCode).toBe(200);
    const people = response.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; row: { name?: string } })
      .filter((line) => line.kind === 'people')
      .map((line) => line.row.name);
    expect(people.sort()).toEqual(['Ada', 'Lee']);
    // One page per kind of row, each read on the standby.
    expect(pages() - before).toBeGreaterThan(3);
  });

  it('reads the primary while the standby lags past the bound, so a fresh write is seen', async () => {
    await onStandby('select pg_wal_replay_pause()');
    const fresh = await insertOrg(primary, { slug: 'fresh' });
    // Once the unreplayed write is older than the bound (1 s), reads go to the primary.
    await waitFor(async () => (await reader.target()) === 'primary');
    expect(await orgCount(fresh)).toBe(1);
    const before = statementsOnStandby();
    expect((await compliance()).statusCode).toBe(200);
    expect(statementsOnStandby()).toBe(before);
    expect(fallbacks.at(-1)).toMatch(/the replica is \d+\.\d s behind \(bound 1 s\)/);
    await onStandby('select pg_wal_replay_resume()');
    await waitFor(async () => (await reader.target()) === 'replica');
    expect(await orgCount(fresh)).toBe(1);
  });

  it('is what a server started with DATABASE_REPLICA_URL reads its reports from', async () => {
    const config = ConfigSchema.parse({
      DATABASE_URL: pair.primaryUrl,
      DATABASE_REPLICA_URL: pair.standbyUrl,
      PORT: '0',
      LOG_LEVEL: 'silent',
    });
    const db = await createDb({ databaseUrl: pair.primaryUrl, migrate: false });
    const server = await startServer({ db, clock: systemClock, config, jobs: false });
    try {
      const before = statementsOnStandby();
      const response = await server.app.inject({
        method: 'GET',
        url: '/api/v1/leaders/compliance',
        cookies: { rudder_session: cookie },
      });
      expect(response.statusCode).toBe(200);
      expect(statementsOnStandby()).toBe(before + 1);
    } finally {
      await server.stop();
    }
  });

  it('reads the primary when the standby is down', async () => {
    await pair.stopStandby();
    expect(await reader.query('select pg_is_in_recovery() as standby')).toEqual([
      { standby: false },
    ]);
    expect(await reader.target()).toBe('primary');
    expect(fallbacks.at(-1)).toMatch(/the replica cannot be read|a read on the replica failed/);
    const response = await compliance();
    expect(response.statusCode).toBe(200);
  });
});
