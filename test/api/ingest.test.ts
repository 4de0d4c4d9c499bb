import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiToken } from '../../src/auth/create-api-token.js';
import { testEngine } from '../../src/db/test-db.js';
import {
  claimIdempotencyKey,
  releaseIdempotencyKey,
} from '../../src/imports/ingest/idempotency.js';
import { KeyHolder, thisProcess } from '../../src/imports/ingest/key-holder.js';
import { ingestPeople, ndjson, peopleRunStart } from './ingest-helpers.js';
import { createWorld, type World } from './world.js';

const people = [
  { external_id: 'S-1', name: 'Sam Sync', email: 'sam@sync.test', role: 'rep' },
  { external_id: 'S-2', name: 'Sue Sync', email: 'sue@sync.test', role: 'rep' },
];

describe(`POST /api/v1/ingest/:kind (${testEngine})`, () => {
  let world: World;
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    world = await createWorld();
    const token = async (org: World['a']) =>
      (
        await createApiToken(world.db, {
          orgId: org.orgId,
          name: 'crm sync',
          createdBy: org.people.admin,
          now: world.clock.now(),
        })
      ).token;
    tokenA = await token(world.a);
    tokenB = await token(world.b);
  });
  afterAll(async () => world.close());

  const ingest = (token: string, body: string | PassThrough, key?: string, type?: string) =>
    ingestPeople(world, { token, body, key, type });
  const synced = async (orgId: string) => {
    const rows = await world.db.query<{ n: number }>(
      `select count(*)::int8 as n from person where org_id = $1 and name like '% Sync'`,
      [orgId],
    );
    return rows[0]?.n;
  };

  it('imports NDJSON once per Idempotency-Key: a retry answers the first result', async () => {
    const first = await ingest(tokenA, ndjson(people), 'sync-1');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'succeeded', counts: { rows: 2, new: 2 } });

    const retry = await ingest(tokenA, ndjson(people), 'sync-1');
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await synced(world.a.orgId)).toBe(2);
    const runs = await world.db.query(
      `select id from import_run where org_id = $1 and idempotency_key like '% sync-1'`,
      [world.a.orgId],
    );
    expect(runs).toHaveLength(1);
  });

  it('refuses the same key with a different body (409), running nothing', async () => {
    const other = [{ ...people[0], name: 'Sam Renamed Sync' }];
    const response = await ingest(tokenA, ndjson(other), 'sync-1');
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'CONFLICT' });
    const [sam] = await world.db.query<{ name: string }>(
      `select name from person where org_id = $1 and external_id = 'S-1'`,
      [world.a.orgId],
    );
    expect(sam?.name).toBe('Sam Sync');
  });

  it("writes into the token's organization only", async () => {
    const rows = [{ external_id: 'B-1', name: 'Bea Sync', email: 'bea@sync.test' }];
    const response = await ingest(tokenB, ndjson(rows), 'sync-1');
    // The same key in another organization is another key.
    expect(response.statusCode, response.body).toBe(200);
    expect(await synced(world.b.orgId)).toBe(1);
    expect(await synced(world.a.orgId)).toBe(2);
    const [bea] = await world.db.query<{ org_id: string }>(
      `select org_id from person where external_id = 'B-1'`,
    );
    expect(bea?.org_id).toBe(world.b.orgId);
  });

  it('names the NDJSON line of each error and writes nothing', async () => {
    const body = `${JSON.stringify(people[0])}\n\nnot json\n${JSON.stringify({ name: 'X', email: 'bad', shoe: 42 })}\n`;
    const response = await ingest(tokenA, body.replace('Sam Sync', 'Sam Changed Sync'));
    expect(response.statusCode).toBe(400);
    const issues = response.json().issues as Array<{ line: number; field: string }>;
    expect(issues.map((i) => `${i.line} ${i.field}`).sort()).toEqual([
      '3 (row)',
      '4 email',
      '4 shoe',
    ]);
    expect(await synced(world.a.orgId)).toBe(2);
  });

  it('takes a JSON array, its errors numbered by index + 1', async () => {
    const ok = await ingest(tokenA, JSON.stringify(people), undefined, 'application/json');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ counts: { new: 0, unchanged: 2 } });

    const bad = [people[0], { name: 'Nobody Sync', email: 'nope' }];
    const response = await ingest(tokenA, JSON.stringify(bad), undefined, 'application/json');
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([
      expect.objectContaining({ line: 2, field: 'email', value: 'nope' }),
    ]);
  });

  it('validates and counts without writing on a dry run', async () => {
    const rows = [{ name: 'Dry Sync', email: 'dry@sync.test' }];
    const response = await world.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/people?dryRun=true',
      headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/x-ndjson' },
      payload: ndjson(rows),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ dryRun: true, counts: { new: 1 } });
    expect(await synced(world.a.orgId)).toBe(2);
  });

  const newcomers = [
    { external_id: 'S-3', name: 'Sid Sync', email: 'sid@sync.test', role: 'rep' },
    { external_id: 'S-4', name: 'Sol Sync', email: 'sol@sync.test', role: 'rep' },
  ];
  const start = () => peopleRunStart(world);
  const runOf = async (runId: string) => {
    const [run] = await world.db.query<{
      status: string;
      idempotency_key: string | null;
      errors: Array<{ field: string; reason: string }>;
    }>('select status, idempotency_key, errors from import_run where org_id = $1 and id = $2', [
      world.a.orgId,
      runId,
    ]);
    return run;
  };

  it('runs a retry again when the first run broke off inside its transaction', async () => {
    const body = new PassThrough();
    body.write(`${JSON.stringify(newcomers[0])}\n`);
    const first = ingest(tokenA, body, 'sync-broken');
    await vi.waitFor(() => expect(thisProcess.runIdOf(world.a.orgId, 'sync-broken')).toBeDefined());
    const runId = thisProcess.runIdOf(world.a.orgId, 'sync-broken') ?? '';
    // The client's connection drops halfway through the body. The client's own stream sees
    // the error too (as a real client's socket does): without a listener of its own there,
    // whether it surfaces as an uncaught exception depends on whether inject still pipes it.
    body.on('error', () => {});
    body.destroy(new Error('connection reset by peer'));
    // The client is gone and gets no answer; the server ends the run and frees the key.
    await expect(first).rejects.toThrow('connection reset by peer');
    await vi.waitFor(() =>
      expect(thisProcess.runIdOf(world.a.orgId, 'sync-broken')).toBeUndefined(),
    );
    expect(await runOf(runId)).toMatchObject({ status: 'failed', idempotency_key: null });
    expect(await synced(world.a.orgId)).toBe(2);

    const retry = await ingest(tokenA, ndjson(newcomers), 'sync-broken');
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toMatchObject({ counts: { rows: 2, new: 2 } });
    expect(retry.json().runId).not.toBe(runId);
    expect(await synced(world.a.orgId)).toBe(4);
    const replay = await ingest(tokenA, ndjson(newcomers), 'sync-broken');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(retry.json());
  });

  it('lets a retry take over the key of a run whose process died', async () => {
    // A process that claimed the key and was killed: it never renews nor settles it.
    const killed = new KeyHolder({ leaseSeconds: 0, renewEverySeconds: null });
    const dead = await claimIdempotencyKey(world.db, {
      key: 'sync-killed',
      start: start(),
      holder: killed,
    });
    expect(dead.state).toBe('claimed');
    const rows = [{ external_id: 'S-5', name: 'Sky Sync', email: 'sky@sync.test' }];

    const retry = await ingest(tokenA, ndjson(rows), 'sync-killed');
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toMatchObject({ status: 'succeeded', counts: { rows: 1, new: 1 } });
    expect(await runOf(dead.runId)).toEqual({
      status: 'failed',
      idempotency_key: null,
      errors: [
        {
          field: '(import)',
          reason:
            'the run broke off (its process ended); a retry with its Idempotency-Key ran again',
        },
      ],
    });
    const replay = await ingest(tokenA, ndjson(rows), 'sync-killed');
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(retry.json());
    expect(await synced(world.a.orgId)).toBe(5);
  });

  it('answers 409 to a duplicate while a request with the key runs in this process', async () => {
    const running = await claimIdempotencyKey(world.db, { key: 'sync-busy', start: start() });
    expect(running.state).toBe('claimed');
    const again = await claimIdempotencyKey(world.db, { key: 'sync-busy', start: start() });
    expect(again).toEqual({ state: 'running', runId: running.runId });
    const rows = [{ external_id: 'S-6', name: 'Sue Busy Sync', email: 'busy@sync.test' }];
    const duplicate = await ingest(tokenA, ndjson(rows), 'sync-busy');
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({
      code: 'CONFLICT',
      detail: `A request with this Idempotency-Key is still running (import ${running.runId}).`,
    });

    await releaseIdempotencyKey(world.db, { orgId: world.a.orgId, runId: running.runId });
    const retry = await ingest(tokenA, ndjson(rows), 'sync-busy');
    expect(retry.statusCode, retry.body).toBe(200);
    expect(await synced(world.a.orgId)).toBe(6);
  });
});
