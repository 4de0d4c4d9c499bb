import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { acceptGoal } from '../../goals/accept-goal.js';
import { counterGoal } from '../../goals/counter-goal.js';
import { getGoal } from '../../goals/get-goal.js';
import { GoalSchema } from '../../goals/goal-view.js';
import { listGoalEvents } from '../../goals/list-goal-events.js';
import { rejectGoal } from '../../goals/reject-goal.js';
import { reviseGoal } from '../../goals/revise-goal.js';
import { accessOf } from '../access/access-control.js';
import { type Access, personScope } from '../access/scope.js';
import { IdParams, problems } from '../schemas/common.js';
import {
  AcceptGoalBody,
  CounterGoalBody,
  GoalEventSchema,
  RejectGoalBody,
  ReviseGoalBody,
} from '../schemas/goal-workflow.js';

/** 404 unless the goal's person is within reach; the use case then checks the side. */
async function requireGoal(db: Database, access: Access, goalId: string): Promise<void> {
  await getGoal(db, { orgId: access.caller.orgId, goalId, scope: await personScope(db, access) });
}

/** The agreement: the other side counters, accepts or rejects; either side revises. */
export const goalWorkflowRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;
  const tags = ['goals'];
  const actorOf = (access: Access) => ({
    personId: access.caller.personId,
    role: access.caller.role,
  });

  app.post(
    '/api/v1/goals/:id/counter',
    {
      schema: {
        tags,
        summary: 'Answer a proposal with another target (the other side of the proposer)',
        params: IdParams,
        body: CounterGoalBody,
        response: { 200: GoalSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      await requireGoal(db, access, request.params.id);
      return counterGoal(db, {
        orgId: access.caller.orgId,
        goalId: request.params.id,
        actor: actorOf(access),
        target: request.body.target,
        now: clock.now(),
      });
    },
  );

  app.post(
    '/api/v1/goals/:id/accept',
    {
      schema: {
        tags,
        summary:
          'Accept the standing proposal (the goal becomes agreed) or the change proposed to an agreed goal',
        params: IdParams,
        body: AcceptGoalBody,
        response: { 200: GoalSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      await requireGoal(db, access, request.params.id);
      const target = request.body?.target;
      return acceptGoal(db, {
        orgId: access.caller.orgId,
        goalId: request.params.id,
        actor: actorOf(access),
        ...(target === undefined ? {} : { target }),
        now: clock.now(),
      });
    },
  );

  app.post(
    '/api/v1/goals/:id/reject',
    {
      schema: {
        tags,
        summary:
          'Turn the standing proposal down (the goal is rejected), or the change proposed to an agreed goal (it stays agreed)',
        params: IdParams,
        body: RejectGoalBody,
        response: { 200: GoalSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      await requireGoal(db, access, request.params.id);
      return rejectGoal(db, {
        orgId: access.caller.orgId,
        goalId: request.params.id,
        actor: actorOf(access),
        now: clock.now(),
      });
    },
  );

  app.patch(
    '/api/v1/goals/:id',
    {
      schema: {
        tags,
        summary:
          'Propose a new target: beside an agreed goal until the other side accepts it; otherwise the goal goes back to proposed',
        params: IdParams,
        body: ReviseGoalBody,
        response: { 200: GoalSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      await requireGoal(db, access, request.params.id);
      return reviseGoal(db, {
        orgId: access.caller.orgId,
        goalId: request.params.id,
        actor: actorOf(access),
        target: request.body.target,
        now: clock.now(),
      });
    },
  );

  app.get(
    '/api/v1/goals/:id/events',
    {
      schema: {
        tags,
        summary: "The agreement's history: who proposed, countered, accepted what and when",
        params: IdParams,
        response: { 200: z.object({ items: z.array(GoalEventSchema) }), ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      await requireGoal(db, access, request.params.id);
      return {
        items: await listGoalEvents(db, { orgId: access.caller.orgId, goalId: request.params.id }),
      };
    },
  );
};
