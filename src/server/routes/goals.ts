import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { plainText } from '../../core/schema-primitives.js';
import { goalMetrics, periodKinds } from '../../db/schema/pipeline.js';
import { GoalSchema } from '../../goals/goal-view.js';
import { listGoals } from '../../goals/list-goals.js';
import { proposeGoalForRep } from '../../goals/propose-goal-for-rep.js';
import { accessOf } from '../access/access-control.js';
import { personScope, requirePerson } from '../access/scope.js';
import { Day, dayMeaning, PageQuery, pageOf, problems, Uuid } from '../schemas/common.js';

/** Strict: `status`, `agreedBy`, `proposedBy` are the workflow's, never the caller's to set. */
const GoalBody = z.strictObject({
  personId: Uuid,
  metric: z.enum(goalMetrics),
  activityKind: plainText({ min: 1, max: 50 }).optional(),
  periodKind: z.enum(periodKinds),
  periodStart: Day,
  target: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('minor units for money'),
});

/** Goals: read within reach; proposed by the rep or their manager. */
export const goalRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/api/v1/goals',
    {
      schema: {
        tags: ['goals'],
        summary: 'Goals of the people within your reach',
        querystring: PageQuery.extend({
          person: Uuid.optional(),
          from: dayMeaning('periods starting on or after').optional(),
          to: dayMeaning('periods starting before').optional(),
        }),
        response: { 200: pageOf(GoalSchema), ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      const { limit, offset, person, from, to } = request.query;
      const scope = await personScope(db, access);
      const page = await listGoals(db, {
        orgId: access.caller.orgId,
        scope,
        personId: person,
        from,
        to,
        limit,
        offset,
      });
      return { ...page, limit, offset };
    },
  );

  app.post(
    '/api/v1/goals',
    {
      schema: {
        tags: ['goals'],
        summary: 'Propose a goal (the other side accepts it in a later step)',
        body: GoalBody,
        response: { 201: GoalSchema, ...problems },
      },
    },
    async (request, reply) => {
      const access = accessOf(request);
      await requirePerson(db, access, request.body.personId);
      const goal = await proposeGoalForRep(db, {
        orgId: access.caller.orgId,
        actor: { personId: access.caller.personId, role: access.caller.role },
        goal: request.body,
        now: clock.now(),
      });
      return reply.status(201).send(goal);
    },
  );
};
