import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { insertHeldMeeting, insertOrg, insertPerson } from '../db/test-fixtures.js';
import { setActivitySharing } from '../organization/set-activity-sharing.js';
import { prepareAgenda } from './prepare-agenda.js';
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

  describe('under an activity gate switched on after the snapshot was frozen', () => {
    let gatedOrg: string;
    let manager: string;
    let rep: string;
    const frozenAt = '2026-05-12T14:00:00.000Z';
    const later = new Date('2026-06-01T09:00:00Z');

    beforeAll(async () => {
      gatedOrg = await insertOrg(db, { slug: 'gate-later' });
      manager = await insertPerson(db, gatedOrg, { name: 'Mona', role: 'manager' });
      rep = await insertPerson(db, gatedOrg, { name: 'Remy' });
    });

    /** A 1:1 frozen while the gate was off, at `stage`: its snapshot holds the activity. */
    async function meetingFrozenWithoutGate(stage: 'results' | 'activity'): Promise<string> {
      await db.query(`update org set settings = settings - 'activityGate' where id = $1`, [
        gatedOrg,
      ]);
      const agenda = await prepareAgenda(db, {
        orgId: gatedOrg,
        personId: rep,
        now: new Date(frozenAt),
      });
      expect(agenda.settings.activityGate).toBe(false);
      expect(agenda.activity).not.toBeNull();
      const frozen = { ...agenda, progression: { ...agenda.progression, stage } };
      const [meeting] = await db.query<{ id: string }>(
        `insert into meeting (org_id, rep_id, manager_id, scheduled_at, status, started_at, held_at,
                              agenda_snapshot)
         values ($1, $2, $3, $4, 'held', $4, $4, $5) returning id`,
        [gatedOrg, rep, manager, frozenAt, JSON.stringify(frozen)],
      );
      const id = meeting?.id ?? '';
      // The organization makes the gate a hard rule after the 1:1.
      await db.query(
        `update org set settings = settings || '{"activityGate": true}'::jsonb where id = $1`,
        [gatedOrg],
      );
      return id;
    }
    const view = (meetingId: string, viewerId: string) =>
      viewMeetingSnapshot(db, { orgId: gatedOrg, meetingId, viewerId, now: later });
    const activityViews = async (meetingId: string) =>
      db.query<{ details: { snapshot: boolean; stage: string; shared: boolean } }>(
        `select details from audit_event
          where org_id = $1 and action = 'activity.viewed' and details->>'meetingId' = $2`,
        [gatedOrg, meetingId],
      );

    it('withholds the activity detail from the manager, and records no view', async () => {
      const meetingId = await meetingFrozenWithoutGate('results');
      const snapshot = await view(meetingId, manager);
      expect(snapshot.agenda?.activity).toBeNull();
      expect(snapshot.agenda?.activityWithheld).toBe(true);
      // The figures stay as they were frozen.
      expect(snapshot.agenda?.progression.stage).toBe('results');
      expect(snapshot.frozenAt).toBe(frozenAt);
      expect(await activityViews(meetingId)).toEqual([]);
    });

    it('still shows the rep their own activity detail', async () => {
      const meetingId = await meetingFrozenWithoutGate('results');
      const snapshot = await view(meetingId, rep);
      expect(snapshot.agenda?.activity).not.toBeNull();
      expect(snapshot.agenda?.activityWithheld).toBe(false);
      expect(await activityViews(meetingId)).toEqual([]);
    });

    it('shows it to the manager when the progression reached activity, and records the view', async () => {
      const meetingId = await meetingFrozenWithoutGate('activity');
      const snapshot = await view(meetingId, manager);
      expect(snapshot.agenda?.activity).not.toBeNull();
      expect(await activityViews(meetingId)).toEqual([
        { details: { meetingId, snapshot: true, stage: 'activity', shared: false } },
      ]);
    });

    it('shows it to the manager while the rep shares it, and records the view', async () => {
      const meetingId = await meetingFrozenWithoutGate('results');
      await setActivitySharing(db, { orgId: gatedOrg, personId: rep, shared: true, now: later });
      try {
        const snapshot = await view(meetingId, manager);
        expect(snapshot.agenda?.activity).not.toBeNull();
        expect(await activityViews(meetingId)).toEqual([
          { details: { meetingId, snapshot: true, stage: 'results', shared: true } },
        ]);
      } finally {
        await setActivitySharing(db, { orgId: gatedOrg, personId: rep, shared: false, now: later });
      }
    });
  });
});
