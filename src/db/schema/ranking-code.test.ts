import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database.js';
import { createTestDb } from '../test-db.js';
import { insertOrg, insertPerson } from '../test-fixtures.js';
import { goalStatuses, periodKinds } from './pipeline.js';

// The ranking's codes are written by the database when a row is written (generated columns),
// so they are checked on the database itself. Days since 2000-01-01, counted by hand:
// 2000…2025 are 26 years with 7 leap days (2000, 2004, …, 2024): 9,497 days to 2026-01-01,
// then January, February and March (31 + 28 + 31): 2026-04-01 is day 9,587. 2000…2023 are 24
// years with 6 leap days: 8,766 days to 2024-01-01, and 2024-02-01 is day 8,797.
describe('ranking codes', () => {
  let db: Database;
  let orgId: string;
  let personId: string;

  beforeAll(async () => {
    db = await createTestDb();
    orgId = await insertOrg(db);
    personId = await insertPerson(db, orgId);
  });

  afterAll(async () => {
    await db.close();
  });

  it("write a goal's kind, start day, target and status as numbers", async () => {
    const goal = (kind: string, start: string, target: number, status: string) =>
      db.query<{ code: string }>(
        `insert into goal (org_id, person_id, metric, period_kind, period_start, target, status)
         values ($1, $2, 'bookings', $3, $4, $5, $6) returning ranking_code as code`,
        [orgId, personId, kind, start, target, status],
      );
    expect(await goal('quarter', '2026-04-01', 1_234_567, 'rejected')).toEqual([
      { code: '1,9587,1234567,2' },
    ]);
    expect(await goal('month', '2024-02-01', 90, 'proposed')).toEqual([{ code: '0,8797,90,0' }]);
    expect(await goal('year', '2026-01-01', 5, 'agreed')).toEqual([{ code: '2,9497,5,1' }]);
  });

  it('decode through the lists the ranking reads them with, for every kind and status', async () => {
    // The codes are fixed by a migration, the lists in code: reordering either alone fails here.
    const rows = await db.query<{ kind: string; status: string; code: string }>(
      // One goal per kind and status: an activity goal per status keeps the natural key unique.
      `insert into goal (org_id, person_id, metric, activity_kind, period_kind, period_start,
                         target, status)
       select $1, $2, 'activity', s, k, '2025-01-01', 1, s
         from unnest($3::text[]) k cross join unnest($4::text[]) s
       returning period_kind as kind, status, ranking_code as code`,
      [orgId, personId, [...periodKinds], [...goalStatuses]],
    );
    expect(rows).toHaveLength(periodKinds.length * goalStatuses.length);
    for (const row of rows) {
      const [kind, , , status] = row.code.split(',').map(Number);
      expect([periodKinds[kind ?? -1], goalStatuses[status ?? -1]]).toEqual([row.kind, row.status]);
    }
  });

  it("write a month's first day and its bookings (won plus results), and follow changes", async () => {
    const [inserted] = await db.query<{ code: string }>(
      `insert into rep_month (org_id, person_id, month, won_amount, result_amount)
       values ($1, $2, '2024-02-01', 700, 50) returning ranking_code as code`,
      [orgId, personId],
    );
    expect(inserted).toEqual({ code: '8797,750' });
    const [updated] = await db.query<{ code: string }>(
      `update rep_month set won_amount = 1000 where org_id = $1 and person_id = $2
          and month = '2024-02-01' returning ranking_code as code`,
      [orgId, personId],
    );
    expect(updated).toEqual({ code: '8797,1050' });
  });
});
