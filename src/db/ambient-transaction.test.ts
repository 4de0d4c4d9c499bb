import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ambientDatabase, inTransaction } from './ambient-transaction.js';
import type { Database } from './database.js';
import { createTestDb, testEngine } from './test-db.js';

/*
 * The server's database is an ambient one (src/server/create-app.ts): everything a request
 * does goes through it, so it must behave as the database behind, only joining the
 * transaction of a keyed write when there is one.
 */
describe(`the ambient database (${testEngine})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDb();
    await db.query('create table ambient_probe (n int)');
  });
  afterAll(async () => {
    await db.close();
  });

  it('passes a statement name on to the database behind, so it stays prepared', async () => {
    const names: (string | undefined)[] = [];
    const recording: Database = {
      ...db,
      query: (text, params, options) => {
        names.push(options?.name);
        return db.query(text, params, options);
      },
    };
    const ambient = ambientDatabase(recording);
    const text = 'select $1::int + 1 as n';
    expect(await ambient.query(text, [41], { name: 'ambient_probe_plus_one' })).toEqual([
      { n: 42 },
    ]);
    expect(await ambient.query('select 1 as n')).toEqual([{ n: 1 }]);
    expect(names).toEqual(['ambient_probe_plus_one', undefined]);
  });

  it('joins the keyed transaction: a rollback undoes a use case’s own transaction too', async () => {
    const ambient = ambientDatabase(db);
    await expect(
      inTransaction(db, async () => {
        await ambient.transaction((tx) => tx.query('insert into ambient_probe values (1)'));
        await ambient.query('insert into ambient_probe values (2)');
        throw new Error('the write fails after both inserts');
      }),
    ).rejects.toThrow('the write fails');
    expect(await db.query('select count(*)::int as c from ambient_probe')).toEqual([{ c: 0 }]);
    await inTransaction(db, () => ambient.query('insert into ambient_probe values (3)'));
    expect(await db.query('select n from ambient_probe')).toEqual([{ n: 3 }]);
  });
});
