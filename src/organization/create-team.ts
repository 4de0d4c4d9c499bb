import type { Database } from '../db/database.js';
import { moveTeamMember } from './move-team-member.js';
import { recordAudit } from './record-audit.js';
import { assertPeopleInOrg } from './team-people.js';
import { conflictOrRethrow } from './unique-violation.js';

export interface CreateTeamOptions {
  orgId: string;
  actorId: string;
  team: {
    name: string;
    managerId?: string | null | undefined;
    leaderId?: string | null | undefined;
    members?: Array<{ personId: string; validFrom: string }> | undefined;
  };
  now: Date;
}

/** A new team with its manager, leader and first members (each from their valid-from day). */
export async function createTeam(db: Database, options: CreateTeamOptions): Promise<string> {
  const { team } = options;
  await assertPeopleInOrg(db, options.orgId, {
    managerId: team.managerId,
    leaderId: team.leaderId,
  });
  for (const [i, m] of (team.members ?? []).entries()) {
    await assertPeopleInOrg(db, options.orgId, { [`members.${i}.personId`]: m.personId });
  }
  return db.transaction(async (tx) => {
    let id = '';
    try {
      const [row] = await tx.query<{ id: string }>(
        'insert into team (org_id, name, manager_id, leader_id) values ($1, $2, $3, $4) returning id',
        [options.orgId, team.name, team.managerId ?? null, team.leaderId ?? null],
      );
      id = row?.id ?? '';
    } catch (error: unknown) {
      conflictOrRethrow(error, 'A team with this name already exists.');
    }
    for (const m of team.members ?? []) {
      await moveTeamMember(tx, { orgId: options.orgId, teamId: id, ...m });
    }
    await recordAudit(tx, {
      orgId: options.orgId,
      actorId: options.actorId,
      action: 'team.created',
      subjectType: 'team',
      subjectId: id,
      details: {
        name: team.name,
        managerId: team.managerId ?? null,
        leaderId: team.leaderId ?? null,
      },
      at: options.now,
    });
    return id;
  });
}
