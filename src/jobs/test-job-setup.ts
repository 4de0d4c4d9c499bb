import { loadConfig } from '../config/config.js';
import type { Queryable } from '../db/database.js';
import { insertOrg, insertPerson, insertTeam } from '../db/test-fixtures.js';

/** A configuration for job tests: SMTP pointed at the test's sink. */
export const jobTestConfig = (smtpUrl: string) =>
  loadConfig({ SMTP_URL: smtpUrl, MAIL_FROM: 'Rudder <rudder@example.com>' });

/**
 * One org, a manager and a rep (both with e-mail addresses) and one scheduled 1:1 at
 * `scheduledAt`: the smallest world in which a reminder is due.
 */
export async function insertMeetingToRemind(
  db: Queryable,
  scheduledAt: string,
): Promise<{ orgId: string; meetingId: string }> {
  const orgId = await insertOrg(db);
  const managerId = await insertPerson(db, orgId, {
    name: 'Morgan',
    email: 'morgan@example.com',
    role: 'manager',
  });
  const repId = await insertPerson(db, orgId, { name: 'Riley', email: 'riley@example.com' });
  await insertTeam(db, orgId, {
    name: 'East',
    managerId,
    members: [{ personId: repId, from: '2026-01-01' }],
  });
  const [row] = await db.query<{ id: string }>(
    `insert into meeting (org_id, rep_id, manager_id, scheduled_at) values ($1, $2, $3, $4) returning id`,
    [orgId, repId, managerId, scheduledAt],
  );
  return { orgId, meetingId: row?.id ?? '' };
}

/** Polls `done` every 20 ms until true or the deadline: for loops running in the background. */
export async function waitFor(
  done: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
