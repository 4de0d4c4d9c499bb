import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { crmKinds } from '../../db/schema/operations.js';
import { viewCrmConnection } from '../../sync/crm-connection.js';
import { requestSync } from '../../sync/request-sync.js';
import {
  ConnectionSettingsPatchSchema,
  updateConnectionSettings,
} from '../../sync/update-connection-settings.js';
import { accessOf } from '../access/access-control.js';
import { problems } from '../schemas/common.js';

const CrmParams = z.object({ crm: z.enum(crmKinds) });

/** What the admin sees of a connection: never a token, key or secret (they are not read). */
const CrmConnectionSchema = z
  .object({
    kind: z.enum(crmKinds),
    instanceUrl: z.string(),
    loginUrl: z.string().nullable(),
    authKind: z.string(),
    clientId: z.string().nullable(),
    username: z.string().nullable(),
    cursors: z
      .record(z.string(), z.string())
      .describe('per CRM object, the last SystemModstamp (HubSpot: hs_lastmodifieddate) synced'),
    settings: z.object({
      amountField: z.string(),
      scheduleMinutes: z.number(),
      pipelines: z.array(z.string()).optional().describe('HubSpot: the deal pipelines read'),
      teamManagers: z
        .record(z.string(), z.string())
        .optional()
        .describe("HubSpot: per team (name or id), its manager's e-mail"),
    }),
    status: z.enum(['active', 'stopped']),
    statusMessage: z.string().nullable().describe('why the sync stopped, for the admin'),
    lastSyncAt: z.string().nullable(),
  })
  .meta({ id: 'CrmConnection' });

/** The admin's CRM connections: what is connected, and "Sync now". */
export const crmRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/api/v1/crm/:crm',
    {
      schema: {
        tags: ['admin'],
        summary: 'The CRM connection, its cursors and status, without its secrets (admin)',
        params: CrmParams,
        response: { 200: z.object({ connection: CrmConnectionSchema.nullable() }), ...problems },
      },
    },
    async (request) => {
      const view = await viewCrmConnection(db, accessOf(request).caller.orgId, request.params.crm);
      if (view === null) return { connection: null };
      const { orgId: _org, id: _id, ...shown } = view;
      return { connection: shown };
    },
  );

  app.patch(
    '/api/v1/crm/:crm',
    {
      schema: {
        tags: ['admin'],
        summary: "Change the connection's settings: amount field, schedule (admin)",
        description:
          '`amountField`: the opportunity field read as the amount (e.g. ARR__c), from the next ' +
          'run on; `scheduleMinutes`: how often the servers sync (5–1440, default 60).',
        params: CrmParams,
        body: ConnectionSettingsPatchSchema,
        response: { 200: z.object({ connection: CrmConnectionSchema }), ...problems },
      },
    },
    async (request) => {
      const { caller } = accessOf(request);
      const view = await updateConnectionSettings(db, {
        orgId: caller.orgId,
        crm: request.params.crm,
        patch: request.body,
        actorId: caller.personId,
        now: clock.now(),
      });
      const { orgId: _org, id: _id, ...shown } = view;
      return { connection: shown };
    },
  );

  app.post(
    '/api/v1/crm/:crm/sync',
    {
      schema: {
        tags: ['admin'],
        summary: 'Sync now: queue a sync run on the job queue (admin)',
        description:
          'Runs once on whichever server claims it; its batches appear in the import history. ' +
          '404 when the CRM is not connected, 409 when its sync is stopped (with the reason).',
        params: CrmParams,
        response: {
          202: z.object({ queued: z.boolean(), jobId: z.string().nullable() }),
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const { caller } = accessOf(request);
      const queued = await requestSync(db, {
        orgId: caller.orgId,
        crm: request.params.crm,
        actorId: caller.personId,
        now: clock.now(),
      });
      return reply.status(202).send(queued);
    },
  );
};
