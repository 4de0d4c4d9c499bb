import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { createTestDb } from '../../src/db/test-db.js';
import { insertOrg, insertPerson, insertStages } from '../../src/db/test-fixtures.js';
import { importRecords } from '../../src/imports/import-records.js';
import type { ImportRecord } from '../../src/imports/import-types.js';

// A first import into an organization does not look up its keys (kinds/opportunities.ts):
// a key that another connection commits meanwhile breaks its insert. That must end the
// import with the database's own error, not as a clean file, and write none of its rows.
// Runs only in the PostgreSQL suite (PGlite has one connection; see vitest.config.ts).
const asOf = '2024-03-01T12:00:00.000Z';

let db: Database;

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
});

function record(line: number, externalId: string): ImportRecord {
  return {
    line,
    values: {
      external_id: externalId,
      name: `Deal ${externalId}`,
      owner: 'ann@example.com',
      stage: 'Qualification',
      amount: '100',
    },
  };
}

describe('a first import racing another writer of the same key', () => {
  it('fails with the unique violation and writes none of its rows', async () => {
    const orgId = await insertOrg(db, { slug: 'racing' });
    await insertPerson(db, orgId, { name: 'Ann', email: 'ann@example.com' });
    // The other writer's deal is Bob's: a deal of Ann's created in the same month would wait
    // for the import's lock on Ann's rep_month row (the rollup is kept in the writing
    // transaction), and this import waits for that writer: the test would hang, not race.
    const ownerId = await insertPerson(db, orgId, { name: 'Bob', email: 'bob@example.com' });
    const stages = await insertStages(db, orgId);
    async function* records(): AsyncGenerator<ImportRecord> {
      yield record(2, 'OPP-1');
      yield record(3, 'OPP-2');
      // The import already found the organization empty; another connection now commits
      // OPP-3, which the file's next segment holds.
      await db.query(
        `insert into opportunity (org_id, external_id, owner_id, name, amount, currency, stage_id,
                                  status, created_at, last_changed_at)
         values ($1, 'OPP-3', $2, 'Elsewhere', 5, 'USD', $3, 'open', $4, $4)`,
        [orgId, ownerId, stages.Qualification, asOf],
      );
      yield record(4, 'OPP-3');
    }
    const imported = importRecords({
      db,
      orgId,
      settings: { kind: 'opportunities', asOf },
      records: records(),
      segmentRows: 2,
    });
    await expect(imported).rejects.toMatchObject({
      code: '23505',
      constraint: 'opportunity_external_id_key',
    });
    const rows = await db.query<{ external_id: string; name: string }>(
      'select external_id, name from opportunity where org_id = $1 order by external_id',
      [orgId],
    );
    expect(rows).toEqual([{ external_id: 'OPP-3', name: 'Elsewhere' }]);
    const [run] = await db.query<{ status: string }>(
      'select status from import_run where org_id = $1',
      [orgId],
    );
    expect(run?.status).toBe('failed');
  });
});
