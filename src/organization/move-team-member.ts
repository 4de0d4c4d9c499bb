import type { Queryable } from '../db/database.js';
import { AppError } from '../shared/app-error.js';

/**
 * Puts a person on a team from `validFrom`: their membership current at that day (on any
 * team) ends the day before, so nobody is on two teams at once and history is kept.
 */
export async function moveTeamMember(
  db: Queryable,
  options: { orgId: string; teamId: string; personId: string; validFrom: string },
): Promise<void> {
  const later = await db.query(
    `select 1 from team_membership where org_id = $1 and person_id = $2 and valid_from >= $3::date`,
    [options.orgId, options.personId, options.validFrom],
  );
  if (later.length > 0) {
    throw new AppError(
      'CONFLICT',
      'This person already has a membership starting on or after that day.',
    );
  }
  await db.query(
    `update team_membership set valid_to = $3::date
      where org_id = $1 and person_id = $2 and valid_from < $3::date
        and (valid_to is null or valid_to > $3::date)`,
    [options.orgId, options.personId, options.validFrom],
  );
  await db.query(
    `insert into team_membership (org_id, team_id, person_id, valid_from) values ($1, $2, $3, $4)`,
    [options.orgId, options.teamId, options.personId, options.validFrom],
  );
}
