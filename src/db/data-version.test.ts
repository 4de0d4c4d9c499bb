import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../imports/import-file.js';
import { csvFolder } from '../imports/test-files.js';
import { readDataVersion } from './data-version.js';
import type { Database } from './database.js';
import { createTestDb, testEngine } from './test-db.js';
import { insertOrg, insertPerson, insertStages } from './test-fixtures.js';

// The data version retires cached agendas and scorecards: every committed change to what they
// are computed from must raise it, and nothing else should.
describe(`data version (${testEngine})`, () => {
  let db: Database;
  let orgId: string;
  beforeAll(async () => {
    db = await createTestDb();
    orgId = await insertOrg(db, { slug: 'versioned' });
  });
  afterAll(async () => {
    await db.close();
  });

  /** How far `change` moves the version. */
  async function raisedBy(change: () => Promise<unknown>): Promise<number> {
    const before = await readDataVersion(db);
    await change().catch(() => undefined);
    return (await readDataVersion(db)) - before;
  }

  it('is raised once by a statement outside a transaction', async () => {
    expect(await raisedBy(() => insertPerson(db, orgId, { name: 'Ann' }))).toBe(1);
    expect(
      await raisedBy(() => db.query("update org set name = 'Renamed' where id = $1", [orgId])),
    ).toBe(1);
  });

  it('is raised once per committed transaction, at its commit', async () => {
    const seen = await raisedBy(() =>
      db.transaction(async (tx) => {
        const start = await readDataVersion(tx);
        await insertPerson(tx, orgId, { name: 'Bob' });
        await insertPerson(tx, orgId, { name: 'Cy' });
        await tx.query("update person set name = 'Cyd' where org_id = $1 and name = 'Cy'", [orgId]);
        // Not yet: the counter's row is taken only at COMMIT.
        expect(await readDataVersion(tx)).toBe(start);
      }),
    );
    expect(seen).toBe(1);
  });

  it('is not raised by a rolled-back transaction', async () => {
    const seen = await raisedBy(() =>
      db.transaction(async (tx) => {
        await insertPerson(tx, orgId, { name: 'Dee' });
        throw new Error('roll back');
      }),
    );
    expect(seen).toBe(0);
    const [row] = await db.query<{ n: number }>(
      "select count(*)::int8 as n from person where org_id = $1 and name = 'Dee'",
      [orgId],
    );
    expect(row?.n).toBe(0);
  });

  it('is not raised by writes agendas and scorecards do not read', async () => {
    const seen = await raisedBy(() =>
      db.transaction((tx) =>
        tx.query(
          "insert into audit_event (org_id, action, subject_type) values ($1, 'test.done', 'org')",
          [orgId],
        ),
      ),
    );
    expect(seen).toBe(0);
    expect(await raisedBy(() => db.transaction((tx) => tx.query('select 1')))).toBe(0);
  });

  it('is raised by an import, and not by a dry run', async () => {
    await insertPerson(db, orgId, { name: 'Eve', email: 'eve@example.com' });
    await insertStages(db, orgId);
    const files = csvFolder();
    const file = files.write(
      'opportunities.csv',
      [
        'external_id,name,owner,stage,amount,close_date',
        'OPP-1,Alpha,eve@example.com,Qualification,1000,2024-06-30',
      ].join('\n'),
    );
    const settings = { kind: 'opportunities' as const, asOf: '2024-03-01T12:00:00.000Z' };
    const dry = await raisedBy(() =>
      importFile({ db, orgId, path: file, settings: { ...settings, dryRun: true } }),
    );
    expect(dry).toBe(0);
    // PGlite's import writes with triggers off; it raises the version itself.
    expect(await raisedBy(() => importFile({ db, orgId, path: file, settings }))).toBe(1);
    files.remove();
  });
});
