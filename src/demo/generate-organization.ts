import { localInstant } from './demo-calendar.js';
import { type DemoContext, repStartDay } from './demo-context.js';
import type { DemoRows } from './demo-rows.js';
import { demoOrg, demoStages, demoTeams, reps, staff, type TeamKey } from './profiles.js';
import { demoId } from './random.js';

/** The org, its people with logins, the two teams with their history, and the stages. */
export function generateOrganization(ctx: DemoContext, rows: DemoRows, passwordHash: string): void {
  const { calendar, orgId } = ctx;
  const founded = calendar.monthStart(-13);
  const foundedAt = localInstant(founded, '09:00', calendar.timeZone);
  rows.org.push({
    id: orgId,
    slug: demoOrg.slug,
    name: demoOrg.name,
    currency: demoOrg.currency,
    locale: demoOrg.locale,
    time_zone: demoOrg.timeZone,
    fiscal_year_start_month: demoOrg.fiscalYearStartMonth,
    settings: '{}',
    created_at: foundedAt,
  });
  const person = (
    key: string,
    fields: { name: string; email: string; role: string; title: string; since: string },
  ) =>
    rows.person.push({
      org_id: orgId,
      id: ctx.personId(key),
      external_id: null,
      name: fields.name,
      email: fields.email,
      title: fields.title,
      role: fields.role,
      password_hash: passwordHash,
      active: true,
      created_at: localInstant(fields.since, '09:00', calendar.timeZone),
    });
  for (const member of staff) person(member.key, { ...member, since: founded });
  for (const rep of reps) {
    person(rep.key, {
      ...rep,
      role: 'rep',
      title: 'Account Executive',
      since: repStartDay(calendar, rep),
    });
  }

  const teamId = (team: TeamKey) => demoId(`team:${team}`);
  for (const [key, team] of Object.entries(demoTeams) as Array<
    [TeamKey, (typeof demoTeams)[TeamKey]]
  >) {
    rows.team.push({
      org_id: orgId,
      id: teamId(key),
      name: team.name,
      manager_id: ctx.personId(team.managerKey),
      leader_id: ctx.personId('leader'),
      created_at: foundedAt,
    });
  }
  const membership = (rep: string, team: TeamKey, from: string, to: string | null) =>
    rows.team_membership.push({
      org_id: orgId,
      id: demoId(`membership:${rep}:${team}`),
      team_id: teamId(team),
      person_id: ctx.personId(rep),
      valid_from: from,
      valid_to: to,
    });
  // The move happens on the 1st so that every month belongs to one team: rankings use the
  // team of the period, and a split month would make the demo's ranks hard to check.
  const moved = calendar.monthStart(-4);
  for (const rep of reps) {
    if (rep.movedFrom) membership(rep.key, rep.movedFrom, repStartDay(calendar, rep), moved);
    membership(rep.key, rep.team, rep.movedFrom ? moved : repStartDay(calendar, rep), null);
  }

  for (const stage of demoStages) {
    rows.stage.push({
      org_id: orgId,
      id: ctx.stageId(stage.key),
      name: stage.name,
      position: stage.position,
      kind: stage.kind,
      probability: stage.probability,
    });
  }
}
