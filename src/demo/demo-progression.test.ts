import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareAgenda } from '../agenda/prepare-agenda.js';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { reps } from './profiles.js';
import { seedDemo } from './seed-demo.js';

/*
 * Each demo profile is written down with the stage its 1:1 must reach (profiles.ts). This
 * runs the real path — seed, SQL facts, the core — on two different "todays", so the demo is
 * right whatever day someone starts it.
 */
for (const now of ['2026-11-22T15:00:00Z', '2027-03-03T02:00:00Z']) {
  describe(`demo profiles reach their stage (${testEngine}, today ${now})`, () => {
    let db: Database;
    let orgId = '';
    const ids = new Map<string, string>();
    beforeAll(async () => {
      db = await createTestDb();
      const summary = await seedDemo({ db, now: new Date(now) });
      orgId = summary.orgId;
      const people = await db.query<{ id: string; email: string }>(
        'select id, email from person where org_id = $1',
        [orgId],
      );
      for (const p of people) ids.set(p.email, p.id);
    });
    afterAll(async () => {
      await db.close();
    });

    for (const rep of reps) {
      it(`${rep.name} (${rep.profile}) reaches the ${rep.expectedStage} stage`, async () => {
        const agenda = await prepareAgenda(db, {
          orgId,
          personId: ids.get(rep.email) ?? '',
          now: new Date(now),
        });
        // The reasons are the failure message: they say which check decided otherwise.
        expect(agenda.progression.stage, agenda.progression.reasons.join('\n')).toBe(
          rep.expectedStage,
        );
      });
    }
  });
}
