import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createApiToken } from '../../auth/create-api-token.js';
import { listApiTokens } from '../../auth/list-api-tokens.js';
import { revokeApiToken } from '../../auth/revoke-api-token.js';
import { plainText } from '../../core/schema-primitives.js';
import { crmKinds } from '../../db/schema/operations.js';
import { getSetupChecklist, SetupChecklistSchema } from '../../imports/get-setup-checklist.js';
import { ImportRunSchema, listImportRuns } from '../../imports/list-import-runs.js';
import { AuditEventSchema, listAuditEvents } from '../../organization/list-audit-events.js';
import { accessOf } from '../access/access-control.js';
import { IdParams, NoContent, PageQuery, pageOf, problems } from '../schemas/common.js';

const ApiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });
const CreatedApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  token: z.string().describe('shown this once: only its hash is kept'),
  createdAt: z.string(),
});

/** The admin's console: imports, API tokens, audit log. */
export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/api/v1/imports',
    {
      schema: {
        tags: ['admin'],
        summary: 'Import runs, latest first (admin)',
        description: '`source=salesforce` (a CRM): only the runs of its sync.',
        querystring: PageQuery.extend({ source: z.enum(crmKinds).optional() }),
        response: { 200: pageOf(ImportRunSchema), ...problems },
      },
    },
    async (request) => {
      const { limit, offset, source } = request.query;
      const page = await listImportRuns(db, {
        orgId: accessOf(request).caller.orgId,
        limit,
        offset,
        ...(source === undefined ? {} : { source }),
        now: clock.now(),
      });
      return { ...page, limit, offset };
    },
  );

  app.get(
    '/api/v1/setup-checklist',
    {
      schema: {
        tags: ['admin'],
        summary:
          "The admin's first steps (people, goals, deals, activities, stages, invitations) and which are done (admin)",
        response: { 200: SetupChecklistSchema, ...problems },
      },
    },
    async (request) => getSetupChecklist(db, accessOf(request).caller.orgId),
  );

  app.get(
    '/api/v1/api-tokens',
    {
      schema: {
        tags: ['admin'],
        summary: 'API tokens for machines (admin)',
        querystring: PageQuery,
        response: { 200: pageOf(ApiTokenSchema), ...problems },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const page = await listApiTokens(db, {
        orgId: accessOf(request).caller.orgId,
        limit,
        offset,
      });
      return { ...page, limit, offset };
    },
  );

  app.post(
    '/api/v1/api-tokens',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create an API token acting with your rights; the token is shown once (admin)',
        body: z.strictObject({ name: plainText({ min: 1, max: 100 }) }),
        response: { 201: CreatedApiTokenSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { caller } = accessOf(request);
      const created = await createApiToken(db, {
        orgId: caller.orgId,
        name: request.body.name,
        createdBy: caller.personId,
        now: clock.now(),
      });
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/api/v1/api-tokens/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Revoke an API token at once (admin)',
        params: IdParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (request, reply) => {
      const { caller } = accessOf(request);
      await revokeApiToken(db, {
        orgId: caller.orgId,
        tokenId: request.params.id,
        actorId: caller.personId,
        now: clock.now(),
      });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/audit-events',
    {
      schema: {
        tags: ['admin'],
        summary: 'The audit log, newest first (admin)',
        querystring: PageQuery.extend({ action: plainText({ max: 100, trim: false }).optional() }),
        response: { 200: pageOf(AuditEventSchema), ...problems },
      },
    },
    async (request) => {
      const { limit, offset, action } = request.query;
      const page = await listAuditEvents(db, {
        orgId: accessOf(request).caller.orgId,
        action,
        limit,
        offset,
      });
      return { ...page, limit, offset };
    },
  );
};
