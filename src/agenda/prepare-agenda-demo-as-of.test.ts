import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { seedDemo } from '../demo/seed-demo.js';
import { prepareAgenda } from './prepare-agenda.js';

/*
 * Issue #24's example: on a demo created on 2026-12-06, Kara's agenda as of 2026-10-03 showed
 * the whole of October's bookings three days into October. The month to date must be what she
 * had won by the end of October 3rd (org-local), counted here by a plain query of her won
 * deals and results, independent of the facts statement and the rollup.
 */
describe(`the demo's agenda as of a past day (${testEngine})`, () => {
  let db: Database;
  let orgId: string;
  let kara: string;
  const now = new Date('2026-12-06T15:00:00Z');

  beforeAll(async () => {
    db = await createTestDb();
    orgId = (await seedDemo({ db, now })).orgId;
    const [row] = await db.query<{ id: string }>(
      `select id from person where org_id = $1 and email = 'kara@demo.rudder.dev'`,
      [orgId],
    );
    kara = row?.id ?? '';
  });
  afterAll(async () => db.close());

  /** Kara's won deals and results from `from` to the end of `to`, org-local days. */
  const bookedBetween = async (from: string, to: string) => {
    const [row] = await db.query<{ won: number }>(
      `select coalesce((select sum(o.amount) from opportunity o join org g on g.id = o.org_id
                         where o.org_id = $1 and o.owner_id = $2 and o.status = 'won'
                           and (o.closed_at at time zone g.time_zone)::date between $3::date and $4::date), 0)
            + coalesce((select sum(amount) from result_entry
                         where org_id = $1 and person_id = $2 and day between $3::date and $4::date), 0)
              as won`,
      [orgId, kara, from, to],
    );
    return Number(row?.won ?? 0);
  };

  it('counts October only up to the 3rd', async () => {
    const agenda = await prepareAgenda(db, { orgId, personId: kara, now, asOf: '2026-10-03' });
    const wholeOctober = await bookedBetween('2026-10-01', '2026-10-31');
    const toThe3rd = await bookedBetween('2026-10-01', '2026-10-03');
    // The demo books most of October after the 3rd: the two must differ for this to test anything.
    expect(wholeOctober).toBeGreaterThan(toThe3rd);
    expect(agenda.results.current.actual).toBe(toThe3rd);
    // September is complete on October 3rd: the review month is all of it.
    expect(agenda.results.review.actual).toBe(await bookedBetween('2026-09-01', '2026-09-30'));
  });
});
