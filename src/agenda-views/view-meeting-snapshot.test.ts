import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareAgenda } from '../agenda/prepare-agenda.js';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { insertHeldMeeting, insertOrg, insertPerson } from '../db/test-fixtures.js';
import { viewMeetingSnapshot } from './view-meeting-snapshot.js';

describe(`viewMeetingSnapshot (${testEngine})`, () => {
  let db: Database;
  let orgId: string;
  let repId: string;
  let managerId: string;

  beforeAll(async () => {
    db = await createTestDb();
    orgId = await insertOrg(db);
    managerId = await insertPerson(db, orgId, { name: 'Morgan', role: 'manager' });
    repId = await insertPerson(db, orgId, { name: 'Riley' });
  });
  afterAll(async () => db.close());

  it('serves an agenda frozen when settings still allowed a daily cadence, as weekly', async () => {
    const startedAt = '2026-03-10T14:00:00.000Z';
    await insertHeldMeeting(db, orgId, { repId, managerId, heldAt: startedAt });
    const agenda = await prepareAgenda(db, { orgId, personId: repId, now: new Date(startedAt) });
    // Frozen by an older Rudder: its settings said `daily`, which no cadence is any more.
    const frozen = { ...agenda, settings: { ...agenda.settings, cadence: 'daily' } };
    const [meeting] = await db.query<{ id: string }>(
      `update meeting set agenda_snapshot = $2 where org_id = $1 returning id`,
      [orgId, JSON.stringify(frozen)],
    );
    const snapshot = await viewMeetingSnapshot(db, {
      orgId,
      meetingId: meeting?.id ?? '',
      viewerId: managerId,
      now: new Date('2026-04-01T09:00:00Z'),
    });
    expect(snapshot.frozenAt).toBe(startedAt);
    expect(snapshot.agenda?.settings.cadence).toBe('weekly');
    expect(snapshot.agenda?.person).toEqual({ id: repId, name: 'Riley' });
  });
});
