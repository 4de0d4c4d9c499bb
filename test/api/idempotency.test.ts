import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../src/db/test-db.js';
import { createWorld, signIn, type World } from './world.js';

type Who = 'm1' | 'r1a' | 'm2';

/**
 * `Idempotency-Key` on the 1:1's notes and commitments (src/server/idempotent-writes.ts):
 * rows counted in the database, answers compared byte for byte.
 */
describe(`Idempotency-Key on notes and commitments (${testEngine})`, () => {
  let world: World;
  let cookie: Record<Who, string>;
  let meetingId: string;
  beforeAll(async () => {
    world = await createWorld();
    const e = world.a.emails;
    cookie = {
      m1: await signIn(world.app, e.m1),
      r1a: await signIn(world.app, e.r1a),
      m2: await signIn(world.app, e.m2),
    };
    meetingId = world.a.meetings.r1a;
  });
  afterAll(async () => world.close());

  const post = (who: Who, url: string, payload: object, key?: string) =>
    world.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: { cookie: cookie[who], ...(key === undefined ? {} : { 'idempotency-key': key }) },
      payload,
    });
  const count = async (table: 'meeting_note' | 'commitment', text: string) => {
    const column = table === 'meeting_note' ? 'body' : 'text';
    const [row] = await world.db.query<{ n: number }>(
      `select count(*)::int as n from ${table} where org_id = $1 and ${column} = $2`,
      [world.a.orgId, text],
    );
    return row?.n;
  };
  const keysStored = async (key: string) => {
    const [row] = await world.db.query<{ n: number }>(
      'select count(*)::int as n from idempotent_request where key = $1',
      [key],
    );
    return row?.n;
  };

  it('a note sent twice with one key is written once; the retry gets the first answer, marked replayed', async () => {
    const body = { section: 'pipeline', body: 'Retry me once' };
    const first = await post('m1', `/meetings/${meetingId}/notes`, body, 'note-key-1');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await post('m1', `/meetings/${meetingId}/notes`, body, 'note-key-1');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(await count('meeting_note', 'Retry me once')).toBe(1);
  });

  it('a commitment sent twice with one key is written once, with the same id', async () => {
    const body = { owner: 'rep', text: 'Call Acme twice?', dueOn: '2026-03-20' };
    const first = await post('m1', `/meetings/${meetingId}/commitments`, body, 'c-key-1');
    expect(first.statusCode, first.body).toBe(201);
    const again = await post('m1', `/meetings/${meetingId}/commitments`, body, 'c-key-1');
    expect(again.statusCode).toBe(201);
    expect(again.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    expect(await count('commitment', 'Call Acme twice?')).toBe(1);
  });

  it('the same key with another body or on another route is 422 IDEMPOTENCY_KEY_REUSED, writing nothing', async () => {
    const first = await post(
      'm1',
      `/meetings/${meetingId}/notes`,
      { section: 'results', body: 'Original' },
      'k-reuse',
    );
    expect(first.statusCode).toBe(201);
    const other = await post(
      'm1',
      `/meetings/${meetingId}/notes`,
      { section: 'results', body: 'Changed' },
      'k-reuse',
    );
    expect(other.statusCode).toBe(422);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(other.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', status: 422 });
    const otherRoute = await post(
      'm1',
      `/meetings/${meetingId}/commitments`,
      { owner: 'rep', text: 'Original', dueOn: '2026-03-20' },
      'k-reuse',
    );
    expect(otherRoute.statusCode).toBe(422);
    expect(await count('meeting_note', 'Changed')).toBe(0);
    expect(await count('commitment', 'Original')).toBe(0);
  });

  it('concurrent requests with one key write once: the others are replayed or told to retry (409)', async () => {
    const body = { owner: 'manager', text: 'Concurrent promise', dueOn: '2026-03-21' };
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() => post('m1', `/meetings/${meetingId}/commitments`, body, 'k-race')),
    );
    expect(await count('commitment', 'Concurrent promise')).toBe(1);
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    for (const a of answers) {
      if (a.statusCode === 409) expect(a.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_USE' });
      else expect(a.statusCode).toBe(201);
    }
    const fresh = answers.filter((a) => a.statusCode === 201 && !a.headers['idempotent-replayed']);
    expect(fresh).toHaveLength(1);
  });

  it("another person's same key never replays to you: the rep's own write is made", async () => {
    const body = { section: 'activity', body: 'Same key, two people' };
    const byManager = await post('m1', `/meetings/${meetingId}/notes`, body, 'shared-key');
    const byRep = await post('r1a', `/meetings/${meetingId}/notes`, body, 'shared-key');
    expect(byManager.statusCode).toBe(201);
    expect(byRep.statusCode).toBe(201);
    expect(byRep.headers['idempotent-replayed']).toBeUndefined();
    expect(byRep.json<{ id: string }>().id).not.toBe(byManager.json<{ id: string }>().id);
    expect(await count('meeting_note', 'Same key, two people')).toBe(2);
  });

  it('without a key every request writes, as before', async () => {
    const body = { section: 'pipeline', body: 'No key at all' };
    expect((await post('m1', `/meetings/${meetingId}/notes`, body)).statusCode).toBe(201);
    expect((await post('m1', `/meetings/${meetingId}/notes`, body)).statusCode).toBe(201);
    expect(await count('meeting_note', 'No key at all')).toBe(2);
  });

  it('a write that fails (rolled back) keeps no key: the retry runs again', async () => {
    // Another team's manager is refused inside the handler (404): nothing is written or kept.
    const body = { section: 'pipeline', body: 'Refused first' };
    const refused = await post('m2', `/meetings/${meetingId}/notes`, body, 'k-fail');
    expect(refused.statusCode).toBe(404);
    expect(await keysStored('k-fail')).toBe(0);
    // An empty note after trimming fails in the use case, after the key's lock was taken.
    const blank = await post(
      'm1',
      `/meetings/${meetingId}/notes`,
      { section: 'pipeline', body: '   ' },
      'k-blank',
    );
    expect(blank.statusCode).toBe(400);
    expect(await keysStored('k-blank')).toBe(0);
    const retry = await post(
      'm1',
      `/meetings/${meetingId}/notes`,
      { section: 'pipeline', body: 'Now valid' },
      'k-blank',
    );
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await keysStored('k-blank')).toBe(1);
  });

  it('a key that is empty, too long or not printable ASCII is 400 naming the header', async () => {
    const body = { section: 'pipeline', body: 'Bad keys' };
    for (const key of ['x'.repeat(256), 'naïve', 'tab\there']) {
      const answer = await post('m1', `/meetings/${meetingId}/notes`, body, key);
      expect(answer.statusCode, key).toBe(400);
      expect(answer.json<{ detail: string }>().detail).toContain('idempotency-key');
    }
    const empty = await world.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/notes`,
      headers: { cookie: cookie.m1, 'idempotency-key': '' },
      payload: body,
    });
    expect(empty.statusCode).toBe(400);
    expect(await count('meeting_note', 'Bad keys')).toBe(0);
    const longest = await post('m1', `/meetings/${meetingId}/notes`, body, 'k'.repeat(255));
    expect(longest.statusCode).toBe(201);
  });

  it('a key is kept 24 hours; past that it is forgotten and the same request writes again', async () => {
    const body = { section: 'results', body: 'A day later' };
    expect((await post('m1', `/meetings/${meetingId}/notes`, body, 'k-day')).statusCode).toBe(201);
    const [kept] = await world.db.query<{ created_at: string; expires_at: string }>(
      "select created_at, expires_at from idempotent_request where key = 'k-day'",
    );
    expect(kept).toEqual({
      created_at: '2026-03-15T12:00:00.000Z',
      expires_at: '2026-03-16T12:00:00.000Z',
    });
    const within = await post('m1', `/meetings/${meetingId}/notes`, body, 'k-day');
    expect(within.headers['idempotent-replayed']).toBe('true');
    // As if the day had passed (the session would not have lasted a day of the test clock).
    await world.db.query(
      "update idempotent_request set expires_at = '2026-03-15T12:00:00Z' where key = 'k-day'",
    );
    const after = await post('m1', `/meetings/${meetingId}/notes`, body, 'k-day');
    expect(after.statusCode).toBe(201);
    expect(after.headers['idempotent-replayed']).toBeUndefined();
    expect(await count('meeting_note', 'A day later')).toBe(2);
    expect(await keysStored('k-day')).toBe(1);
  });
});
