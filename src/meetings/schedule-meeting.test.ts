import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { insertOrg, insertPerson, insertTeam } from '../db/test-fixtures.js';
import type { Actor } from './meeting-records.js';
import { scheduleMeeting } from './schedule-meeting.js';
import { scheduleSeries } from './schedule-series.js';

const at = (iso: string) => new Date(iso);

describe(`scheduling a one-off 1:1 (${testEngine})`, () => {
  let db: Database;
  let orgId: string;
  let manager: Actor;
  let outsider: Actor;
  let repId: string;

  beforeAll(async () => {
    db = await createTestDb();
    orgId = await insertOrg(db);
    const managerId = await insertPerson(db, orgId, { name: 'Morgan', role: 'manager' });
    const otherId = await insertPerson(db, orgId, { name: 'Other', role: 'manager' });
    repId = await insertPerson(db, orgId, { name: 'Riley' });
    await insertTeam(db, orgId, {
      name: 'East',
      managerId,
      members: [{ personId: repId, from: '2026-01-01' }],
    });
    manager = { personId: managerId, role: 'manager' };
    outsider = { personId: otherId, role: 'manager' };
  });
  afterAll(async () => {
    await db.close();
  });

  it('creates a scheduled 1:1 outside any series, with the series duration when there is one', async () => {
    const now = at('2026-10-20T12:00:00Z');
    const first = await scheduleMeeting(db, {
      orgId,
      actor: manager,
      repId,
      scheduledAt: at('2026-10-22T09:00:00Z'),
      now,
    });
    expect(first).toMatchObject({
      seriesId: null,
      repId,
      managerId: manager.personId,
      status: 'scheduled',
      durationMinutes: 20,
      scheduledAt: '2026-10-22T09:00:00.000Z',
    });
    await scheduleSeries(db, {
      orgId,
      actor: manager,
      repId,
      series: { weekday: 2, timeOfDay: '10:00', durationMinutes: 30 },
      now,
    });
    const second = await scheduleMeeting(db, {
      orgId,
      actor: manager,
      repId,
      scheduledAt: at('2026-10-23T09:00:00Z'),
      now,
    });
    expect([second.seriesId, second.durationMinutes]).toEqual([null, 30]);
  });

  it('refuses a time in the past, another manager, and a person on no team', async () => {
    const now = at('2026-10-20T12:00:00Z');
    const base = { orgId, actor: manager, repId, scheduledAt: at('2026-10-22T09:00:00Z'), now };
    await expect(
      scheduleMeeting(db, { ...base, scheduledAt: at('2026-10-19T09:00:00Z') }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(scheduleMeeting(db, { ...base, actor: outsider })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(scheduleMeeting(db, { ...base, repId: outsider.personId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
