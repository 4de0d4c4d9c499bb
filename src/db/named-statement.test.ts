import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Queryable } from './database.js';
import { createTestDb, testEngine } from './test-db.js';

// A statement sent with a name (QueryOptions.name) is prepared once per connection and run
// again from there: the same rows as sent plainly, whatever the values (on PGlite they go
// into EXECUTE as literals, so a quote must stay a quote).
describe(`named statements (${testEngine})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  const text = `select $1::text as t, $2::int + 1 as n, $3::date + 1 as d, $4::boolean as b,
                      $5::text is null as missing`;
  const name = 'rudder_test_values';
  const cases: unknown[][] = [
    ["it's", 41, '2026-02-28', true, null],
    ["x'); drop table org; --", -7, '2024-02-28', false, 'here'],
    ['back\\slash "quoted"', 0, '2026-12-31', true, null],
  ];
  const expected = [
    { t: "it's", n: 42, d: '2026-03-01', b: true, missing: true },
    { t: "x'); drop table org; --", n: -6, d: '2024-02-29', b: false, missing: false },
    { t: 'back\\slash "quoted"', n: 1, d: '2027-01-01', b: true, missing: true },
  ];

  const prepared = async (q: Queryable) =>
    (
      await q.query<{ n: number }>(
        'select count(*)::int as n from pg_prepared_statements where name = $1',
        [name],
      )
    )[0]?.n;

  it('answers as the plain statement does, for every kind of value, on one connection', async () => {
    await db.transaction(async (tx) => {
      for (const [i, params] of cases.entries()) {
        expect(await tx.query(text, params, { name })).toEqual([expected[i]]);
        expect(await tx.query(text, params)).toEqual([expected[i]]);
      }
      // Prepared once on this connection, and run three times from there.
      expect(await prepared(tx)).toBe(1);
    });
    // Outside a transaction too (on PostgreSQL, whichever connection of the pool answers).
    for (const [i, params] of cases.entries()) {
      expect(await db.query(text, params, { name })).toEqual([expected[i]]);
    }
    // The quote did not end the literal: the organizations' table is still there.
    expect(await db.query('select count(*)::int as n from org')).toEqual([{ n: 0 }]);
  });

  it('refuses another text under a name already prepared on the connection', async () => {
    await db.transaction(async (tx) => {
      await tx.query('select 1 as one', [], { name: 'rudder_test_one' });
      await expect(tx.query('select 2 as one', [], { name: 'rudder_test_one' })).rejects.toThrow(
        /prepared/i,
      );
    });
  });
});
