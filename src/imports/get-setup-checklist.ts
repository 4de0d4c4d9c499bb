import { z } from 'zod';
import type { Queryable } from '../db/database.js';

export const setupSteps = [
  'people',
  'goals',
  'opportunities',
  'activities',
  'stages',
  'invitations',
] as const;
export type SetupStep = (typeof setupSteps)[number];

export const SetupChecklistSchema = z
  .object({
    steps: z.array(
      z.object({
        step: z.enum(setupSteps),
        done: z.boolean(),
        count: z.number().int().describe('what is there: people, goals, deals, activities…'),
        total: z
          .number()
          .int()
          .nullable()
          .describe('for invitations: the managers and leaders to invite'),
      }),
    ),
    done: z.number().int().describe('steps done'),
  })
  .meta({ id: 'SetupChecklist' });
export type SetupChecklist = z.infer<typeof SetupChecklistSchema>;

/**
 * The admin's first steps and which are done, from what the organization holds:
 * - people and teams: a rep in a team that has a manager;
 * - goals, opportunities, activities: at least one of each;
 * - stages and thresholds: the admin saved the stages or the settings once (the defaults
 *   exist from the start, so only a decision counts);
 * - invitations: every active manager and leader with an e-mail has a password or was invited.
 */
export async function getSetupChecklist(db: Queryable, orgId: string): Promise<SetupChecklist> {
  const [row] = await db.query<{
    staffed: number;
    goals: number;
    opportunities: number;
    activities: number;
    decisions: number;
    managers: number;
    invited: number;
  }>(
    `select
       (select count(distinct m.person_id) from team_membership m
          join team t on t.org_id = m.org_id and t.id = m.team_id and t.manager_id is not null
          where m.org_id = $1 and m.valid_to is null)::int8 as staffed,
       (select count(*) from goal where org_id = $1)::int8 as goals,
       (select count(*) from opportunity where org_id = $1)::int8 as opportunities,
       (select count(*) from activity where org_id = $1)::int8 as activities,
       (select count(*) from audit_event where org_id = $1
          and action in ('stages.replaced', 'settings.changed'))::int8 as decisions,
       (select count(*) from person where org_id = $1 and active and email is not null
          and role in ('manager', 'leader'))::int8 as managers,
       (select count(*) from person p where p.org_id = $1 and p.active and p.email is not null
          and p.role in ('manager', 'leader')
          and (p.password_hash is not null or exists (
            select 1 from audit_event e where e.org_id = $1 and e.action = 'auth.invitation_sent'
              and e.subject_type = 'person' and e.subject_id = p.id::text)))::int8 as invited`,
    [orgId],
  );
  const n = (value: number | undefined) => Number(value ?? 0);
  const managers = n(row?.managers);
  const invited = n(row?.invited);
  const steps: SetupChecklist['steps'] = [
    { step: 'people', done: n(row?.staffed) > 0, count: n(row?.staffed), total: null },
    { step: 'goals', done: n(row?.goals) > 0, count: n(row?.goals), total: null },
    {
      step: 'opportunities',
      done: n(row?.opportunities) > 0,
      count: n(row?.opportunities),
      total: null,
    },
    { step: 'activities', done: n(row?.activities) > 0, count: n(row?.activities), total: null },
    { step: 'stages', done: n(row?.decisions) > 0, count: n(row?.decisions), total: null },
    {
      step: 'invitations',
      done: managers > 0 && invited === managers,
      count: invited,
      total: managers,
    },
  ];
  return { steps, done: steps.filter((s) => s.done).length };
}
