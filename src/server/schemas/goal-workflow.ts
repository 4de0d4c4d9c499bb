/** The goal agreement's request and response shapes (exported for the web client's types). */
import { z } from 'zod';
import { goalEventActions } from '../../db/schema/pipeline.js';

const Target = z
  .number()
  .int()
  .min(0)
  .max(Number.MAX_SAFE_INTEGER)
  .describe('minor units for money, a count otherwise');

export const CounterGoalBody = z.strictObject({ target: Target.describe('the other target') });
export type CounterGoalBody = z.input<typeof CounterGoalBody>;

/** No body, or `target`: the number you saw; if a counter changed it meanwhile, accepting is a 409. */
export const AcceptGoalBody = z.strictObject({ target: Target.optional() }).nullish();
export type AcceptGoalBody = z.input<typeof AcceptGoalBody>;

export const RejectGoalBody = z.strictObject({}).nullish();
export type RejectGoalBody = z.input<typeof RejectGoalBody>;

/**
 * A new target for the goal. An agreed goal keeps its target and shows the new one as its
 * `pendingChange` until the other side accepts; any other goal goes back to `proposed`.
 */
export const ReviseGoalBody = z.strictObject({ target: Target });
export type ReviseGoalBody = z.input<typeof ReviseGoalBody>;

export const GoalEventSchema = z
  .object({
    id: z.string(),
    action: z.enum(goalEventActions),
    target: z.number(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'GoalEvent' });
export type GoalEvent = z.infer<typeof GoalEventSchema>;
