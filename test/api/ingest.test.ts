import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/auth/create-api-token.js';
import { testEngine } from '../../src/db/test-db.js';
import { createWorld, type World } from './world.js';

const ndjson = (rows: object[]) => `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`;
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

  const ingest = (token: string, body: string, key?: string, type = 'application/x-ndjson') =>
    world.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/people',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': type,
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      payload: body,
    });
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
});
