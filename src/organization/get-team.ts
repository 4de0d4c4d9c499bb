import type { Queryable } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import { loadTeams, type TeamView } from './team-view.js';

export async function getTeam(
  db: Queryable,
  options: { orgId: string; teamId: string; today: string },
): Promise<TeamView> {
  const [team] = await loadTeams(db, {
    orgId: options.orgId,
    teamIds: [options.teamId],
    today: options.today,
  });
  if (!team) throw new AppError('NOT_FOUND', 'No such team.');
  return team;
}
