import type { Database } from '../db/database.js';
import { recordAudit } from './record-audit.js';
import { assertPeopleInOrg } from './team-people.js';
import { conflictOrRethrow } from './unique-violation.js';

export interface TeamPatch {
  name?: string | undefined;
  managerId?: string | null | undefined;
  leaderId?: string | null | undefined;
}

const columns: Record<keyof TeamPatch, string> = {
  name: 'name',
  managerId: 'manager_id',
  leaderId: 'leader_id',
};

/** Renames a team or changes its manager or leader: who sees the team changes at once. */
export async function updateTeam(
  db: Database,
  options: { orgId: string; teamId: string; actorId: string; patch: TeamPatch; now: Date },
): Promise<void> {
  const { patch } = options;
  await assertPeopleInOrg(db, options.orgId, {
    managerId: patch.managerId,
    leaderId: patch.leaderId,
  });
  const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as Array<
    [keyof TeamPatch, unknown]
  >;
  if (entries.length === 0) return;
  await db.transaction(async (tx) => {
    try {
      await tx.query(
        `update team set ${entries.map(([k], i) => `${columns[k]} = $${i + 3}`).join(', ')}
          where org_id = $1 and id = $2`,
        [options.orgId, options.teamId, ...entries.map(([, v]) => v)],
      );
    } catch (error: unknown) {
      conflictOrRethrow(error, 'A team with this name already exists.');
    }
    await recordAudit(tx, {
      orgId: options.orgId,
      actorId: options.actorId,
      action: 'team.updated',
      subjectType: 'team',
      subjectId: options.teamId,
      details: Object.fromEntries(entries),
      at: options.now,
    });
  });
}
