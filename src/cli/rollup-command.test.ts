import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataVersion } from '../db/data-version.js';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import * as f from '../db/test-fixtures.js';
import { recomputedRollup, storedRollup } from '../db/test-rollup.js';
import { isAppError } from '../shared/app-error.js';
import { runRollupRebuild } from './rollup-command.js';

describe(`rudder rollup rebuild (${testEngine})`, () => {
  let db: Database;
  const orgs: Record<string, string> = {};
  beforeAll(async () => {
    db = await createTestDb();
    for (const slug of ['alpha', 'beta']) {
      const orgId = await f.insertOrg(db, { slug });
      orgs[slug] = orgId;
      const stage = await f.insertStages(db, orgId);
      const ann = await f.insertPerson(db, orgId, { name: 'Ann' });
      await f.insertOpportunity(db, orgId, {
        ownerId: ann,
        stageId: stage['Closed Won'] ?? '',
        status: 'won',
        amount: 12_000,
        createdAt: '2026-01-10T00:00:00Z',
        closedAt: '2026-03-10T00:00:00Z',
      });
      await f.insertActivity(db, orgId, {
        personId: ann,
        kind: 'call',
        at: '2026-03-02T10:00:00Z',
      });
    }
  });
  afterAll(async () => {
    await db.close();
  });

  /** Damages an organization's rollup three ways: a wrong figure, a lost row, a stray row. */
  async function damage(orgId: string): Promise<void> {
    await db.query(`update rep_month set won_amount = 1 where org_id = $1 and won_count > 0`, [
      orgId,
    ]);
    await db.query('delete from rep_month_activity where org_id = $1', [orgId]);
    await db.query(
      `insert into rep_month (org_id, person_id, month, created_count) values ($1, gen_random_uuid(), '2020-01-01', 5)`,
      [orgId],
    );
  }

  it('repairs only the organization named, reporting what it corrected', async () => {
    const alpha = orgs.alpha ?? '';
    const beta = orgs.beta ?? '';
    await damage(alpha);
    await damage(beta);
    expect(await storedRollup(db, alpha)).not.toEqual(await recomputedRollup(db, alpha));
    const lines: string[] = [];
    const version = await readDataVersion(db);
    const output = await runRollupRebuild(db, { org: 'alpha' }, (line) => lines.push(line));
    // Rankings a server cached from the damaged rollup are retired.
    expect(await readDataVersion(db)).toBe(version + 1);
    // Removed: the wrong March row and the stray row; written: the right March row and the
    // lost activity row. 2 rep-months (January created, March won) and 1 activity row remain.
    expect(lines).toEqual(['[1/1] alpha: 2 rep-months, 1 activity rows, 4 corrected']);
    expect(output).toMatch(
      /^Rebuilt the rollup of 1 organization\(s\) in \d+ ms; 4 row\(s\) differed/,
    );
    expect(await storedRollup(db, alpha)).toEqual(await recomputedRollup(db, alpha));
    expect(await storedRollup(db, beta)).not.toEqual(await recomputedRollup(db, beta));
  });

  it('rebuilds every organization without --org, and finds nothing to correct the second time', async () => {
    const lines: string[] = [];
    await runRollupRebuild(db, {}, (line) => lines.push(line));
    expect(lines).toEqual([
      '[1/2] alpha: 2 rep-months, 1 activity rows, 0 corrected',
      '[2/2] beta: 2 rep-months, 1 activity rows, 4 corrected',
    ]);
    expect(await storedRollup(db, orgs.beta ?? '')).toEqual(
      await recomputedRollup(db, orgs.beta ?? ''),
    );
  });

  it('refuses an unknown organization, naming the known ones', async () => {
    const error = await runRollupRebuild(db, { org: 'gamma' }, () => undefined).catch(
      (e: unknown) => e,
    );
    expect(isAppError(error) && error.message).toContain('Known: alpha, beta');
  });
});
