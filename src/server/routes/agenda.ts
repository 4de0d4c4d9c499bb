import { type FastifyPluginAsyncZod, serializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listPrepQueue } from '../../agenda/list-prep-queue.js';
import { viewAgenda } from '../../agenda/view-agenda.js';
import { viewDealHistory } from '../../agenda/view-deal-history.js';
import { AgendaSchema } from '../../core/agenda-schema.js';
import { DealHistorySchema } from '../../core/deal-history.js';
import { PrepQueueEntrySchema } from '../../core/prep-queue.js';
import { accessOf } from '../access/access-control.js';
import { personReachCheck, requirePerson } from '../access/scope.js';
import { dayMeaning, IdParams, problems, Uuid } from '../schemas/common.js';

/**
 * The agenda's 200 answer written as it is: the core builds it in AgendaSchema's shape (its
 * type, and test/api/agenda-json.test.ts over the demo: the same JSON as the schema's
 * encoding), so the zod encoding of ~18 kB (several ms per request, more than JSON.stringify
 * itself) would only reorder its keys. Other answers go through the schema as everywhere.
 */
export function agendaSerializer(route: { httpStatus?: string }): (data: unknown) => string {
  if (route.httpStatus === '200') return (data) => JSON.stringify(data);
  return serializerCompiler(route as Parameters<typeof serializerCompiler>[0]);
}

/** A rep's 1:1 agenda, the same document as `rudder prep --json`. */
export const agendaRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/api/v1/people/:id/agenda',
    {
      schema: {
        tags: ['agenda'],
        summary: "A rep's 1:1 agenda: results → pipeline → activity, with the reasons",
        params: IdParams,
        querystring: z.object({
          asOf: dayMeaning('org-local day to prepare the agenda for (default today)').optional(),
          since: dayMeaning('measure movement since this day instead of the last 1:1').optional(),
        }),
        response: { 200: AgendaSchema, ...problems },
      },
      serializerCompiler: agendaSerializer,
    },
    async (request) => {
      const access = accessOf(request);
      return viewAgenda(
        db,
        {
          orgId: access.caller.orgId,
          repId: request.params.id,
          viewerId: access.caller.personId,
          now: clock.now(),
          asOf: request.query.asOf,
          since: request.query.since,
          ip: request.ip,
          // requirePerson, in the agenda's first statement.
          reach: personReachCheck(access, request.params.id),
        },
        app.resultCaches,
      );
    },
  );
  app.get(
    '/api/v1/people/:id/deals/:dealId',
    {
      schema: {
        tags: ['agenda'],
        summary:
          "One of the rep's deals opened in the Pipeline step: its stage, amount and close-date history, days in stage, last activity",
        params: z.strictObject({ id: Uuid, dealId: Uuid }),
        response: { 200: DealHistorySchema, ...problems },
      },
    },
    async (request) => {
      const access = accessOf(request);
      await requirePerson(db, access, request.params.id);
      const now = clock.now();
      // The last activity is activity detail: the rep always sees their own; anyone else
      // exactly when the agenda would show them activity (the gate, the stage reached, the
      // rep's sharing; audited there).
      const repId = request.params.id;
      const activityOpen =
        repId === access.caller.personId ||
        (
          await viewAgenda(
            db,
            {
              orgId: access.caller.orgId,
              repId,
              viewerId: access.caller.personId,
              now,
              ip: request.ip,
            },
            app.resultCaches,
          )
        ).activity !== null;
      return viewDealHistory(db, {
        orgId: access.caller.orgId,
        repId: request.params.id,
        dealId: request.params.dealId,
        now,
        activityOpen,
      });
    },
  );
  app.get(
    '/api/v1/prep-queue',
    {
      schema: {
        tags: ['agenda'],
        summary:
          "The manager's prep queue: per rep, the stage the 1:1 reaches and why, the last held and the next due, late first",
        response: { 200: z.object({ items: z.array(PrepQueueEntrySchema) }), ...problems },
      },
    },
    async (request) => {
      const { caller } = accessOf(request);
      const items = await listPrepQueue(
        db,
        { orgId: caller.orgId, managerId: caller.personId, now: clock.now() },
        app.resultCaches,
      );
      return { items };
    },
  );
};
