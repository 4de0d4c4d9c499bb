import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { orgWritesLockClass } from '../../src/db/org-write-lock.js';
import { createTestDb } from '../../src/db/test-db.js';
import { insertOrg, insertPerson, insertStages } from '../../src/db/test-fixtures.js';
import { importRecords } from '../../src/imports/import-records.js';
import type { ImportRecord } from '../../src/imports/import-types.js';

// Two long writers of one organization keep the rep_month rollup in their own transactions:
// touching the same reps' months in different orders they would deadlock. Every import takes
// the organization's lock first, so the second one queues; another organization's does not.
// Runs only in the PostgreSQL suite (PGlite has one connection).
const asOf = '2024-03-01T12:00:00.000Z';

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
});

function record(line: number, externalId: string, owner: string): ImportRecord {
  return {
    line,
    values: {
      external_id: externalId,
      name: `Deal ${externalId}`,
      owner,
      stage: 'Qualification',
      amount: '100',
    },
  };
}

async function* listed(records: ImportRecord[]): AsyncGenerator<ImportRecord> {
  yield* records;
}

/** Advisory waits on the organizations' write lock, now. */
async function waitingOnOrgLock(): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int as n from pg_locks
      where locktype = 'advisory' and classid = $1 and objsubid = 2 and not granted`,
    [orgWritesLockClass],
  );
  return row?.n ?? 0;
}

describe("an organization's imports queue behind each other", () => {
  it('holds a second import of the same organization until the first ends; not another organization', async () => {
    const orgA = await insertOrg(db, { slug: 'queued-a' });
    const orgB = await insertOrg(db, { slug: 'queued-b' });
    for (const [orgId, names] of [
      [orgA, ['ann', 'bob']],
      [orgB, ['cid']],
    ] as const) {
      for (const name of names)
        await insertPerson(db, orgId, { name, email: `${name}@example.com` });
      await insertStages(db, orgId);
    }
    let started!: () => void;
    const firstStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The first import reads its file inside its transaction: it holds the lock while paused.
    async function* paused(): AsyncGenerator<ImportRecord> {
      started();
      yield record(2, 'A-1', 'ann@example.com');
      await gate;
      yield record(3, 'A-2', 'bob@example.com');
    }
    const finished: string[] = [];
    const run = (name: string, orgId: string, records: AsyncIterable<ImportRecord>) =>
      importRecords({ db, orgId, settings: { kind: 'opportunities', asOf }, records }).then(
        (result) => {
          finished.push(name);
          return result;
        },
      );
    const first = run('first', orgA, paused());
    await firstStarted;
    // In the other order: Bob's month, then Ann's.
    const second = run(
      'second',
      orgA,
      listed([record(2, 'A-3', 'bob@example.com'), record(3, 'A-4', 'ann@example.com')]),
    );
    let waiting = 0;
    for (let i = 0; i < 200 && waiting === 0; i += 1) {
      waiting = await waitingOnOrgLock();
      if (waiting === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(waiting).toBe(1);
    // Another organization's import is not held.
    await run('other', orgB, listed([record(2, 'B-1', 'cid@example.com')]));
    expect(finished).toEqual(['other']);
    release();
    await Promise.all([first, second]);
    expect(finished).toEqual(['other', 'first', 'second']);
    const rows = await db.query<{ external_id: string }>(
      'select external_id from opportunity where org_id = $1 order by external_id',
      [orgA],
    );
    expect(rows.map((r) => r.external_id)).toEqual(['A-1', 'A-2', 'A-3', 'A-4']);
    expect(await waitingOnOrgLock()).toBe(0);
  });
});
