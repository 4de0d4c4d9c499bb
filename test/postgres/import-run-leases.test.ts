import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { createTestDb } from '../../src/db/test-db.js';
import { insertOrg } from '../../src/db/test-fixtures.js';
import { getImportRun } from '../../src/imports/get-import-run.js';
import { keepImportRunAlive, startImportRun } from '../../src/imports/import-run.js';
import { listImportRuns } from '../../src/imports/list-import-runs.js';
import { mutableClock } from '../api/world.js';

// Several server processes share a PostgreSQL database, so a running import may belong to
// another process: only its lease tells a long run from one whose process died.
describe('import run leases (postgres)', () => {
  let db: Database;
  let orgId: string;
  const t0 = new Date('2026-03-15T12:00:00.000Z');
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

  beforeAll(async () => {
    db = await createTestDb();
    orgId = await insertOrg(db);
  });
  afterAll(async () => db.close());

  const start = (now: Date) =>
    startImportRun(db, {
      orgId,
      kind: 'people',
      fileName: null,
      actorId: null,
      dryRun: false,
      now,
    });
  const leaseOf = async (runId: string) => {
    const [row] = await db.query<{ lease_until: string }>(
      'select lease_until from import_run where org_id = $1 and id = $2',
      [orgId, runId],
    );
    return row?.lease_until;
  };

  it('marks failed a run whose lease ran out, and not one whose process renews it', async () => {
    const clock = mutableClock(t0);
    const dead = await start(t0);
    const live = await start(t0);
    const late = await start(at(40));
    const heartbeat = keepImportRunAlive(db, { orgId, runId: live, clock, everyMs: 20 });
    try {
      clock.set(at(25));
      // The live run's process renews its lease from its clock: 25 s + the 30 s lease.
      await vi.waitFor(async () => expect(await leaseOf(live)).toBe(at(55).toISOString()));
      expect(await leaseOf(dead)).toBe(at(30).toISOString());

      // At 29 s every lease still holds.
      const before = await listImportRuns(db, { orgId, limit: 10, offset: 0, now: at(29) });
      expect(before.items.map((run) => run.status)).toEqual(['running', 'running', 'running']);

      // At 45 s the dead run's lease (to 30 s) is over; the late one's (to 70 s) is not.
      clock.set(at(45));
      const page = await listImportRuns(db, { orgId, limit: 10, offset: 0, now: at(45) });
      const statusOf = (id: string) => page.items.find((run) => run.id === id)?.status;
      expect([statusOf(dead), statusOf(live), statusOf(late)]).toEqual([
        'failed',
        'running',
        'running',
      ]);
      const shown = await getImportRun(db, { orgId, runId: dead, now: at(45) });
      expect(shown).toMatchObject({
        status: 'failed',
        finishedAt: at(45).toISOString(),
        errorCount: 1,
        errors: [{ field: '(import)', reason: 'the server stopped during the import' }],
      });

      // Read once the late run's lease is over: it is failed too, the renewed one still runs.
      await vi.waitFor(async () => expect(await leaseOf(live)).toBe(at(75).toISOString()));
      const later = await getImportRun(db, { orgId, runId: late, now: at(71) });
      expect(later.status).toBe('failed');
      expect((await getImportRun(db, { orgId, runId: live, now: at(71) })).status).toBe('running');
    } finally {
      heartbeat.stop();
    }
  });
});
