import { z } from 'zod';
import { goalMetrics, goalStatuses, periodKinds } from '../db/schema/pipeline.js';

export const GoalSchema = z
  .object({
    id: z.string(),
    personId: z.string(),
    metric: z.enum(goalMetrics),
    activityKind: z.string(),
    periodKind: z.enum(periodKinds),
    periodStart: z.string(),
    target: z.number(),
    status: z.enum(goalStatuses),
    proposedBy: z.string().nullable(),
    proposedAt: z.string(),
    agreedBy: z.string().nullable(),
    agreedAt: z.string().nullable(),
  })
  .meta({ id: 'Goal' });
export type GoalView = z.infer<typeof GoalSchema>;

export const goalColumns = `g.id, g.person_id as "personId", g.metric, g.activity_kind as "activityKind",
  g.period_kind as "periodKind", g.period_start as "periodStart", g.target, g.status,
  g.proposed_by as "proposedBy", g.proposed_at as "proposedAt", g.agreed_by as "agreedBy",
  g.agreed_at as "agreedAt"`;
