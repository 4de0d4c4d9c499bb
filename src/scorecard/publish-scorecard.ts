import { dayInZone } from '../core/days.js';
import type { Database, Queryable } from '../db/database.js';
import { loadOrgContext } from '../db/facts/org-context.js';
import { queueMail } from '../mail/queue-mail.js';
import { scorecardMail } from '../mail/scorecard-mail.js';
import { recordAudit } from '../organization/record-audit.js';
import { getScorecard } from './get-scorecard.js';
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
    /** Also e-mail the scorecard to the team's members and its manager. */
    email?: boolean | undefined;
    /** PUBLIC_URL, for the link in the e-mail. */
    publicUrl?: string | undefined;
  },
): Promise<{ teamId: string; periodKey: string; publishedAt: string; emailedTo: number }> {
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
    const emailedTo = options.email
      ? await emailScorecard(tx, { ...options, periodKey: period.key })
      : 0;
    return {
      teamId: options.teamId,
      periodKey: period.key,
      publishedAt: row?.published_at ?? '',
      emailedTo,
    };
  });
}

/** Queues the scorecard e-mail to the team's current members and manager; returns how many. */
async function emailScorecard(
  tx: Queryable,
  options: {
    orgId: string;
    teamId: string;
    periodKey: string;
    now: Date;
    publicUrl?: string | undefined;
  },
): Promise<number> {
  const org = await loadOrgContext(tx, options.orgId);
  const scorecard = await getScorecard(tx, { ...options, publishedOnly: false });
  const recipients = await tx.query<{ email: string }>(
    `select distinct p.email
       from team t
       join person p on p.org_id = t.org_id
        and (p.id = t.manager_id or p.id in (
             select m.person_id from team_membership m
              where m.org_id = t.org_id and m.team_id = t.id
                and m.valid_from <= $3::date and (m.valid_to is null or m.valid_to > $3::date)))
      where t.org_id = $1 and t.id = $2 and p.email is not null and p.active
      order by p.email`,
    [options.orgId, options.teamId, dayInZone(options.now, org.timeZone)],
  );
  if (recipients.length === 0) return 0;
  const url = options.publicUrl
    ? `${options.publicUrl.replace(/\/$/, '')}/scorecard?team=${options.teamId}&period=${options.periodKey}`
    : null;
  await queueMail(
    tx,
    scorecardMail({
      orgId: options.orgId,
      to: recipients.map((r) => r.email),
      scorecard,
      locale: org.locale,
      url,
    }),
  );
  return recipients.length;
}
