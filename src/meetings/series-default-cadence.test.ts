import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { insertOrg, insertPerson, insertTeam } from '../db/test-fixtures.js';
import type { Actor } from './meeting-records.js';
import { scheduleSeries } from './schedule-series.js';

const now = new Date('2026-10-20T12:00:00Z');

describe(`a series' cadence when none is chosen (${testEngine})`, () => {
  let db: Database;

  async function org(slug: string, settings: object) {
    const orgId = await insertOrg(db, { slug, settings });
    const managerId = await insertPerson(db, orgId, { name: 'Morgan', role: 'manager' });
    const repId = await insertPerson(db, orgId, { name: 'Riley' });
    await insertTeam(db, orgId, {
      name: 'East',
      managerId,
      members: [{ personId: repId, from: '2026-01-01' }],
    });
    const actor: Actor = { personId: managerId, role: 'manager' };
    return { orgId, repId, actor };
  }

  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it("starts from the organization's cadence setting, then keeps the series' own", async () => {
    const { orgId, repId, actor } = await org('biweekly-org', { cadence: 'biweekly' });
    const slot = { weekday: 2, timeOfDay: '10:00' };
    const created = await scheduleSeries(db, { orgId, actor, repId, series: slot, now });
    expect(created.series.cadence).toBe('biweekly');
    expect(created.cadence.chosen).toBe('biweekly');
    const quarterly = { ...slot, cadence: 'quarterly' as const };
    await scheduleSeries(db, { orgId, actor, repId, series: quarterly, now });
    // A later change of the slot alone keeps the quarterly cadence chosen for this rep.
    const moved = await scheduleSeries(db, {
      orgId,
      actor,
      repId,
      series: { ...slot, timeOfDay: '11:00' },
      now,
    });
    expect([moved.series.cadence, moved.series.timeOfDay]).toEqual(['quarterly', '11:00:00']);
  });

  it('is monthly without a setting, and weekly for a stored daily setting', async () => {
    const plain = await org('no-setting-org', {});
    const slot = { weekday: 4, timeOfDay: '09:30' };
    const a = await scheduleSeries(db, { ...plain, series: slot, now });
    expect(a.series.cadence).toBe('monthly');
    const old = await org('daily-org', { cadence: 'daily' });
    const b = await scheduleSeries(db, { ...old, series: slot, now });
    expect(b.series.cadence).toBe('weekly');
  });
});
