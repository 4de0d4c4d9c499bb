import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { crmKinds } from '../../db/schema/operations.js';
import { AppError } from '../../shared/app-error.js';
import { viewCrmConnection } from '../../sync/crm-connection.js';
import { listCrms } from '../../sync/list-crms.js';
import { requestSync } from '../../sync/request-sync.js';
import {
  finishSalesforceOAuth,
  oauthAppOf,
  startSalesforceOAuth,
} from '../../sync/salesforce/salesforce-oauth.js';
import {
  ConnectionSettingsPatchSchema,
  updateConnectionSettings,
} from '../../sync/update-connection-settings.js';
import { accessOf, sessionCookie } from '../access/access-control.js';
import { problems } from '../schemas/common.js';
import { CrmConnectionSchema, CrmListSchema } from '../schemas/crm.js';

const CrmParams = z.object({ crm: z.enum(crmKinds) });

const OAuthCallbackQuery = z.object({
  state: z.string().max(200).optional(),
  code: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
});

/** Where the admin's screen is: the callback sends the browser back there with the result. */
const CRM_SCREEN = '/settings/crm';

/** The admin's CRM connections: what is connected, and "Sync now". */
export const crmRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.deps;

  app.get(
    '/api/v1/crm',
    {
      schema: {
        tags: ['admin'],
        summary: 'The CRMs Rudder syncs, each with its connection and run state (admin)',
        description:
          "Drives the admin's CRM screen: one entry per CRM Rudder can sync (and any other " +
          'connected), never a secret. `secretKeyConfigured` false: this server cannot store ' +
          'or run a connection (no CRM_SECRET_KEY).',
        response: { 200: CrmListSchema, ...problems },
      },
    },
    async (request) => {
      const listings = await listCrms(db, {
        orgId: accessOf(request).caller.orgId,
        now: clock.now(),
      });
      return {
        crms: listings.map(({ connection, ...listing }) => {
          if (connection === null) return { ...listing, connection: null };
          const { orgId: _org, id: _id, ...shown } = connection;
          return { ...listing, connection: shown };
        }),
        secretKeyConfigured: config.CRM_SECRET_KEY !== undefined,
      };
    },
  );

  app.post(
    '/api/v1/crm/salesforce/oauth/start',
    {
      schema: {
        tags: ['admin'],
        summary: 'Connect Salesforce: start the OAuth web-server flow (admin, signed in)',
        description:
          'Answers the authorize URL to send the browser to (PKCE, a single-use `state` bound ' +
          'to this session, ten minutes). `sandbox`: sign in at test.salesforce.com. 409 when ' +
          'the server lacks CRM_SECRET_KEY or the connected app (SALESFORCE_CLIENT_ID/SECRET).',
        body: z.object({ sandbox: z.boolean().default(false) }).strict(),
        response: { 200: z.object({ authorizeUrl: z.string() }), ...problems },
      },
    },
    async (request) => {
      const { caller } = accessOf(request);
      const session = request.cookies[sessionCookie];
      if (caller.via !== 'session' || !session) {
        throw new AppError('FORBIDDEN', 'Connect Salesforce from the web app, signed in.');
      }
      const { box, app: connectedApp } = oauthAppOf(config, {
        origin: `${request.protocol}://${request.host}`,
        sandbox: request.body.sandbox,
      });
      const authorizeUrl = await startSalesforceOAuth(db, {
        caller: { orgId: caller.orgId, personId: caller.personId, session },
        app: connectedApp,
        box,
        now: clock.now(),
      });
      return { authorizeUrl };
    },
  );

  app.get(
    '/api/v1/crm/salesforce/oauth/callback',
    {
      schema: {
        tags: ['admin'],
        summary: "Salesforce's redirect after the admin authorized Rudder (admin, signed in)",
        description:
          'Checks the state (this session, single use, unexpired), exchanges the code with ' +
          'its PKCE verifier, stores the refresh token sealed, and redirects (302) to the CRM ' +
          'screen with `connected=salesforce` or `error=<denied|bad-state|expired-state|' +
          'exchange-failed>` and a `message`.',
        querystring: OAuthCallbackQuery,
        response: { 302: z.null().describe('to the CRM screen'), ...problems },
      },
    },
    async (request, reply) => {
      const { caller } = accessOf(request);
      const { box, app: connectedApp } = oauthAppOf(config, {
        origin: `${request.protocol}://${request.host}`,
      });
      const outcome = await finishSalesforceOAuth(db, {
        caller: {
          orgId: caller.orgId,
          personId: caller.personId,
          session: request.cookies[sessionCookie] ?? '',
        },
        query: request.query,
        app: connectedApp,
        box,
        now: clock.now(),
      });
      const result = outcome.ok
        ? new URLSearchParams({ connected: 'salesforce' })
        : new URLSearchParams({
            crm: 'salesforce',
            error: outcome.failure,
            message: outcome.message,
          });
      return reply.redirect(`${CRM_SCREEN}?${result.toString()}`, 302);
    },
  );

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
        syncsRun: config.CRM_SECRET_KEY !== undefined,
      });
      return reply.status(202).send(queued);
    },
  );
};
