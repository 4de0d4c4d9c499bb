import { z } from 'zod';
import { goalMetrics, goalStatuses, periodKinds } from '../db/schema/pipeline.js';

/** A change proposed to an agreed goal, waiting for the other side's answer. */
export const GoalChangeSchema = z
  .object({
    target: z.number(),
    proposedBy: z.string(),
    proposedAt: z.string(),
  })
  .meta({ id: 'GoalChange' });
export type GoalChange = z.infer<typeof GoalChangeSchema>;

export const GoalSchema = z
  .object({
    id: z.string(),
    personId: z.string(),
    metric: z.enum(goalMetrics),
    activityKind: z.string(),
    periodKind: z.enum(periodKinds),
    periodStart: z.string(),
    /** For an agreed goal, the agreed target: a pending change does not replace it. */
    target: z.number(),
    status: z.enum(goalStatuses),
    proposedBy: z.string().nullable(),
    proposedAt: z.string(),
    agreedBy: z.string().nullable(),
    agreedAt: z.string().nullable(),
    pendingChange: GoalChangeSchema.nullable().describe(
      'a change to the agreed target, in force only once the other side accepts it',
    ),
  })
  .meta({ id: 'Goal' });
export type GoalView = z.infer<typeof GoalSchema>;

/** A goal row as `goalColumns` selects it, before its pending change is nested. */
export type GoalRow = Omit<GoalView, 'pendingChange'> & {
  pendingTarget: number | null;
  pendingBy: string | null;
  pendingAt: string | null;
};

export const goalColumns = `g.id, g.person_id as "personId", g.metric, g.activity_kind as "activityKind",
  g.period_kind as "periodKind", g.period_start as "periodStart", g.target, g.status,
  g.proposed_by as "proposedBy", g.proposed_at as "proposedAt", g.agreed_by as "agreedBy",
  g.agreed_at as "agreedAt", g.pending_target as "pendingTarget", g.pending_by as "pendingBy",
  g.pending_at as "pendingAt"`;

export function goalView(row: GoalRow): GoalView {
  const { pendingTarget, pendingBy, pendingAt, ...goal } = row;
  return {
    ...goal,
    pendingChange:
      pendingTarget === null || pendingBy === null || pendingAt === null
        ? null
        : { target: pendingTarget, proposedBy: pendingBy, proposedAt: pendingAt },
  };
}
