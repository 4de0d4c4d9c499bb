import type { Database } from '../db/database.js';
import { moveTeamMember } from './move-team-member.js';
import { recordAudit } from './record-audit.js';
import { assertPeopleInOrg } from './team-people.js';

/** Moves a person onto a team from a day; audited as a team change. */
export async function addTeamMember(
  db: Database,
  options: {
    orgId: string;
    teamId: string;
    personId: string;
    validFrom: string;
    actorId: string;
    now: Date;
  },
): Promise<void> {
  await assertPeopleInOrg(db, options.orgId, { personId: options.personId });
  await db.transaction(async (tx) => {
    await moveTeamMember(tx, options);
    await recordAudit(tx, {
      orgId: options.orgId,
      actorId: options.actorId,
      action: 'team.member_moved',
      subjectType: 'team',
      subjectId: options.teamId,
      details: { personId: options.personId, validFrom: options.validFrom },
      at: options.now,
    });
  });
}
