import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addMonths, monthOf } from '../../core/days.js';
import { getCadenceCompliance } from '../../leaders/get-cadence-compliance.js';
import { getFollowThrough } from '../../leaders/get-follow-through.js';
import { getStageHeatmap } from '../../leaders/get-stage-heatmap.js';
import { listRepsAtActivityStage } from '../../leaders/list-reps-at-activity-stage.js';
import { AppError } from '../../shared/app-error.js';
import { accessOf } from '../access/access-control.js';
import { type Access, inScope, personScope } from '../access/scope.js';
import { problems } from '../schemas/common.js';
import {
  ActivityStreakQuery,
  ActivityStreakSchema,
  ComplianceSchema,
  FollowThroughSchema,
  HeatmapQuery,
  PeriodRangeQuery,
  rangeOf,
  StageHeatmapSchema,
} from '../schemas/leaders.js';

/**
 * Whose figures a report covers: a leader's teams (`team.leader_id`), a manager's own 1:1s.
 * The use cases follow who held the meetings; the scope then drops anyone out of reach
 * TODAY (a rep who moved to another team leaves the report with them).
 */
function filterOf(access: Access): { leaderId?: string; managerId?: string } {
  const { role, personId } = access.caller;
  if (role === 'leader') return { leaderId: personId };
  if (role === 'manager') return { managerId: personId };
  return {};
}

/** Cadence compliance, progression history and follow-through: figures, never notes. */
export const leaderRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;
  // The figures may lag a little (a standby's replay): they come from the reports reader.
  // Who is in scope is an access decision and is read on the primary.
  const reports = app.deps.reports ?? db;
  const tags = ['leaders'];

  app.get(
    '/api/v1/leaders/compliance',
    {
      schema: {
        tags,
        summary: 'Per manager: share of reps met, minutes, missed and overdue 1:1s',
        querystring: PeriodRangeQuery,
        response: { 200: ComplianceSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      const range = rangeOf(request.query, access.today);
      const scope = await personScope(db, access);
      const managers = await getCadenceCompliance(reports, {
        orgId: access.caller.orgId,
        ...range,
        now: clock.now(),
        leaderId: filterOf(access).leaderId,
      });
      return { ...range, managers: managers.filter((m) => inScope(scope, m.managerId)) };
    },
  );

  app.get(
    '/api/v1/leaders/heatmap',
    {
      schema: {
        tags,
        summary: 'Which stage each rep reached each month (rep × month)',
        querystring: HeatmapQuery,
        response: { 200: StageHeatmapSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      const toMonth = request.query.toMonth ?? monthOf(access.today);
      const fromMonth = request.query.fromMonth ?? addMonths(toMonth, -11);
      if (fromMonth > toMonth || fromMonth < addMonths(toMonth, -35)) {
        throw new AppError('VALIDATION_FAILED', 'fromMonth: 1 to 36 months up to toMonth.', {
          issues: [{ field: 'querystring.fromMonth', reason: 'after toMonth or too far back' }],
        });
      }
      const scope = await personScope(db, access);
      const heatmap = await getStageHeatmap(reports, {
        orgId: access.caller.orgId,
        fromMonth,
        toMonth,
        ...filterOf(access),
      });
      return { ...heatmap, rows: heatmap.rows.filter((r) => inScope(scope, r.repId)) };
    },
  );

  app.get(
    '/api/v1/leaders/activity-streaks',
    {
      schema: {
        tags,
        summary: 'Reps at the activity stage for several consecutive periods',
        querystring: ActivityStreakQuery,
        response: { 200: z.object({ items: z.array(ActivityStreakSchema) }), ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      const scope = await personScope(db, access);
      const reps = await listRepsAtActivityStage(reports, {
        orgId: access.caller.orgId,
        throughMonth: request.query.throughMonth ?? monthOf(access.today),
        minPeriods: request.query.minPeriods,
        ...filterOf(access),
      });
      return { items: reps.filter((r) => inScope(scope, r.repId)) };
    },
  );

  app.get(
    '/api/v1/leaders/follow-through',
    {
      schema: {
        tags,
        summary: 'Kept ÷ reviewed commitments, the managers’ own beside the reps’',
        querystring: PeriodRangeQuery,
        response: { 200: FollowThroughSchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      const range = rangeOf(request.query, access.today);
      const scope = await personScope(db, access);
      const rates = await getFollowThrough(reports, {
        orgId: access.caller.orgId,
        ...range,
        ...filterOf(access),
      });
      return {
        ...range,
        reps: rates.reps.filter((r) => inScope(scope, r.personId)),
        managers: rates.managers.filter((m) => inScope(scope, m.personId)),
      };
    },
  );
};
