import { dayInZone } from '../core/days.js';
import type { Scorecard } from '../core/scorecard.js';
import { readDataVersion } from '../db/data-version.js';
import type { Queryable } from '../db/database.js';
import { type OrgContext, orgContextAt } from '../db/facts/org-context.js';
import { AppError } from '../shared/app-error.js';
import type { VersionedCache } from '../shared/versioned-cache.js';
import { buildTeamScorecard } from './build-team-scorecard.js';
import { isScorecardPublished } from './is-scorecard-published.js';
import { resolvePeriod } from './resolve-period.js';

/** What a server keeps for reuse while the data version stands (src/server/result-caches.ts). */
export interface ScorecardCaches {
  scorecards: VersionedCache<Scorecard>;
  orgs: VersionedCache<OrgContext>;
}

export interface GetScorecardOptions {
  orgId: string;
  /** null: the organization-wide ranking. */
  teamId: string | null;
  periodKey?: string | undefined;
  now: Date;
  /** A rep sees a team's scorecard only once it is published for the period. */
  publishedOnly: boolean;
}

/** The scorecard of a team (or the organization) for a period: results and ranks only. */
export async function getScorecard(
  db: Queryable,
  options: GetScorecardOptions,
  caches: ScorecardCaches | null = null,
): Promise<Scorecard> {
  // The version is read before any fact: see readDataVersion.
  const version = caches === null ? 0 : await readDataVersion(db);
  const org = await orgContextAt(db, options.orgId, version, caches?.orgs ?? null);
  const today = dayInZone(options.now, org.timeZone);
  const period = resolvePeriod(options.periodKey, today, org.fiscalYearStartMonth);
  let team: { id: string; name: string } | null = null;
  if (options.teamId !== null) {
    const [row] = await db.query<{ id: string; name: string }>(
      'select id, name from team where org_id = $1 and id = $2',
      [options.orgId, options.teamId],
    );
    if (!row) throw new AppError('NOT_FOUND', 'No such team.');
    team = row;
    const published = await isScorecardPublished(db, {
      orgId: options.orgId,
      teamId: row.id,
      periodKey: period.key,
    });
    // Unpublished is indistinguishable from absent for those who may only see published ones.
    if (options.publishedOnly && !published)
      throw new AppError('NOT_FOUND', 'No published scorecard.');
  }
  const build = () => buildTeamScorecard(db, { org, team, period, today });
  if (caches === null) return build();
  // A period in progress is "so far": its figures depend on the day as well.
  const key = [options.orgId, team?.id ?? 'organization', period.key, today].join(' ');
  return caches.scorecards.get(key, version, build);
}
