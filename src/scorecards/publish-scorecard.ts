import { recordAudit } from '../audit/record-audit.js';
import { dayInZone } from '../core/days.js';
import type { Database } from '../db/database.js';
import { loadOrgContext } from '../db/facts/org-context.js';
import { resolvePeriod } from './resolve-period.js';

/** The manager publishes the team's scorecard for a period: from now on the team's reps see it. */
export async function publishScorecard(
  db: Database,
  options: {
    orgId: string;
    teamId: string;
    periodKey?: string | undefined;
    actorId: string;
    now: Date;
  },
): Promise<{ teamId: string; periodKey: string; publishedAt: string }> {
  const org = await loadOrgContext(db, options.orgId);
  const period = resolvePeriod(
    options.periodKey,
    dayInZone(options.now, org.timeZone),
    org.fiscalYearStartMonth,
  );
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ published_at: string }>(
      `insert into scorecard_publication (org_id, team_id, period_key, published_by, published_at)
       values ($1, $2, $3, $4, $5)
       on conflict (org_id, team_id, period_key)
       do update set published_at = scorecard_publication.published_at
       returning published_at`,
      [options.orgId, options.teamId, period.key, options.actorId, options.now.toISOString()],
    );
    await recordAudit(tx, {
      orgId: options.orgId,
      actorId: options.actorId,
      action: 'scorecard.published',
      subjectType: 'team',
      subjectId: options.teamId,
      details: { period: period.key },
      at: options.now,
    });
    return { teamId: options.teamId, periodKey: period.key, publishedAt: row?.published_at ?? '' };
  });
}
