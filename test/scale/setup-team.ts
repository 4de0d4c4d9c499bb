import { createSession } from '../../src/auth/create-session.js';
import type { Database } from '../../src/db/database.js';
import {
  insertHeldMeeting,
  insertOrg,
  insertPerson,
  insertTeam,
} from '../../src/db/test-fixtures.js';

export interface Team {
  orgId: string;
  managerId: string;
  repId: string;
  meetingId: string;
  /** `rudder_session=…` of the manager and of the leader, valid now (the servers' clock). */
  managerCookie: string;
  leaderCookie: string;
}

/** One organization: a leader over a manager's team of one rep, and a held 1:1 of theirs. */
export async function setUpTeam(db: Database): Promise<Team> {
  const orgId = await insertOrg(db);
  const leaderId = await insertPerson(db, orgId, { name: 'Lee Leader', role: 'leader' });
  const managerId = await insertPerson(db, orgId, { name: 'Morgan Manager', role: 'manager' });
  const repId = await insertPerson(db, orgId, { name: 'Riley Rep' });
  const teamId = await insertTeam(db, orgId, {
    name: 'East',
    managerId,
    members: [{ personId: repId, from: '2026-01-01' }],
  });
  await db.query('update team set leader_id = $3 where org_id = $1 and id = $2', [
    orgId,
    teamId,
    leaderId,
  ]);
  await insertHeldMeeting(db, orgId, { repId, managerId, heldAt: new Date().toISOString() });
  const [meeting] = await db.query<{ id: string }>(
    'select id from meeting where org_id = $1 and rep_id = $2',
    [orgId, repId],
  );
  const cookie = async (personId: string) =>
    `rudder_session=${await createSession(db, { orgId, personId, now: new Date(), absoluteHours: 2 })}`;
  return {
    orgId,
    managerId,
    repId,
    meetingId: meeting?.id ?? '',
    managerCookie: await cookie(managerId),
    leaderCookie: await cookie(leaderId),
  };
}
