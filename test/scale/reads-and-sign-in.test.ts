import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.js';
import { insertPerson } from '../../src/db/test-fixtures.js';
import { type Cluster, startCluster } from './cluster.js';
import { setUpTeam, type Team } from './setup-team.js';

/**
 * Issue #26 on real parts (test/scale/cluster.ts): through HAProxy in front of three
 * `rudder serve`, a write is read back fresh while the standby's replay is paused, the
 * leaders' reports are read on the standby (its statement log), and the sign-in limit of
 * one account is the one of a single server.
 */
describe('three servers behind HAProxy, a streaming standby', () => {
  let cluster: Cluster;
  let team: Team;

  const onStandby = async <T>(sql: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: cluster.pair.standbyUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  /** The standby has replayed everything the primary has written so far. */
  const caughtUp = async () => {
    const [primary] = await cluster.db.query<{ lsn: string }>(
      'select pg_current_wal_lsn()::text as lsn',
    );
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const [row] = await onStandby<{ ok: boolean }>(
        'select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok',
        [primary?.lsn],
      );
      if (row?.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the standby did not catch up in 20 s');
  };
  /** Statements of the compliance report in the standby's log (log_statement = all). */
  const complianceOnStandby = () =>
    readFileSync(cluster.pair.standbyLog, 'utf8').split('with reps as (').length - 1;
  const call = (path: string, cookie: string, init: RequestInit = {}) =>
    fetch(`${cluster.url}${path}`, {
      ...init,
      headers: { cookie, 'content-type': 'application/json', ...init.headers },
    });

  beforeAll(async () => {
    cluster = await startCluster();
    team = await setUpTeam(cluster.db);
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it("reads the leaders' compliance report on the standby, whichever server answers", async () => {
    await caughtUp();
    const before = complianceOnStandby();
    const servedBy = new Set<string | null>();
    for (let n = 0; n < 3; n += 1) {
      const response = await call('/api/v1/leaders/compliance', team.leaderCookie);
      expect(response.status).toBe(200);
      servedBy.add(response.headers.get('x-served-by'));
      const body = (await response.json()) as { managers: Array<{ managerName: string }> };
      // Read from the standby: the manager the primary wrote reached it by replay.
      expect(body.managers.map((m) => m.managerName)).toEqual(['Morgan Manager']);
    }
    expect([...servedBy].sort()).toEqual(['s1', 's2', 's3']);
    // One compliance query per request, each in the standby's statement log.
    expect(complianceOnStandby() - before).toBe(3);
  });

  it('returns a fresh write at once on every server while the standby replays nothing', async () => {
    await caughtUp();
    await onStandby('select pg_wal_replay_pause()');
    try {
      const body = `Written while the standby is paused ${Date.now()}`;
      const created = await call(`/api/v1/meetings/${team.meetingId}/notes`, team.managerCookie, {
        method: 'POST',
        body: JSON.stringify({ section: 'results', body }),
      });
      expect(created.status).toBe(201);
      const servedBy = new Set<string | null>();
      for (let n = 0; n < 3; n += 1) {
        const response = await call(`/api/v1/meetings/${team.meetingId}/notes`, team.managerCookie);
        expect(response.status).toBe(200);
        servedBy.add(response.headers.get('x-served-by'));
        const notes = (await response.json()) as { items: Array<{ body: string }> };
        expect(notes.items.map((note) => note.body)).toEqual([body]);
      }
      expect([...servedBy].sort()).toEqual(['s1', 's2', 's3']);
      // The standby has not got it: the reads above were the primary's.
      expect(
        await onStandby<{ n: number }>(
          'select count(*)::int as n from meeting_note where body = $1',
          [body],
        ),
      ).toEqual([{ n: 0 }]);
    } finally {
      await onStandby('select pg_wal_replay_resume()');
    }
    await caughtUp();
    expect(await onStandby<{ n: number }>('select count(*)::int as n from meeting_note')).toEqual([
      { n: 1 },
    ]);
  });

  it('refuses the sixth wrong password for one account with 429, across the three servers', async () => {
    const personId = await insertPerson(cluster.db, team.orgId, {
      name: 'Sam Signin',
      email: 'sam@example.com',
    });
    await cluster.db.query('update person set password_hash = $2 where id = $1', [
      personId,
      await hashPassword('the right password'),
    ]);
    const attempt = (password: string) =>
      fetch(`${cluster.url}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'sam@example.com', password }),
      });
    const statuses: number[] = [];
    const servedBy = new Set<string | null>();
    for (let n = 0; n < 5; n += 1) {
      const response = await attempt('a wrong password');
      statuses.push(response.status);
      servedBy.add(response.headers.get('x-served-by'));
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    // Roundrobin: the five failures were counted by all three servers.
    expect([...servedBy].sort()).toEqual(['s1', 's2', 's3']);
    const sixth = await attempt('the right password');
    expect(sixth.status).toBe(429);
    expect(await sixth.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    // The next two land on the other two servers: refused there too.
    for (let n = 0; n < 2; n += 1) expect((await attempt('the right password')).status).toBe(429);
  });
});
