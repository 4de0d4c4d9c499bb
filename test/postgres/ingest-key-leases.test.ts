import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiToken } from '../../src/auth/create-api-token.js';
import {
  claimIdempotencyKey,
  releaseIdempotencyKey,
} from '../../src/imports/ingest/idempotency.js';
import { KeyHolder, thisProcess } from '../../src/imports/ingest/key-holder.js';
import { ingestPeople, ndjson, peopleRunStart } from '../api/ingest-helpers.js';
import { createWorld, type World } from '../api/world.js';

// Several server processes share a PostgreSQL database (PGlite belongs to one process), so
// only here can another process hold a key's lease, or a duplicate truly run concurrently.
describe('Idempotency-Key leases across processes (postgres)', () => {
  let world: World;
  let token: string;

  beforeAll(async () => {
    world = await createWorld();
    token = (
      await createApiToken(world.db, {
        orgId: world.a.orgId,
        name: 'crm sync',
        createdBy: world.a.people.admin,
        now: world.clock.now(),
      })
    ).token;
  });
  afterAll(async () => world.close());

  const ingest = (body: string | PassThrough, key: string) =>
    ingestPeople(world, { token, body, key });

  it("answers 409 while another process's lease on the key lasts", async () => {
    const other = new KeyHolder({ leaseSeconds: 3600, renewEverySeconds: null });
    const running = await claimIdempotencyKey(world.db, {
      key: 'sync-elsewhere',
      start: peopleRunStart(world),
      holder: other,
    });
    const rows = [{ external_id: 'S-7', name: 'Ela Sync', email: 'ela@sync.test' }];
    const duplicate = await ingest(ndjson(rows), 'sync-elsewhere');
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().detail).toContain(running.runId);

    await releaseIdempotencyKey(world.db, {
      orgId: world.a.orgId,
      runId: running.runId,
      holder: other,
    });
    expect((await ingest(ndjson(rows), 'sync-elsewhere')).statusCode).toBe(200);
  });

  it('answers 409 to a concurrent duplicate while the first streams its body', async () => {
    const rows = [{ external_id: 'S-8', name: 'Ned Sync', email: 'ned@sync.test' }];
    const body = new PassThrough();
    const first = ingest(body, 'sync-stream');
    await vi.waitFor(() => expect(thisProcess.runIdOf(world.a.orgId, 'sync-stream')).toBeDefined());
    const duplicate = await ingest(ndjson(rows), 'sync-stream');
    expect(duplicate.statusCode).toBe(409);
    body.end(ndjson(rows));
    const done = await first;
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ counts: { rows: 1, new: 1 } });
    const replay = await ingest(ndjson(rows), 'sync-stream');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(done.json());
  });
});
